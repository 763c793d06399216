import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type FieldError, fieldError } from '../../core/errors.js';
import { problemDetails, sendProblem } from '../problem-json.js';

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

/** Every error leaves as problem+json; nothing leaks a stack trace. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    if (error instanceof DomainError) return sendProblem(reply, error);
    if (error.validation) {
      return sendProblem(
        reply,
        problemDetails(
          'VALIDATION_FAILED',
          { zh: '输入有误', en: 'Invalid input' },
          fieldsOf(error.validation as AjvError[], error.validationContext),
        ),
      );
    }
    if (error.statusCode === 413) {
      return sendProblem(
        reply,
        problemDetails('VALIDATION_FAILED', { zh: '请求体过大', en: 'Request body too large' }, []),
      );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(
        reply,
        problemDetails('VALIDATION_FAILED', { zh: '请求无法处理', en: error.message || 'Bad request' }, []),
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      reply,
      problemDetails('INTERNAL', { zh: '服务器内部错误', en: 'Internal server error' }),
    );
  });
  app.setNotFoundHandler((_request, reply) =>
    sendProblem(reply, problemDetails('NOT_FOUND', { zh: '资源不存在', en: 'Resource not found' })),
  );
}
