import type { RegionRow } from '../../src/db/schema.js';
import { DAY_MS, Rng, uuidv7At } from './random.js';

/** A place problems happen in (a county, or a city without counties) and who answers for it. */
export interface Place {
  code: string;
  name: string;
  province: string;
  city: string | null;
  county: string | null;
  /** County government and environment bureau: the lead unit is one of them. */
  leadUnits: string[];
  /** The city's bureau and government: co-operating units. */
  coUnits: string[];
  staffUser: string;
}

export interface CampaignInfo {
  id: string;
  province: number;
  source: string;
  kind: 'inspection' | 'look_back' | 'special_action';
  startMs: number;
  /** city code → work group id */
  groupOfCity: Record<string, string>;
}

export interface ProvinceInfo {
  code: string;
  name: string;
  officeUser: string;
  officeUnit: string;
  firstPlace: number;
  placeCount: number;
  weight: number;
  campaigns: number[];
}

/** Everything a worker needs to generate problems: plain data, cloned into each worker. */
export interface World {
  seed: number;
  nowMs: number;
  places: Place[];
  provinces: ProvinceInfo[];
  campaigns: CampaignInfo[];
}

/** Rows of the reference tables (units, users, campaigns, work groups), inserted as they are. */
export type ReferenceRows = Record<string, Record<string, unknown>[]>;

const CAMPAIGN_PLAN = [
  {
    year: 2017,
    name: '中央第一轮生态环境保护督察',
    level: 'central',
    kind: 'inspection',
    source: 'central_inspection',
  },
  {
    year: 2018,
    name: '中央生态环境保护督察"回头看"',
    level: 'central',
    kind: 'look_back',
    source: 'central_look_back',
  },
  {
    year: 2020,
    name: '中央第二轮生态环境保护督察',
    level: 'central',
    kind: 'inspection',
    source: 'central_inspection',
  },
  {
    year: 2022,
    name: '省级生态环境保护督察',
    level: 'provincial',
    kind: 'inspection',
    source: 'provincial_inspection',
  },
  {
    year: 2023,
    name: '省级督察"回头看"',
    level: 'provincial',
    kind: 'look_back',
    source: 'provincial_look_back',
  },
  {
    year: 2024,
    name: '中央第三轮生态环境保护督察',
    level: 'central',
    kind: 'inspection',
    source: 'central_inspection',
  },
  {
    year: 2026,
    name: '黑臭水体和"散乱污"专项行动',
    level: 'provincial',
    kind: 'special_action',
    source: 'provincial_inspection',
  },
] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

/** Builds units, users, campaigns and work groups over the real region tree. */
export function buildWorld(regions: RegionRow[], seed: number, nowMs: number) {
  const rng = new Rng(seed, 0xface);
  const rows: ReferenceRows = {
    units: [],
    users: [],
    campaigns: [],
    campaign_regions: [],
    work_groups: [],
    work_group_units: [],
    work_group_regions: [],
    work_group_members: [],
  };
  const born = Date.UTC(2016, 0, 4);
  const id = () => uuidv7At(born + rng.int(0, 1000), rng);
  const createdAt = iso(born);
  const unit = (name: string, kind: string, region: string) => {
    const u = {
      id: id(),
      name,
      short_name: null,
      kind,
      region_code: region,
      parent_unit_id: null,
      version: 1,
      created_at: createdAt,
    };
    rows.units!.push(u);
    return u.id;
  };
  const user = (login: string, name: string, role: string, unitId: string) => {
    const u = {
      id: id(),
      login,
      display_name: name,
      role,
      unit_id: unitId,
      scopes: '[]',
      active: 1,
      version: 1,
      created_at: createdAt,
    };
    rows.users!.push(u);
    return u.id;
  };
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const hasCounty = new Set(regions.filter((r) => r.level === 'county').map((r) => r.parent_code));
  const places: Place[] = [];
  const provinces: ProvinceInfo[] = [];
  const cityUnits = new Map<string, { bureau: string; gov: string; staff: string }>();
  for (const p of regions.filter((r) => r.level === 'province')) {
    const officeUnit = unit(`${p.name}生态环境保护督察办公室`, 'office', p.code);
    const officeUser = user(`office-${p.code}`, `${p.name}督察办`, 'office', officeUnit);
    const first = places.length;
    for (const c of regions.filter((r) => r.level === 'city' && r.province_code === p.code)) {
      const bureau = unit(`${c.name}生态环境局`, 'department', c.code);
      const gov = unit(`${c.name}人民政府`, 'government', c.code);
      cityUnits.set(c.code, {
        bureau,
        gov,
        staff: user(`staff-${c.code}`, `${c.name}经办人`, 'unit_staff', bureau),
      });
      if (!hasCounty.has(c.code)) places.push(placeOf(c, [gov, bureau], [], cityUnits.get(c.code)!.staff));
    }
    for (const k of regions.filter((r) => r.level === 'county' && r.province_code === p.code)) {
      const city = cityUnits.get(k.parent_code ?? '');
      const lead = [
        unit(`${k.name}人民政府`, 'government', k.code),
        unit(`${k.name}生态环境分局`, 'department', k.code),
      ];
      const staff = city?.staff ?? officeUser;
      places.push(placeOf(k, lead, city ? [city.bureau, city.gov] : [], staff));
    }
    const count = places.length - first;
    // Provinces differ in size and in how much they find: a few large ones dominate.
    const weight = count * Math.exp(rng.next() * 1.6 - 0.8);
    provinces.push({
      code: p.code,
      name: p.name,
      officeUser,
      officeUnit,
      firstPlace: first,
      placeCount: count,
      weight,
      campaigns: [],
    });
  }
  const campaigns = buildCampaigns(rng, provinces, regions, byCode, rows, nowMs, id);
  return { world: { seed, nowMs, places, provinces, campaigns } satisfies World, rows };
}

