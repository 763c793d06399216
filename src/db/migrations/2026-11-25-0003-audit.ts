import type { Kysely } from 'kysely';

/** The tamper-evident audit trail and append-only guards. */
export async function up(_db: Kysely<any>): Promise<void> {}
