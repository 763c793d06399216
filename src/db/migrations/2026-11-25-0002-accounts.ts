import type { Kysely } from 'kysely';

/** Accounts, passwords, second factors and browser sessions. */
export async function up(_db: Kysely<any>): Promise<void> {}
