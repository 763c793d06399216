import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, type FieldError, fieldError } from '../../core/errors.js';
import { type ProblemDetails, problemDetails, sendProblem } from '../problem-json.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns AJV's messages into named fields with a bilingual message each. */
function fieldsOf(validation: AjvError[], context: string | undefined): FieldError[] {
  return validation.map((v) => {
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const missing = v.keyword === 'required' ? String(v.params.missingProperty) : undefined;
    const extra = v.keyword === 'additionalProperties' ? String(v.params.additionalProperty) : undefined;
    const field =
      [context === 'body' ? '' : context, path, missing ?? extra].filter(Boolean).join('.') ||
      (context ?? 'body');
    if (missing) return fieldError(field, '此项必填', 'is required');
    if (extra) return fieldError(field, '不允许的字段', 'is not an allowed field');
    return fieldError(field, `格式不符合要求（${v.message ?? v.keyword}）`, v.message ?? v.keyword);
  });
}

/** Fastify's own 4xx (body too large, unknown content type, bad JSON) in our format. */
function frameworkError(status: number | undefined, message: string) {
  if (status === 413)
    return problemDetails('PAYLOAD_TOO_LARGE', { zh: '请求体过大', en: 'Request body too large' });
  if (status === 415) {
    return problemDetails(
      'UNSUPPORTED_MEDIA_TYPE',
      { zh: '不支持的内容类型', en: 'Unsupported content type' },
      [fieldError('content-type', '请使用允许的内容类型', 'use an accepted content type')],
    );
  }
  if (status && status >= 400 && status < 500) {
    return problemDetails('VALIDATION_FAILED', { zh: '请求无法处理', en: message || 'Bad request' });
  }
  return undefined;
}

/** Any error as problem details: ours, validation, Fastify's own; anything else is logged and hidden. */
export function problemOf(
  error: FastifyError & { validationContext?: string },
  request: FastifyRequest,
): ProblemDetails {
  if (error instanceof DomainError) return problemDetails(error.code, error.label, error.fields);
  if (error.validation) {
    return problemDetails(
      'VALIDATION_FAILED',
      { zh: '输入有误', en: 'Invalid input' },
      fieldsOf(error.validation as AjvError[], error.validationContext),
    );
  }
  const framework = frameworkError(error.statusCode, error.message);
  if (framework) return framework;
  request.log.error({ err: error }, 'unhandled error');
  return problemDetails('INTERNAL', { zh: '服务器内部错误', en: 'Internal server error' });
}

/** Every error leaves as problem+json; nothing leaks a stack trace. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) =>
    sendProblem(reply, problemOf(error, request)),
  );
  app.setNotFoundHandler((_request, reply) =>
    sendProblem(reply, problemDetails('NOT_FOUND', { zh: '资源不存在', en: 'Resource not found' })),
  );
}
