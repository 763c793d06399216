import type { Kysely } from 'kysely';
import type { Actor } from '../../core/actor.js';
import { campaignAbilities } from '../../core/campaign.policy.js';
import { type CampaignRules, resolveRules } from '../../core/rules.js';
import type { CampaignKind, CampaignLevel } from '../../core/vocabulary.js';
import type { CampaignRow, DB } from '../../db/schema.js';
import type { CampaignSettings } from './campaign-input.js';
import { type RegionRef, regionRef } from './shared.js';

export interface CampaignView {
  id: string;
  name: string;
  level: CampaignLevel;
  kind: CampaignKind;
  provinceCode: string;
  startsOn: string;
  endsOn: string;
  description: string;
  targetRegions: RegionRef[];
  areas: string[];
  problemKinds: string[];
  /** The overrides as stored. */
  settings: CampaignSettings;
  /** The rules in force: the overrides over DEFAULT_RULES. */
  rules: CampaignRules;
  illustrative: boolean;
  workGroupCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  abilities: ReturnType<typeof campaignAbilities>;
}

/** Target region codes of a campaign, in code order. */
export async function targetRegionCodes(db: Kysely<DB>, campaignId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('campaign_regions')
    .select('region_code')
    .where('campaign_id', '=', campaignId)
    .orderBy('region_code')
    .execute();
  return rows.map((r) => r.region_code);
}

/** Presents campaigns with two batched look-ups (regions, group counts), whatever the page size. */
export async function presentCampaigns(
  db: Kysely<DB>,
  actor: Actor,
  rows: readonly CampaignRow[],
): Promise<CampaignView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const regions = await db
    .selectFrom('campaign_regions')
    .innerJoin('regions', 'regions.code', 'campaign_regions.region_code')
    .select(['campaign_regions.campaign_id', 'regions.code', 'regions.name', 'regions.level'])
    .where('campaign_regions.campaign_id', 'in', ids)
    .orderBy('regions.code')
    .execute();
  const counts = await db
    .selectFrom('work_groups')
    .select((eb) => ['campaign_id', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', 'in', ids)
    .groupBy('campaign_id')
    .execute();
  const countOf = new Map(counts.map((c) => [c.campaign_id, Number(c.n)]));
  const abilities = campaignAbilities(actor);
  return rows.map((r) => {
    const settings = JSON.parse(r.settings) as CampaignSettings;
    return {
      id: r.id,
      name: r.name,
      level: r.level as CampaignLevel,
      kind: r.kind as CampaignKind,
      provinceCode: r.province_code,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      description: r.description,
      targetRegions: regions.filter((g) => g.campaign_id === r.id).map(regionRef),
      areas: JSON.parse(r.areas) as string[],
      problemKinds: JSON.parse(r.problem_kinds) as string[],
      settings,
      rules: resolveRules(settings),
      illustrative: r.illustrative === 1,
      workGroupCount: countOf.get(r.id) ?? 0,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      abilities,
    };
  });
}
