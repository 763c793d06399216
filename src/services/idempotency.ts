import { createHash } from 'node:crypto';
import { DomainError, fieldError } from '../core/errors.js';
import { canonicalJson } from '../db/canonical-json.js';
import { insertRow } from '../db/compiled-statements.js';
import { lastWrites } from '../db/one-statement.js';
import { awaitDurable, inTransaction, type ServiceContext, withDb } from './context.js';

export interface IdempotencyRequest {
  actorId: string;
  key: string;
  /** What was asked (method, path, body): a key reused for a different request is refused. */
  request: unknown;
}

const reused = () =>
  new DomainError(
    'IDEMPOTENCY_KEY_REUSED',
    { zh: '幂等键已用于另一个请求', en: 'Idempotency-Key was already used for a different request' },
    [fieldError('Idempotency-Key', '请为新请求使用新的幂等键', 'Use a new key for a new request')],
  );

/**
 * Creates something at most once per (actor, key). The key is recorded in the same
 * transaction as the creation, so a retry — even racing on another server process — gets
 * the first result (read again) and never a second copy.
 */
export async function createOnce<T>(
  ctx: ServiceContext,
  idem: IdempotencyRequest | undefined,
  create: (ctx: ServiceContext) => Promise<{ id: string; value: T }>,
  replay: (id: string) => Promise<T>,
): Promise<{ value: T; replayed: boolean }> {
  if (!idem)
    return { value: (await inTransaction(ctx, (trx) => create(withDb(ctx, trx)))).value, replayed: false };
  const hash = createHash('sha256').update(canonicalJson(idem.request)).digest('hex');
  const earlier = await lookup(ctx, idem, hash);
  if (earlier) return { value: await replayDurable(ctx, earlier, replay), replayed: true };
  try {
    const created = await inTransaction(ctx, async (trx) => {
      const result = await create(withDb(ctx, trx));
      // The transaction's last write: on PostgreSQL it goes out with the COMMIT (and with the
      // creation's own last writes, when they were kept back for it too).
      await lastWrites(trx, [
        insertRow(trx, 'idempotency_keys', {
          actor_id: idem.actorId,
          key: idem.key,
          request_hash: hash,
          status_code: 201,
          response: JSON.stringify({ id: result.id }),
          created_at: ctx.clock.now().toISOString(),
        }),
      ]);
      return result;
    });
    return { value: created.value, replayed: false };
  } catch (err) {
    // A concurrent request with the same key committed first: answer with its result.
    const winner = await lookup(ctx, idem, hash).catch(() => undefined);
    if (winner) return { value: await replayDurable(ctx, winner, replay), replayed: true };
    throw err;
  }
}

/** The first request may still wait for its sync: a retry is not acknowledged before it is durable. */
async function replayDurable<T>(
  ctx: ServiceContext,
  id: string,
  replay: (id: string) => Promise<T>,
): Promise<T> {
  await awaitDurable(ctx);
  return replay(id);
}

async function lookup(
  ctx: ServiceContext,
  idem: IdempotencyRequest,
  hash: string,
): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response'])
    .where('actor_id', '=', idem.actorId)
    .where('key', '=', idem.key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== hash) throw reused();
  return (JSON.parse(row.response) as { id: string }).id;
}
