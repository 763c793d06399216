import { problemColumns, problemUnitRows } from '../../src/db/problem.repository.js';
import type { DB, EventRow, ProblemRow } from '../../src/db/schema.js';
import { problemSearchDocument } from '../../src/text/search-documents.js';
import { FATES, playLifecycle } from './lifecycle.js';
import { Rng, uuidv7At } from './random.js';
import { ledgerCode, type Skeleton } from './skeleton.js';
import { AREAS, problemText } from './templates.js';
import { Timeline } from './timeline.js';
import type { World } from './world.js';

export interface GeneratedProblem {
  row: ProblemRow;
  events: EventRow[];
  units: DB['problem_units'][];
  links: { from_id: string; to_id: string; kind: string; created_at: string }[];
  /** The problem's search document; problem i is document i + 1 (the complaints follow). */
  search: { doc_id: number; kind: 'problem'; ref_id: string; terms: string };
}

const NO_CAMPAIGN_SOURCES = {
  public_complaint: 40,
  locality_request: 15,
  department_finding: 15,
  self_inspection: 20,
  media: 10,
} as const;
const KIND_OF_SOURCE: Record<string, string> = {
  public_complaint: 'complaint',
  locality_request: 'locality_difficulty',
  department_finding: 'department_known',
  central_look_back: 'look_back_key',
  provincial_look_back: 'look_back_key',
  site_visit: 'new_finding',
};
const AREA_WEIGHTS = { air: 38, water: 34, soil: 14, ecology: 14 } as const;
/** One problem in this many is also played through the core's `decide`, step by step. */
const DECIDE_CHECK_EVERY = 50;

/** Problem i of the dataset: registration from the skeleton, then its whole story. */
export function generateProblem(
  world: World,
  sk: Skeleton,
  i: number,
  previous: { id: string; code: string } | null,
): GeneratedProblem {
  const rng = new Rng(world.seed, i + 1);
  const place = world.places[sk.place[i]!]!;
  const province = world.provinces.find((p) => p.code === place.province)!;
  const campaign = sk.campaign[i]! >= 0 ? world.campaigns[sk.campaign[i]!]! : null;
  const t0 = sk.createdMs[i]!;
  const source = campaign
    ? rng.chance(0.1)
      ? 'site_visit'
      : campaign.source
    : rng.weighted(NO_CAMPAIGN_SOURCES);
  const area = rng.weighted(AREA_WEIGHTS);
  const text = problemText(rng, area, place.name);
  const tl = new Timeline(rng, t0, world.nowMs, province.officeUser, i % DECIDE_CHECK_EVERY === 0);
  const id = uuidv7At(t0, rng);
  tl.register(
    {
      id,
      code: ledgerCode(world, sk, i),
      title: text.title,
      description: text.description,
      source,
      areas: rng.chance(0.15) ? [area, rng.pick(AREAS.filter((a) => a !== area))] : [area],
      subArea: text.subArea,
      problemKind: KIND_OF_SOURCE[source] ?? null,
      campaignId: campaign?.id ?? null,
      workGroupId: campaign && place.city ? (campaign.groupOfCity[place.city] ?? null) : null,
      regionCode: place.code,
      location: { lat: 20 + rng.next() * 25, lng: 80 + rng.next() * 45 },
      complaintLinked: source === 'public_complaint',
    },
    source === 'public_complaint' ? place.staffUser : province.officeUser,
  );
  const fate = rng.weighted(FATES);
  const merged = playLifecycle(tl, fate, {
    office: province.officeUser,
    staff: place.staffUser,
    leadUnit: rng.pick(place.leadUnits),
    coUnits: place.coUnits,
    area,
    duplicateOf: previous && previous.id !== id ? previous : null,
  });
  const s = tl.state;
  const region = { province_code: place.province, city_code: place.city, county_code: place.county };
  return {
    row: problemColumns(s, region, false),
    events: tl.events,
    units: problemUnitRows(s),
    links:
      merged && s.duplicateOfId
        ? [{ from_id: s.duplicateOfId, to_id: s.id, kind: 'duplicate', created_at: s.updatedAt }]
        : [],
    search: {
      doc_id: i + 1,
      kind: 'problem',
      ref_id: id,
      terms: problemSearchDocument(
        { code: s.code, title: s.title, description: s.description },
        { ...region, region_code: s.regionCode },
      ),
    },
  };
}
