import type { Label } from './vocabulary.js';

/** Stable error codes; each maps to a problem+json `type` and an HTTP status. */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  DUPLICATE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  RULE_VIOLATION: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PRECONDITION_REQUIRED: 428,
  VERSION_CONFLICT: 412,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  field: string;
  message: Label;
}

/** An expected failure with a stable code, a bilingual message and the failing fields. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly label: Label;
  readonly fields: FieldError[];

  constructor(code: ErrorCode, label: Label, fields: FieldError[] = []) {
    super(label.en);
    this.name = 'DomainError';
    this.code = code;
    this.label = label;
    this.fields = fields;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export const fieldError = (field: string, zh: string, en: string): FieldError => ({
  field,
  message: { zh, en },
});

export const invalid = (fields: FieldError[]) =>
  new DomainError('VALIDATION_FAILED', { zh: '输入有误', en: 'Invalid input' }, fields);

export const notFound = (what: Label) =>
  new DomainError('NOT_FOUND', { zh: `${what.zh}不存在`, en: `${what.en} not found` });
