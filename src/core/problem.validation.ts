import { type FieldError, fieldError, invalid } from './errors.js';
import type { IsoDate } from './problem.types.js';
import type { Label } from './vocabulary.js';
import { isIsoDate } from './working-days.js';

/**
 * Small field checks for command payloads. Each returns a FieldError or null, so a handler
 * lists all its checks and reports every failing field at once.
 */
export type Check = FieldError | null;

export const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export function requireText(field: string, value: unknown, name: Label): Check {
  return isText(value) ? null : fieldError(field, `请填写${name.zh}`, `${name.en} is required`);
}

/** Optional text: absent, null or a string. */
export function optionalText(field: string, value: unknown): Check {
  if (value === undefined || value === null || typeof value === 'string') return null;
  return fieldError(field, '应为文本', 'Must be text');
}

export function requireDate(
  field: string,
  value: unknown,
  bounds: { notBefore?: IsoDate; notAfter?: IsoDate } = {},
): Check {
  if (!isIsoDate(value)) return fieldError(field, '日期格式应为 YYYY-MM-DD', 'Must be a date (YYYY-MM-DD)');
  if (bounds.notBefore !== undefined && value < bounds.notBefore) {
    return fieldError(field, `不能早于${bounds.notBefore}`, `Must not be before ${bounds.notBefore}`);
  }
  if (bounds.notAfter !== undefined && value > bounds.notAfter) {
    return fieldError(field, `不能晚于${bounds.notAfter}`, `Must not be after ${bounds.notAfter}`);
  }
  return null;
}

/** A list of non-empty strings (ids, names, evidence references); `min` items at least. */
export function requireTextList(field: string, value: unknown, min: number, name: Label): Check {
  if (!Array.isArray(value) || !value.every(isText)) {
    return fieldError(field, `${name.zh}应为非空文本列表`, `${name.en} must be a list of non-empty texts`);
  }
  if (value.length < min)
    return fieldError(field, `请至少提供${min}项${name.zh}`, `Give at least ${min} ${name.en}`);
  if (new Set(value).size !== value.length) return fieldError(field, `${name.zh}有重复`, `${name.en} repeat`);
  return null;
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): Check {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return null;
  return fieldError(field, `应为以下之一：${allowed.join('、')}`, `Must be one of: ${allowed.join(', ')}`);
}

export function requireLocation(field: string, value: unknown): Check {
  if (value === null) return null;
  const v = value as { lat?: unknown; lng?: unknown } | undefined;
  const ok =
    typeof v === 'object' &&
    typeof v.lat === 'number' &&
    typeof v.lng === 'number' &&
    Math.abs(v.lat) <= 90 &&
    Math.abs(v.lng) <= 180;
  return ok ? null : fieldError(field, '坐标无效', 'Invalid coordinates');
}

/** Throws VALIDATION_FAILED listing every failed check; does nothing when all passed. */
export function throwIfInvalid(checks: readonly Check[]): void {
  const failed = checks.filter((c): c is FieldError => c !== null);
  if (failed.length > 0) throw invalid(failed);
}
