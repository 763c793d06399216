import type { Kysely } from 'kysely';
import { SEED_VOCABULARY } from '../../core/vocabulary.js';
import type { DB } from '../schema.js';
import { loadChinaDivisions } from './china-divisions.js';

export interface ReferenceOptions {
  /** Also load towns and streets (乡镇/街道, ~41,000 rows): used to route complaints. */
  towns?: boolean;
  /** Only these provinces (6-digit codes); all when omitted. Tests load a few to stay quick. */
  provinces?: readonly string[];
  onProgress?: (done: number, total: number) => void;
}

const BATCH = 500;

/** Loads regions and vocabularies into an empty database; does nothing where they exist. */
export async function seedReferenceData(
  db: Kysely<DB>,
  options: ReferenceOptions = {},
): Promise<{ regions: number }> {
  const vocabularyCount = await countRows(db, 'vocabulary_terms');
  if (vocabularyCount === 0) {
    await db
      .insertInto('vocabulary_terms')
      .values(
        SEED_VOCABULARY.map((t, i) => ({
          kind: t.kind,
          code: t.code,
          label_zh: t.label.zh,
          label_en: t.label.en,
          parent_code: t.parentCode ?? null,
          sort_order: i,
          active: 1,
        })),
      )
      .onConflict((oc) => oc.columns(['kind', 'code']).doNothing())
      .execute();
  }
  if ((await countRows(db, 'regions')) > 0) return { regions: 0 };
  const rows = loadChinaDivisions({ towns: options.towns ?? true, provinces: options.provinces });
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await trx
        .insertInto('regions')
        .values(rows.slice(i, i + BATCH))
        .execute();
      options.onProgress?.(Math.min(i + BATCH, rows.length), rows.length);
    }
  });
  return { regions: rows.length };
}

async function countRows(db: Kysely<DB>, table: 'regions' | 'vocabulary_terms'): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
