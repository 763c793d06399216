import type { Kysely } from 'kysely';

/*
 * The ledger's first schema. Frozen once released: change the schema with a new dated file.
 * Portable column types on purpose (docs/decisions/0002): JSON as text, instants as ISO text,
 * booleans as integers, so one migration serves SQLite and PostgreSQL alike.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('admin_parent_code', 'text')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text')
    .addColumn('county_code', 'text')
    .addColumn('directly_administered', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('regions_parent_idx').on('regions').columns(['parent_code', 'code']).execute();
  await db.schema.createIndex('regions_admin_parent_idx').on('regions').column('admin_parent_code').execute();
  await db.schema.createIndex('regions_name_idx').on('regions').column('name').execute();

  await db.schema
    .createTable('vocabulary_terms')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('vocabulary_terms_pk', ['kind', 'code'])
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('parent_unit_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('units_region_idx').on('units').column('region_code').execute();
  await db.schema
    .createIndex('units_name_idx')
    .on('units')
    .columns(['name', 'region_code'])
    .unique()
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await createCampaignTables(db);
  await createProblemTables(db);

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['actor_id', 'key'])
    .execute();

  await db.schema
    .createTable('ledger_sequences')
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_sequences_pk', ['prefix', 'year'])
    .execute();
}

async function createCampaignTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('areas', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('problem_kinds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('campaign_regions')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addPrimaryKeyConstraint('campaign_regions_pk', ['campaign_id', 'region_code'])
    .execute();

  await db.schema
    .createTable('work_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_groups_campaign_idx').on('work_groups').column('campaign_id').execute();
  await db.schema
    .createTable('work_group_units')
    .addColumn('work_group_id', 'text', (c) => c.notNull().references('work_groups.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('work_group_units_pk', ['work_group_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('work_group_regions')
    .addColumn('work_group_id', 'text', (c) => c.notNull().references('work_groups.id'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addPrimaryKeyConstraint('work_group_regions_pk', ['work_group_id', 'region_code'])
    .execute();
  await db.schema
    .createTable('work_group_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_group_id', 'text', (c) => c.notNull().references('work_groups.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('member_role', 'text', (c) => c.notNull()) // leader | member | expert | liaison
    .addColumn('expertise', 'text')
    .execute();
  await db.schema
    .createIndex('work_group_members_group_idx')
    .on('work_group_members')
    .column('work_group_id')
    .execute();
  await db.schema
    .createIndex('work_group_members_user_idx')
    .on('work_group_members')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('site_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_group_id', 'text', (c) => c.notNull().references('work_groups.id'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('participants', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('findings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('site_visits_group_idx')
    .on('site_visits')
    .columns(['work_group_id', 'visited_on'])
    .execute();
}

async function createProblemTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull()) // first area, for filters and rollups
    .addColumn('sub_area', 'text')
    .addColumn('problem_kind', 'text')
    .addColumn('campaign_id', 'text', (c) => c.references('campaigns.id'))
    .addColumn('work_group_id', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    // Denormalised administrative ancestry: subtree filters are equality on one column.
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text')
    .addColumn('county_code', 'text')
    .addColumn('lead_unit_id', 'text')
    .addColumn('deadline', 'text')
    // deadline, or '9999-12-31' when none: a non-null sort key keeps keyset pages on the index.
    .addColumn('due_key', 'text', (c) => c.notNull())
    .addColumn('plan_due_on', 'text')
    .addColumn('progress_reference_on', 'text')
    .addColumn('supervision_level', 'text')
    .addColumn('supervision_deadline', 'text')
    .addColumn('notice_ends_on', 'text')
    .addColumn('complaint_linked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('origin_id', 'text')
    .addColumn('duplicate_of_id', 'text')
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    // The full projection (ProblemState) as JSON; list queries read only the columns above.
    .addColumn('state', 'text', (c) => c.notNull())
    .execute();
  // Keyset lists sort by (deadline, id) inside a region column and status.
  for (const col of ['province_code', 'city_code', 'county_code']) {
    await db.schema
      .createIndex(`problems_${col}_status_deadline_idx`)
      .on('problems')
      .columns([col, 'status', 'due_key', 'id'])
      .execute();
  }
  await db.schema
    .createIndex('problems_campaign_idx')
    .on('problems')
    .columns(['campaign_id', 'region_code'])
    .execute();
  await db.schema
    .createIndex('problems_lead_unit_idx')
    .on('problems')
    .columns(['lead_unit_id', 'status'])
    .execute();
  await db.schema
    .createIndex('problems_status_deadline_idx')
    .on('problems')
    .columns(['status', 'due_key', 'id'])
    .execute();
  await db.schema.createIndex('problems_origin_idx').on('problems').column('origin_id').execute();

  await db.schema
    .createTable('problem_units')
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // lead | co
    .addPrimaryKeyConstraint('problem_units_pk', ['problem_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('problem_units_unit_idx')
    .on('problem_units')
    .columns(['unit_id', 'problem_id'])
    .execute();

  await db.schema
    .createTable('problem_links')
    .addColumn('from_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('to_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // screening | duplicate
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('problem_links_pk', ['from_id', 'to_id', 'kind'])
    .execute();
  await db.schema.createIndex('problem_links_to_idx').on('problem_links').column('to_id').execute();

  // Append-only: rows are inserted, never updated or deleted (hash chain per aggregate).
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('aggregate_type', 'text', (c) => c.notNull())
    .addColumn('aggregate_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_aggregate_seq_idx')
    .on('events')
    .columns(['aggregate_id', 'seq'])
    .unique()
    .execute();
  await db.schema.createIndex('events_occurred_idx').on('events').columns(['occurred_at']).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_path', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_problem_idx').on('attachments').column('problem_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('the initial migration cannot be reverted');
}