function placeOf(r: RegionRow, leadUnits: string[], coUnits: string[], staffUser: string): Place {
  return {
    code: r.code,
    name: r.name,
    province: r.province_code,
    city: r.city_code,
    county: r.county_code,
    leadUnits,
    coUnits,
    staffUser,
  };
}

function buildCampaigns(
  rng: Rng,
  provinces: ProvinceInfo[],
  regions: RegionRow[],
  byCode: Map<string, RegionRow>,
  rows: ReferenceRows,
  nowMs: number,
  id: () => string,
): CampaignInfo[] {
  const campaigns: CampaignInfo[] = [];
  for (const [pi, p] of provinces.entries()) {
    const cities = regions.filter((r) => r.level === 'city' && r.province_code === p.code).map((r) => r.code);
    for (const plan of CAMPAIGN_PLAN) {
      const startMs = Date.UTC(plan.year, rng.int(0, 10), rng.int(1, 28));
      if (startMs > nowMs - 30 * DAY_MS) continue;
      const cid = id();
      const name = `${byCode.get(p.code)!.name}${plan.year}年${plan.name}`;
      rows.campaigns!.push({
        id: cid,
        name,
        level: plan.level,
        kind: plan.kind,
        province_code: p.code,
        starts_on: date(startMs),
        ends_on: date(startMs + 30 * DAY_MS),
        description: `${name}反馈问题整改`,
        areas: '["air","water","soil","ecology"]',
        problem_kinds: '[]',
        settings: '{}',
        illustrative: 0,
        version: 1,
        created_at: iso(startMs),
        updated_at: iso(startMs),
      });
      rows.campaign_regions!.push({ campaign_id: cid, region_code: p.code });
      const groupOfCity: Record<string, string> = {};
      for (let g = 0; g * 4 < cities.length; g++) {
        const gid = id();
        rows.work_groups!.push({
          id: gid,
          campaign_id: cid,
          name: `第${g + 1}工作组`,
          lead_unit_id: p.officeUnit,
          version: 1,
          created_at: iso(startMs),
        });
        rows.work_group_units!.push({ work_group_id: gid, unit_id: p.officeUnit });
        rows.work_group_members!.push(
          {
            id: id(),
            work_group_id: gid,
            name: `组长${g + 1}`,
            title: '组长',
            unit_id: p.officeUnit,
            user_id: null,
            member_role: 'leader',
            expertise: null,
          },
          {
            id: id(),
            work_group_id: gid,
            name: `专家${g + 1}`,
            title: '专家',
            unit_id: null,
            user_id: null,
            member_role: 'expert',
            expertise: '大气',
          },
        );
        for (const c of cities.slice(g * 4, g * 4 + 4)) {
          rows.work_group_regions!.push({ work_group_id: gid, region_code: c });
          groupOfCity[c] = gid;
        }
      }
      p.campaigns.push(campaigns.length);
      campaigns.push({ id: cid, province: pi, source: plan.source, kind: plan.kind, startMs, groupOfCity });
    }
  }
  return campaigns;
}
