import type { Kysely, Updateable } from 'kysely';
import type { UserCredentialRow } from '../../db/schema.accounts.js';
import type { DB } from '../../db/schema.js';

/** The credentials row of a user, if they ever had a password or second factor. */
export const getCredentials = (db: Kysely<DB>, userId: string) =>
  db.selectFrom('user_credentials').selectAll().where('user_id', '=', userId).executeTakeFirst();

/** Updates the credentials row, creating it first when the user has none. */
export async function saveCredentials(
  db: Kysely<DB>,
  userId: string,
  changes: Updateable<UserCredentialRow>,
): Promise<void> {
  await ensureCredentials(db, userId);
  await db.updateTable('user_credentials').set(changes).where('user_id', '=', userId).execute();
}

/** Makes sure the user has a credentials row (a no-op when there is one). */
export async function ensureCredentials(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .insertInto('user_credentials')
    .values({ user_id: userId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}
