import type { Kysely } from 'kysely';
import { up as addNoticeTriggers, down as dropNoticeTriggers } from './2026-12-06-0013-count-notices.js';

/*
 * PostgreSQL: the count notices are sent by the writing process after its commit, no longer by
 * triggers inside the writing transaction (decision 0015): a NOTIFY takes a lock that every
 * notifying commit in the cluster queues for, held until its commit is flushed. SQLite had none.
 */
export const up = (db: Kysely<any>): Promise<void> => dropNoticeTriggers(db);

export const down = (db: Kysely<any>): Promise<void> => addNoticeTriggers(db);
