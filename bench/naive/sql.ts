/** The naive server's SQL, written by hand: what a straightforward implementation would send. */
const DONE = `('handled','closed','dismissed','merged')`;

/** Warning lights as plain SQL over the stored columns; `?` are dates the caller binds. */
export function warningSql(level: string): { sql: string; dates: ('today' | 'yellow' | 'stalled')[] } {
  const red = `p.deadline < ?`;
  const yellow = `(p.deadline <= ? OR (p.status IN ('acknowledged','plan_returned') AND p.plan_due_on < ?) OR p.supervision_deadline <= ?)`;
  const stalled = `(p.status = 'rectifying' AND p.progress_reference_on < ?)`;
  const not = (e: string) => `NOT COALESCE(${e}, FALSE)`;
  switch (level) {
    case 'none':
      return { sql: `p.status IN ${DONE}`, dates: [] };
    case 'red':
      return { sql: `p.status NOT IN ${DONE} AND ${red}`, dates: ['today'] };
    case 'yellow':
      return {
        sql: `p.status NOT IN ${DONE} AND ${not(red)} AND ${yellow}`,
        dates: ['today', 'yellow', 'today', 'yellow'],
      };
    case 'stalled':
      return {
        sql: `p.status NOT IN ${DONE} AND ${not(red)} AND ${not(yellow)} AND ${stalled}`,
        dates: ['today', 'yellow', 'today', 'yellow', 'stalled'],
      };
    default:
      return {
        sql: `p.status NOT IN ${DONE} AND ${not(red)} AND ${not(yellow)} AND ${not(stalled)}`,
        dates: ['today', 'yellow', 'today', 'yellow', 'stalled'],
      };
  }
}

export const LIST = `SELECT p.id, p.code, p.version, p.status, p.title, p.source, p.area, p.sub_area, p.problem_kind,
  p.campaign_id, p.region_code, r.name AS region_name, p.lead_unit_id, u.name AS lead_unit_name, p.deadline,
  p.due_key, p.supervision_level, p.reopen_count, p.illustrative, p.updated_at
  FROM problems p LEFT JOIN regions r ON r.code = p.region_code LEFT JOIN units u ON u.id = p.lead_unit_id`;

export const COMPLAINTS = `SELECT c.id, c.tracking_code, c.channel, c.content, c.place, c.pollution_type, c.region_code,
  r.name AS region_name, c.status, c.received_on, c.answer_due_on, c.finding, c.version, c.updated_at
  FROM complaints c LEFT JOIN regions r ON r.code = c.region_code`;

export const DETAIL = `SELECT p.state, r.name AS region_name, u.name AS lead_unit_name
  FROM problems p LEFT JOIN regions r ON r.code = p.region_code LEFT JOIN units u ON u.id = p.lead_unit_id
  WHERE p.id = ?`;

export const EVENTS = `SELECT e.id, e.seq, e.type, e.actor_id, us.display_name AS actor_name, e.occurred_at, e.payload, e.hash
  FROM events e LEFT JOIN users us ON us.id = e.actor_id WHERE e.aggregate_id = ? ORDER BY e.seq`;

/** The dashboard by GROUP BY over the problems of a subtree (COL is the region column). */
export const STATS = {
  byStatusArea: `SELECT p.status, p.area, COUNT(*) AS n FROM problems p WHERE p.COL = ? GROUP BY p.status, p.area`,
  children: `SELECT p.CHILD AS code, COUNT(*) AS total, SUM(CASE WHEN p.status NOT IN ${DONE} THEN 1 ELSE 0 END) AS open,
    SUM(CASE WHEN p.status NOT IN ${DONE} AND p.deadline < ? THEN 1 ELSE 0 END) AS overdue
    FROM problems p WHERE p.COL = ? GROUP BY p.CHILD`,
};

/** A county rollup rebuilt from scratch at start (a nightly job in the naive design). */
export const ROLLUP = {
  drop: 'DROP TABLE IF EXISTS bench_naive_rollup',
  // Dates inlined (ISO dates only): PostgreSQL takes no bind parameters in CREATE TABLE AS.
  create: (d: { today: string; yellow: string; stalled: string }) =>
    `CREATE TABLE bench_naive_rollup AS SELECT p.province_code, p.city_code, p.county_code, p.status, p.area,
    CASE WHEN p.status IN ${DONE} THEN 'none' WHEN p.deadline < '${d.today}' THEN 'red'
    WHEN p.deadline <= '${d.yellow}' THEN 'yellow'
    WHEN p.status = 'rectifying' AND p.progress_reference_on < '${d.stalled}' THEN 'stalled' ELSE 'green' END AS warning,
    COUNT(*) AS n FROM problems p GROUP BY 1, 2, 3, 4, 5, 6`,
  indexes: [
    'CREATE INDEX bench_naive_rollup_p ON bench_naive_rollup (province_code)',
    'CREATE INDEX bench_naive_rollup_c ON bench_naive_rollup (city_code)',
  ],
  read: 'SELECT CHILD AS code, status, area, warning, n FROM bench_naive_rollup WHERE COL = ?',
};
