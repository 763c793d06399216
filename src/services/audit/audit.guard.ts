import { DomainError, fieldError } from '../../core/errors.js';
import type { AuditEntry } from './audit.service.js';

const OUTCOMES = new Set(['success', 'failure', 'denied']);
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

// Keys that name secrets or personal data: their values never enter the audit trail.
// Compared without case, '_' or '-': `totpSecret`, `id_card`, `ContactPhone` are all refused.
const FORBIDDEN_KEY =
  /password|passwd|passphrase|secret|credential|totp|cookie|apikey|phone|mobile|email|idcard|idnumber|identity|address|contact|complainant|realname|^(pass|pwd|otp|token|sessionid)$/;
// Values that look like personal data: a mainland mobile number, a resident ID number, an e-mail.
const PERSONAL_VALUE = [
  /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/,
  /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/,
  /[^\s@]+@[^\s@]+\.[a-z]{2,}/i,
];

const refused = (field: string, en: string, zh: string) =>
  new DomainError('INTERNAL', { zh: `审计记录被拒绝：${zh}`, en: `audit entry refused: ${en}` }, [
    fieldError(field, zh, en),
  ]);

/**
 * Refuses an entry that is malformed or whose detail carries secrets or personal data. A
 * programming error, not a user's: the action fails with it rather than leak into the trail.
 */
export function assertAuditable(entry: AuditEntry): void {
  if (!ACTION.test(entry.action))
    throw refused('action', `"${entry.action}" is not a dotted action name`, '操作名格式不正确');
  if (!OUTCOMES.has(entry.outcome))
    throw refused('outcome', 'outcome must be success, failure or denied', '结果取值不正确');
  if (entry.ip && entry.ip.length > 64) throw refused('ip', 'ip is too long', 'IP 地址过长');
  scan(entry.detail ?? {}, 'detail');
}

function scan(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (PERSONAL_VALUE.some((p) => p.test(value)))
      throw refused(path, 'looks like personal data (phone, ID number or e-mail)', '疑似个人信息');
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    if (!Array.isArray(value) && FORBIDDEN_KEY.test(key.replace(/[_-]/g, '').toLowerCase()))
      throw refused(`${path}.${key}`, 'names a secret or personal data', '不得记录密钥或个人信息');
    scan(v, `${path}.${key}`);
  }
}
