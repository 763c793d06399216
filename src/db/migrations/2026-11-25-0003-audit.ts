import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * The tamper-evident audit trail and the append-only guards (docs/decisions/0004-audit-chain.md).
 * Frozen once released. Portable column types as in the first migration; the guards are the
 * one engine-specific piece (triggers), written for each engine below.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text')
    .addColumn('resource_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('hash_alg', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_chain_seq_idx')
    .on('audit_log')
    .columns(['chain', 'seq'])
    .unique()
    .execute();
  // The audit page lists newest first, optionally by actor, action or resource.
  await db.schema.createIndex('audit_log_time_idx').on('audit_log').columns(['occurred_at', 'id']).execute();
  await db.schema
    .createIndex('audit_log_actor_idx')
    .on('audit_log')
    .columns(['actor_id', 'occurred_at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_action_idx')
    .on('audit_log')
    .columns(['action', 'occurred_at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_resource_idx')
    .on('audit_log')
    .columns(['resource_id', 'occurred_at', 'id'])
    .execute();

  await db.schema
    .createTable('audit_heads')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('sealed_at', 'text', (c) => c.notNull())
    .addColumn('heads', 'text', (c) => c.notNull())
    .addColumn('hash_alg', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  const guarded = ['events', 'audit_log', 'audit_checkpoints'];
  if (db.getExecutor().adapter instanceof PostgresAdapter) await postgresGuards(db, guarded);
  else await sqliteGuards(db, guarded);
}

// Rows are inserted, never changed: the application cannot update or delete them, by anyone.
async function sqliteGuards(db: Kysely<any>, tables: string[]): Promise<void> {
  for (const t of tables) {
    for (const op of ['update', 'delete']) {
      await sql
        .raw(
          `create trigger ${t}_no_${op} before ${op} on ${t} begin select raise(abort, '${t} is append-only: ${op} refused'); end`,
        )
        .execute(db);
    }
  }
}

async function postgresGuards(db: Kysely<any>, tables: string[]): Promise<void> {
  await sql
    .raw(
      `create function duban_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, lower(tg_op)
    using errcode = 'insufficient_privilege';
end $$`,
    )
    .execute(db);
  for (const t of tables) {
    await sql
      .raw(
        `create trigger ${t}_append_only before update or delete on ${t} for each row execute function duban_append_only()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${t}_no_truncate before truncate on ${t} for each statement execute function duban_append_only()`,
      )
      .execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('the audit trail cannot be reverted');
}
