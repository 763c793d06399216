import {
  COMPLAINT_CHANNELS,
  CONFIDENTIALITY_LEVELS,
  type ComplainantIdentity,
  type ComplaintChannel,
  type Confidentiality,
  POLLUTION_TYPES,
  type PollutionType,
} from '../../core/complaint.js';
import { type FieldError, fieldError, invalid } from '../../core/errors.js';
import { isIsoDate } from '../../core/working-days.js';

export interface NewComplaint {
  channel: ComplaintChannel;
  content: string;
  place: string;
  pollutionType: PollutionType;
  regionCode: string;
  campaignId?: string | null;
  /** 举报人保密 unless the complainant agrees otherwise. */
  confidentiality?: Confidentiality;
  anonymous?: boolean;
  complainant?: ComplainantIdentity | null;
  /** When a letter or call arrived, if not today. */
  receivedOn?: string;
  /** Demo data (示例数据); never settable through the API. */
  illustrative?: boolean;
}

const MOBILE_OR_LANDLINE = /^(?:(?:\+?86)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const ID_NUMBER = /^\d{17}[\dXx]$/;

/** A text of min–max characters once trimmed; `zh` names it in the Chinese message. */
export const lengthErrors = (
  field: string,
  value: unknown,
  min: number,
  max: number,
  zh = '',
): FieldError[] =>
  typeof value === 'string' && value.trim().length >= min && value.trim().length <= max
    ? []
    : [fieldError(field, `${zh}须为 ${min}–${max} 个字`, `must be ${min}–${max} characters`)];

/*
 * Messages never repeat the value they refuse: a bad phone number must not reach a log line
 * or an error body either.
 */
function identityErrors(c: ComplainantIdentity | null | undefined, anonymous: boolean): FieldError[] {
  if (anonymous) {
    return c && Object.values(c).some((v) => v)
      ? [
          fieldError(
            'complainant',
            '匿名举报不填写举报人信息',
            'an anonymous complaint carries no complainant',
          ),
        ]
      : [];
  }
  const errors: FieldError[] = [];
  if (!c)
    return [
      fieldError('complainant', '请填写举报人信息或选择匿名', 'give the complainant or choose anonymous'),
    ];
  errors.push(...lengthErrors('complainant.name', c.name, 1, 50, '姓名'));
  if (!c.phone && !c.email)
    errors.push(
      fieldError('complainant.phone', '请至少留下电话或邮箱', 'give a phone number or an e-mail address'),
    );
  if (c.phone && !MOBILE_OR_LANDLINE.test(c.phone.replace(/\s/g, '')))
    errors.push(fieldError('complainant.phone', '电话号码格式不正确', 'not a valid phone number'));
  if (c.email && !EMAIL.test(c.email))
    errors.push(fieldError('complainant.email', '邮箱格式不正确', 'not a valid e-mail address'));
  if (c.idNumber && !ID_NUMBER.test(c.idNumber))
    errors.push(fieldError('complainant.idNumber', '身份证号格式不正确', 'not a valid ID number'));
  if (c.address !== undefined) errors.push(...lengthErrors('complainant.address', c.address, 0, 200, '地址'));
  return errors;
}

/** Checks the shape of a new complaint; region, campaign and dates are checked against data later. */
export function validateNewComplaint(input: NewComplaint, today: string): void {
  const errors: FieldError[] = [];
  if (!(COMPLAINT_CHANNELS as readonly string[]).includes(input.channel))
    errors.push(fieldError('channel', '来源渠道无效', `must be one of ${COMPLAINT_CHANNELS.join(', ')}`));
  errors.push(...lengthErrors('content', input.content, 10, 5000, '举报内容'));
  errors.push(...lengthErrors('place', input.place, 2, 200, '地点'));
  if (!(POLLUTION_TYPES as readonly string[]).includes(input.pollutionType))
    errors.push(fieldError('pollutionType', '污染类型无效', `must be one of ${POLLUTION_TYPES.join(', ')}`));
  if (!/^\d{6}(\d{3})?$/.test(input.regionCode ?? ''))
    errors.push(fieldError('regionCode', '行政区划代码无效', 'must be a 6- or 9-digit region code'));
  if (input.confidentiality && !(CONFIDENTIALITY_LEVELS as readonly string[]).includes(input.confidentiality))
    errors.push(fieldError('confidentiality', '密级无效', 'must be confidential or normal'));
  if (input.receivedOn !== undefined && (!isIsoDate(input.receivedOn) || input.receivedOn > today))
    errors.push(fieldError('receivedOn', '收件日期无效或晚于今天', 'must be a real date, not in the future'));
  errors.push(...identityErrors(input.complainant, input.anonymous ?? false));
  if (errors.length) throw invalid(errors);
}

/** Keeps only the identity's given fields, trimmed. */
export function normaliseIdentity(c: ComplainantIdentity): ComplainantIdentity {
  const out: ComplainantIdentity = {};
  for (const key of ['name', 'phone', 'email', 'idNumber', 'address'] as const) {
    const v = c[key]?.trim();
    if (v) out[key] = key === 'phone' ? v.replace(/\s/g, '') : v;
  }
  return out;
}
