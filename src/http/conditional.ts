import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, fieldError } from '../core/errors.js';

export const etagOf = (version: number) => `"${version}"`;

/** The version the client last saw, from `If-Match: "7"` (weak tags accepted). Required on changes. */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (!header) {
    throw new DomainError(
      'PRECONDITION_REQUIRED',
      {
        zh: '修改需要 If-Match 请求头（当前版本号）',
        en: 'Changes require an If-Match header with the current version',
      },
      [fieldError('If-Match', '缺少版本号', 'missing')],
    );
  }
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(String(header));
  if (!m?.[1]) {
    throw new DomainError('VALIDATION_FAILED', { zh: 'If-Match 格式无效', en: 'Malformed If-Match header' }, [
      fieldError('If-Match', '应为 "版本号"', 'expected "<version>"'),
    ]);
  }
  return Number(m[1]);
}

export const idempotencyKeyOf = (request: FastifyRequest): string | undefined => {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  const value = String(key);
  if (value.length < 8 || value.length > 200) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: '幂等键长度须为 8–200', en: 'Idempotency-Key must be 8–200 characters' },
      [fieldError('Idempotency-Key', '长度须为 8–200', 'length 8–200')],
    );
  }
  return value;
};

export function withEtag<T extends { version: number }>(reply: FastifyReply, resource: T): T {
  reply.header('etag', etagOf(resource.version));
  return resource;
}
