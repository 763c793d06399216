import type { Kysely } from 'kysely';
import type { Actor } from '../../core/actor.js';
import { canManageCampaigns, requireAllowed } from '../../core/campaign.policy.js';
import { DomainError, fieldError, notFound } from '../../core/errors.js';
import type { CampaignKind } from '../../core/vocabulary.js';
import { newestFirstPage } from '../../db/keyset.js';
import type { CampaignRow, DB } from '../../db/schema.js';
import { inTransaction, type ServiceContext, withDb } from '../context.js';
import { createOnce, type IdempotencyRequest } from '../idempotency.js';
import { type CampaignView, presentCampaigns, targetRegionCodes } from './campaign.presenter.js';
import {
  type CampaignChanges,
  type CampaignFields,
  type NewCampaign,
  normaliseCampaign,
  validateCampaign,
} from './campaign-input.js';
import {
  CAMPAIGN,
  casSucceeded,
  changedFields,
  isWithin,
  recordEvent,
  regionRows,
  versionConflict,
} from './shared.js';

export async function findCampaignRow(db: Kysely<DB>, id: string): Promise<CampaignRow> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(CAMPAIGN);
  return row;
}

const columnsOf = (c: CampaignFields) => ({
  name: c.name,
  level: c.level,
  kind: c.kind,
  starts_on: c.startsOn,
  ends_on: c.endsOn,
  description: c.description,
  areas: JSON.stringify(c.areas),
  problem_kinds: JSON.stringify(c.problemKinds),
  settings: JSON.stringify(c.settings),
  illustrative: c.illustrative ? 1 : 0,
});

async function replaceTargets(db: Kysely<DB>, campaignId: string, codes: readonly string[]): Promise<void> {
  await db.deleteFrom('campaign_regions').where('campaign_id', '=', campaignId).execute();
  await db
    .insertInto('campaign_regions')
    .values(codes.map((region_code) => ({ campaign_id: campaignId, region_code })))
    .execute();
}

/** Creates a campaign with its target regions and first event; honours an Idempotency-Key. */
export async function createCampaign(
  ctx: ServiceContext,
  actor: Actor,
  input: NewCampaign,
  idem?: Omit<IdempotencyRequest, 'actorId'>,
): Promise<{ value: CampaignView; replayed: boolean }> {
  requireAllowed(canManageCampaigns(actor));
  const c = normaliseCampaign(input);
  await validateCampaign(ctx, c);
  const { value: id, replayed } = await createOnce(
    ctx,
    idem && { ...idem, actorId: actor.userId },
    async (tctx) => {
      const id = tctx.newId();
      const now = tctx.clock.now().toISOString();
      await tctx.db
        .insertInto('campaigns')
        .values({
          id,
          ...columnsOf(c),
          province_code: c.provinceCode,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await replaceTargets(tctx.db, id, c.targetRegionCodes);
      await recordEvent(tctx, now, {
        aggregateType: 'campaign',
        aggregateId: id,
        seq: 1,
        type: 'campaign.created',
        actorId: actor.userId,
        payload: { ...c },
      });
      return { id, value: id };
    },
    async (id) => id,
  );
  return { value: await getCampaign(ctx, actor, id), replayed };
}

export async function getCampaign(ctx: ServiceContext, actor: Actor, id: string): Promise<CampaignView> {
  const [view] = await presentCampaigns(ctx.db, actor, [await findCampaignRow(ctx.db, id)]);
  return view!;
}

export interface CampaignFilter {
  provinceCode?: string;
  kind?: CampaignKind;
}

/** Newest first, one keyset page over (created_at, id). */
export async function listCampaigns(
  ctx: ServiceContext,
  actor: Actor,
  filter: CampaignFilter,
  page: { limit?: number; cursor?: string } = {},
): Promise<{ items: CampaignView[]; nextCursor: string | null }> {
  let q = ctx.db.selectFrom('campaigns').selectAll();
  if (filter.provinceCode) q = q.where('province_code', '=', filter.provinceCode);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const { rows, nextCursor } = await newestFirstPage(q, 'created_at', (r) => r.created_at, page);
  return { items: await presentCampaigns(ctx.db, actor, rows), nextCursor };
}

function fieldsOf(row: CampaignRow, targets: string[]): CampaignFields {
  return normaliseCampaign({
    name: row.name,
    level: row.level as CampaignFields['level'],
    kind: row.kind as CampaignFields['kind'],
    provinceCode: row.province_code,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    description: row.description,
    targetRegionCodes: targets,
    areas: JSON.parse(row.areas),
    problemKinds: JSON.parse(row.problem_kinds),
    settings: JSON.parse(row.settings),
    illustrative: row.illustrative === 1,
  });
}

/** Work groups must stay inside the targets: shrinking them under a group is refused. */
async function requireGroupsInside(
  ctx: ServiceContext,
  campaignId: string,
  targets: readonly string[],
): Promise<void> {
  const assigned = await ctx.db
    .selectFrom('work_group_regions')
    .innerJoin('work_groups', 'work_groups.id', 'work_group_regions.work_group_id')
    .select(['work_groups.name', 'work_group_regions.region_code'])
    .where('work_groups.campaign_id', '=', campaignId)
    .execute();
  const rows = await regionRows(
    ctx.db,
    assigned.map((a) => a.region_code),
  );
  const roots = new Set(targets);
  const outside = assigned.find((a) => !isWithin(rows.get(a.region_code)!, roots));
  if (outside) {
    throw new DomainError(
      'CONFLICT',
      { zh: '工作组的分工地区将不在目标地区内', en: 'A work group would be left outside the targets' },
      [
        fieldError(
          'targetRegionCodes',
          `工作组“${outside.name}”负责的地区 ${outside.region_code} 须保留在目标地区内`,
          `work group "${outside.name}" is assigned ${outside.region_code}, which must stay inside the targets`,
        ),
      ],
    );
  }
}

/** PATCH with If-Match: compare-and-set on the version, event `campaign.updated` with the changes. */
export async function updateCampaign(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  changes: CampaignChanges,
): Promise<CampaignView> {
  requireAllowed(canManageCampaigns(actor));
  const row = await findCampaignRow(ctx.db, id);
  if (row.version !== expectedVersion) throw versionConflict(CAMPAIGN);
  const current = fieldsOf(row, await targetRegionCodes(ctx.db, id));
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const next = normaliseCampaign({ ...current, ...defined });
  await validateCampaign(ctx, next);
  const changed = changedFields(current, next);
  if (!Object.keys(changed).length) return getCampaign(ctx, actor, id);
  if (changed.targetRegionCodes) await requireGroupsInside(ctx, id, next.targetRegionCodes);
  await inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const version = expectedVersion + 1;
    // Compare-and-set: a concurrent writer since our read leaves 0 rows here (→ 412).
    const result = await trx
      .updateTable('campaigns')
      .set({ ...columnsOf(next), version, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (!casSucceeded(result)) throw versionConflict(CAMPAIGN);
    if (changed.targetRegionCodes) await replaceTargets(trx, id, next.targetRegionCodes);
    await recordEvent(withDb(ctx, trx), now, {
      aggregateType: 'campaign',
      aggregateId: id,
      seq: version,
      type: 'campaign.updated',
      actorId: actor.userId,
      payload: { changes: changed },
    });
  });
  // This process sees new rules at once; other processes within the cache TTL.
  ctx.caches.rules.delete(id);
  return getCampaign(ctx, actor, id);
}
