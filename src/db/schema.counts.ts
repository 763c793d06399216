/** Tables of the dashboard rollup (migrations 2026-11-25-0006-problem-counts, -0007-count-stamps). */
export interface CountTables {
  /** Problems per county × campaign × status × area × warning light ('' for none / null). */
  problem_counts: {
    province_code: string;
    city_code: string;
    county_code: string;
    campaign_id: string;
    status: string;
    area: string;
    warning: string;
    n: number;
  };
  /** The same per city, all campaigns together: what a province dashboard reads. */
  problem_city_counts: {
    province_code: string;
    city_code: string;
    status: string;
    area: string;
    warning: string;
    n: number;
  };
  /** A counter per city, bumped by every write that moves a count there: what cached answers are checked against. */
  problem_count_stamps: {
    city_code: string;
    province_code: string;
    version: number;
  };
  /** One row: the date and thresholds the warning columns hold, and a rebuild counter. */
  problem_count_state: {
    id: number;
    /** Asia/Shanghai date; '' until the first rebuild (then nothing is counted yet). */
    valid_on: string;
    yellow_within_days: number;
    stalled_after_days: number;
    generation: number;
    built_at: string;
  };
}
