/**
 * What part of the ledger an actor may see, as data: a union of clauses. The same clauses
 * decide a single read here (pure) and become a WHERE condition in the database layer, so a
 * list or a count never fetches what it would then have to hide.
 */
export type RegionColumn = 'province_code' | 'city_code' | 'county_code' | 'region_code';

export interface RegionScope {
  code: string;
  /** The problems column that answers "inside this region" (see docs/decisions/0002). */
  column: RegionColumn;
}

export type ScopeClause =
  /** Everything (the system itself). */
  | { kind: 'all' }
  /** A region subtree: an office or government and what lies below it. */
  | { kind: 'region'; region: RegionScope }
  /** Problems where the unit is lead or co-operating unit. */
  | { kind: 'unit'; unitId: string }
  /** A work group's campaign inside its assigned regions. */
  | { kind: 'work_group'; campaignId: string; regions: RegionScope[] };

/** The facts about one problem that scopes are decided on. */
export interface ScopeFacts {
  regionCode: string;
  provinceCode: string;
  cityCode: string | null;
  countyCode: string | null;
  campaignId: string | null;
  unitIds: readonly string[];
}

const columnValue = (f: ScopeFacts, column: RegionColumn): string | null =>
  column === 'province_code'
    ? f.provinceCode
    : column === 'city_code'
      ? f.cityCode
      : column === 'county_code'
        ? f.countyCode
        : f.regionCode;

const inRegion = (f: ScopeFacts, r: RegionScope) => columnValue(f, r.column) === r.code;

/** True when one of the clauses covers the problem. */
export function inScope(scope: readonly ScopeClause[], f: ScopeFacts): boolean {
  return scope.some((c) => {
    switch (c.kind) {
      case 'all':
        return true;
      case 'region':
        return inRegion(f, c.region);
      case 'unit':
        return f.unitIds.includes(c.unitId);
      case 'work_group':
        return f.campaignId === c.campaignId && c.regions.some((r) => inRegion(f, r));
      default:
        return false;
    }
  });
}

/** The column that holds a region's subtree (a directly administered county acts as a city). */
export function regionScopeOf(region: {
  code: string;
  level: string;
  directlyAdministered: boolean;
}): RegionScope {
  const column: RegionColumn =
    region.level === 'province'
      ? 'province_code'
      : region.level === 'city' || region.directlyAdministered
        ? 'city_code'
        : region.level === 'county'
          ? 'county_code'
          : 'region_code';
  return { code: region.code, column };
}
