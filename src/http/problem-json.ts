import type { FastifyReply } from 'fastify';
import { DomainError, ERROR_CODES, type ErrorCode, type FieldError } from '../core/errors.js';
import type { Label } from '../core/vocabulary.js';

/** RFC 9457 body: a stable type per code, bilingual message, failing fields. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  message: Label;
  errors?: FieldError[];
}

export const errorType = (code: ErrorCode) =>
  `https://duban.dev/errors/${code.toLowerCase().replaceAll('_', '-')}`;

export function problemDetails(code: ErrorCode, message: Label, errors: FieldError[] = []): ProblemDetails {
  return {
    type: errorType(code),
    title: message.en,
    status: ERROR_CODES[code],
    code,
    detail: `${message.zh} / ${message.en}`,
    message,
    ...(errors.length ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, err: DomainError | ProblemDetails): FastifyReply {
  const body = err instanceof DomainError ? problemDetails(err.code, err.label, err.fields) : err;
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}
