/**
 * Index changes src/ could make, tried inside a transaction that is rolled back: the data is
 * left as it was. Each names the queries it is meant to speed up.
 */
export interface Candidate {
  name: string;
  why: string;
  ddl: string[];
}

const OPEN = `status NOT IN ('handled','closed','dismissed','merged')`;

export const CANDIDATES: Candidate[] = [
  {
    name: 'analyze',
    why: 'planner statistics (SQLite has none until ANALYZE; PRAGMA optimize at start and daily would keep them)',
    ddl: ['ANALYZE'],
  },
  {
    name: 'open-deadline',
    why: 'lists over several open statuses (and red = deadline passed) read only the page, in deadline order',
    ddl: ['province_code', 'city_code', 'county_code'].map(
      (c) => `CREATE INDEX whatif_${c}_open_idx ON problems (${c}, due_key, id) WHERE ${OPEN}`,
    ),
  },
  {
    name: 'region-deadline',
    why: 'a region list without a status filter reads only the page',
    ddl: ['province_code', 'city_code'].map(
      (c) => `CREATE INDEX whatif_${c}_due_idx ON problems (${c}, due_key, id)`,
    ),
  },
  {
    name: 'rollup',
    why: 'exact counts kept per (county, status, area), updated in the write transaction; read ≤ a few thousand rows',
    ddl: [
      `CREATE TABLE whatif_counts AS SELECT province_code, city_code, county_code, status, area, COUNT(*) AS n
       FROM problems GROUP BY province_code, city_code, county_code, status, area`,
      'CREATE INDEX whatif_counts_province ON whatif_counts (province_code)',
      'CREATE INDEX whatif_counts_city ON whatif_counts (city_code)',
    ],
  },
  {
    name: 'dashboard-covering',
    why: 'dashboard GROUP BYs read narrow index entries, not the wide rows (state JSON)',
    ddl: [
      ...['province_code', 'city_code'].map(
        (c) => `CREATE INDEX whatif_${c}_stats_idx ON problems (${c}, status, area, county_code, city_code)`,
      ),
      ...['province_code', 'city_code'].map(
        (c) =>
          `CREATE INDEX whatif_${c}_warn_idx ON problems (${c}, status, deadline, plan_due_on, supervision_deadline, progress_reference_on, county_code, city_code) WHERE ${OPEN}`,
      ),
    ],
  },
];
