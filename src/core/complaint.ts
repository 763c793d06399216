import { DomainError } from './errors.js';
import type { Label } from './vocabulary.js';

/**
 * Public complaints (信访举报件): the vocabulary, the lifecycle as a table, and the screening
 * that keeps a complainant's identity out of anything published. Pure: no clock, no storage.
 */
export const COMPLAINT_STATUSES = ['received', 'routed', 'verified', 'closed', 'not_accepted'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, Label> = {
  received: { zh: '已受理', en: 'Received' },
  routed: { zh: '已转办', en: 'Routed' },
  verified: { zh: '已核实', en: 'Verified' },
  closed: { zh: '已办结', en: 'Closed' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
};

export const COMPLAINT_CHANNELS = [
  'web',
  'open311',
  'hotline_12369',
  'letter',
  'visit',
  'email',
  'transfer',
] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const CHANNEL_LABELS: Record<ComplaintChannel, Label> = {
  web: { zh: '网上举报', en: 'Web form' },
  open311: { zh: 'Open311 客户端', en: 'Open311 client' },
  hotline_12369: { zh: '12369 热线', en: '12369 hotline' },
  letter: { zh: '来信', en: 'Letter' },
  visit: { zh: '来访', en: 'Visit' },
  email: { zh: '电子邮件', en: 'Email' },
  transfer: { zh: '上级转办', en: 'Transferred from above' },
};

/** Channels the public reaches without signing in. */
export const PUBLIC_CHANNELS: readonly ComplaintChannel[] = ['web', 'open311'];

export const FINDINGS = ['substantiated', 'partly_substantiated', 'unsubstantiated'] as const;
export type Finding = (typeof FINDINGS)[number];

export const FINDING_LABELS: Record<Finding, Label> = {
  substantiated: { zh: '属实', en: 'Substantiated' },
  partly_substantiated: { zh: '部分属实', en: 'Partly substantiated' },
  unsubstantiated: { zh: '不属实', en: 'Unsubstantiated' },
};

/** 举报人保密: the complainant's identity is readable only by handlers cleared for this label. */
export const CONFIDENTIALITY_LEVELS = ['confidential', 'normal'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

/** The clearance a user needs to decrypt the identity of a 'confidential' complaint. */
export const COMPLAINANT_CLEARANCE = 'complainant_confidential';
export const CLEARANCES = [COMPLAINANT_CLEARANCE] as const;
export type Clearance = (typeof CLEARANCES)[number];

export const CLEARANCE_LABELS: Record<Clearance, Label> = {
  complainant_confidential: { zh: '举报人保密信息', en: 'Confidential complainant identity' },
};

/** Who complained and how to reach them. Lives only sealed in the vault. */
export interface ComplainantIdentity {
  name?: string;
  phone?: string;
  email?: string;
  idNumber?: string;
  address?: string;
}

export const COMPLAINT_COMMANDS = [
  'route',
  'verify',
  'close',
  'not_accept',
  'link_problem',
  'mark_repeat',
  'disclose',
] as const;
export type ComplaintCommand = (typeof COMPLAINT_COMMANDS)[number];

/** From which statuses a command may run, and the status it leaves (null: unchanged). */
const TRANSITIONS: Record<
  ComplaintCommand,
  { from: readonly ComplaintStatus[]; to: ComplaintStatus | null }
> = {
  route: { from: ['received', 'routed'], to: 'routed' },
  verify: { from: ['routed', 'verified'], to: 'verified' },
  close: { from: ['verified'], to: 'closed' },
  not_accept: { from: ['received'], to: 'not_accepted' },
  link_problem: { from: ['received', 'routed', 'verified', 'closed'], to: null },
  mark_repeat: { from: ['received', 'routed', 'verified', 'closed'], to: null },
  disclose: { from: ['verified', 'closed'], to: null },
};

const COMMAND_LABELS: Record<ComplaintCommand, Label> = {
  route: { zh: '转办', en: 'route' },
  verify: { zh: '核实', en: 'verify' },
  close: { zh: '办结', en: 'close' },
  not_accept: { zh: '不予受理', en: 'decline' },
  link_problem: { zh: '关联问题', en: 'link to a problem' },
  mark_repeat: { zh: '标记重复件', en: 'mark as a repeat' },
  disclose: { zh: '公开', en: 'disclose' },
};

/** Whether the status allows the command (for presenters: never throws). */
export const complaintCommandAvailable = (status: ComplaintStatus, command: ComplaintCommand) =>
  TRANSITIONS[command].from.includes(status);

/** The status after the command; INVALID_TRANSITION when the status does not allow it. */
export function complaintTransition(status: ComplaintStatus, command: ComplaintCommand): ComplaintStatus {
  if (!complaintCommandAvailable(status, command)) {
    const s = COMPLAINT_STATUS_LABELS[status];
    const c = COMMAND_LABELS[command];
    throw new DomainError('INVALID_TRANSITION', {
      zh: `“${s.zh}”状态的举报件不能${c.zh}`,
      en: `A complaint that is ${s.en.toLowerCase()} cannot ${c.en}`,
    });
  }
  return TRANSITIONS[command].to ?? status;
}

/** A complaint is overdue when unanswered (not verified or closed) after its answer date. */
export const complaintOverdue = (status: ComplaintStatus, answerDueOn: string, today: string) =>
  (status === 'received' || status === 'routed') && answerDueOn < today;

/** Tracking codes: JB + received date + 10 Crockford base32 characters (50 random bits). */
export const TRACKING_CODE_PATTERN = /^JB\d{8}-[0-9A-HJKMNP-TV-Z]{10}$/;

const PHONE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/;
const LANDLINE = /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/;
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;

export type PersonalDataKind = 'name' | 'phone' | 'email' | 'id_number' | 'address';

const squeeze = (s: string) => s.replace(/[\s-]/g, '').toLowerCase();

/**
 * What personal data a text to be published contains: anything that looks like a phone
 * number, ID number or e-mail address, and any part of this complainant's identity. Used to
 * refuse a disclosure, never to silently rewrite it: a person decides what is published.
 */
export function personalDataIn(text: string, identity: ComplainantIdentity | null): PersonalDataKind[] {
  const found = new Set<PersonalDataKind>();
  if (PHONE.test(text) || LANDLINE.test(text)) found.add('phone');
  if (ID_NUMBER.test(text)) found.add('id_number');
  if (EMAIL.test(text)) found.add('email');
  if (identity) {
    const flat = squeeze(text);
    const has = (v: string | undefined, min: number) =>
      v !== undefined && squeeze(v).length >= min && flat.includes(squeeze(v));
    if (has(identity.name, 2)) found.add('name');
    if (has(identity.phone, 5)) found.add('phone');
    if (has(identity.email, 5)) found.add('email');
    if (has(identity.idNumber, 6)) found.add('id_number');
    if (has(identity.address, 6)) found.add('address');
  }
  return [...found];
}

export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, Label> = {
  name: { zh: '举报人姓名', en: "the complainant's name" },
  phone: { zh: '电话号码', en: 'a phone number' },
  email: { zh: '电子邮箱', en: 'an e-mail address' },
  id_number: { zh: '身份证号', en: 'an ID number' },
  address: { zh: '举报人住址', en: "the complainant's address" },
};

/** 污染类型 as complaint forms ask for it. */
export const POLLUTION_TYPES = [
  'air',
  'water',
  'soil',
  'noise',
  'solid_waste',
  'ecology',
  'radiation',
  'other',
] as const;
export type PollutionType = (typeof POLLUTION_TYPES)[number];

export const POLLUTION_TYPE_LABELS: Record<PollutionType, Label> = {
  air: { zh: '大气', en: 'Air' },
  water: { zh: '水', en: 'Water' },
  soil: { zh: '土壤', en: 'Soil' },
  noise: { zh: '噪声', en: 'Noise' },
  solid_waste: { zh: '固体废物', en: 'Solid waste' },
  ecology: { zh: '生态', en: 'Ecology' },
  radiation: { zh: '辐射', en: 'Radiation' },
  other: { zh: '其他', en: 'Other' },
};

/** Character bigrams of a place, without spaces and punctuation: 东风村砖厂 → 东风, 风村, 村砖, 砖厂. */
function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase()];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  if (chars.length === 1) out.add(chars[0]!);
  return out;
}

/** Dice similarity of two places' bigrams (0…1): how alike two reports' locations read. */
export function placeSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** Reports from the same region and pollution type whose places read this alike are likely repeats. */
export const REPEAT_SIMILARITY = 0.5;
