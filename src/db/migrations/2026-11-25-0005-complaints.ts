import type { Kysely } from 'kysely';

/*
 * Public complaints (信访举报件) and, apart from them, the complainants' identities. The
 * identity table holds ciphertext only (the key comes from configuration, never from the
 * database); nothing else in the schema refers to a complainant by name or contact.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('pollution_type', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text')
    .addColumn('county_code', 'text')
    .addColumn('campaign_id', 'text', (c) => c.references('campaigns.id'))
    // 举报人保密 ('confidential') or 'normal': who may decrypt the identity.
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('answer_due_on', 'text', (c) => c.notNull())
    .addColumn('routed_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('finding', 'text')
    .addColumn('result', 'text')
    .addColumn('accountability', 'text')
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('repeat_of_id', 'text', (c) => c.references('complaints.id'))
    .addColumn('public_content', 'text')
    .addColumn('public_result', 'text')
    .addColumn('disclosed_at', 'text')
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const col of ['province_code', 'city_code', 'county_code'] as const) {
    await db.schema
      .createIndex(`complaints_${col}_idx`)
      .on('complaints')
      .columns([col, 'received_on', 'id'])
      .execute();
  }
  await db.schema.createIndex('complaints_unit_idx').on('complaints').column('routed_unit_id').execute();
  await db.schema.createIndex('complaints_problem_idx').on('complaints').column('problem_id').execute();
  await db.schema.createIndex('complaints_repeat_idx').on('complaints').column('repeat_of_id').execute();
  await db.schema
    .createIndex('complaints_disclosed_idx')
    .on('complaints')
    .columns(['disclosed_at', 'id'])
    .where('disclosed_at', 'is not', null)
    .execute();

  // The vault: one sealed record per complaint that has a complainant (anonymous ones have none).
  await db.schema
    .createTable('complainant_identities')
    .addColumn('complaint_id', 'text', (c) => c.primaryKey().references('complaints.id'))
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Labels a user is cleared for (e.g. 'complainant_confidential'), granted by the security admin.
  await db.schema
    .alterTable('users')
    .addColumn('clearances', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
