import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/*
 * Statements run more than once become named prepared statements on each connection.
 *
 * node-postgres sends a query with parameters as an unnamed statement: PostgreSQL parses,
 * analyses and plans it again every time, work that is most of a primary-key read's cost and
 * runs on the same two cores as the server. A named statement is parsed once per connection;
 * PostgreSQL then plans it per call for five calls and afterwards keeps a generic plan when
 * that plan is estimated no worse (plan_cache_mode = auto).
 *
 * Only statements with parameters are named: the rest (BEGIN, COMMIT, a last write sent with
 * its COMMIT, which is several statements and must use the simple protocol) go as they are.
 * A text is named on its second use, so one-off statements (bulk inserts of odd sizes,
 * maintenance) never take a connection's memory, and a connection keeps at most
 * PREPARED_PER_CONNECTION of them. Prepared statements belong to a session: a pooler in front
 * of PostgreSQL must pool sessions, not transactions (docs/operations.md).
 */

export const PREPARED_PER_CONNECTION = 200;
/** Texts counted for their second use (past this many the count starts again), and texts named. */
const SEEN_LIMIT = 10_000;

export function preparingPool(pool: pg.Pool): PostgresPool {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const nameOf = (text: string): string | undefined => {
    const name = names.get(text);
    if (name) return name;
    const uses = (seen.get(text) ?? 0) + 1;
    if (uses < 2) {
      if (seen.size >= SEEN_LIMIT) seen.clear();
      seen.set(text, uses);
      return undefined;
    }
    seen.delete(text);
    if (names.size >= SEEN_LIMIT) return undefined;
    const named = `duban_${names.size + 1}`;
    names.set(text, named);
    return named;
  };
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const prepared = new Set<string>();
    const query = (text: unknown, values?: readonly unknown[]) => {
      if (typeof text !== 'string' || !values?.length) return client.query(text as never, values as never);
      const name = nameOf(text);
      if (!name || (!prepared.has(name) && prepared.size >= PREPARED_PER_CONNECTION))
        return client.query(text, values as unknown[]);
      prepared.add(name);
      return client.query({ name, text, values: values as unknown[] });
    };
    return {
      query: query as unknown as PostgresPoolClient['query'],
      release: (destroy) => client.release(destroy),
    };
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = wrap(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}
