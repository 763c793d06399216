import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * PostgreSQL: the commits that move a city's dashboard counts, or rebuild them, are told to
 * every server process (decision 0013). A trigger NOTIFYs `duban_counts` with
 * `province:city` when a city's write counter moves (problem_count_stamps, written by every
 * count move) and `*` when the rollup's basis changes (a rebuild, a new date). PostgreSQL
 * delivers a notice only when its transaction commits, once however often it was sent in it.
 * SQLite needs none: its processes read the counters in process, without a round trip.
 */
export const COUNT_NOTICES = 'duban_counts';

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create function problem_count_notice() returns trigger language plpgsql as $$
    begin
      perform pg_notify(${sql.lit(COUNT_NOTICES)}, new.province_code || ':' || new.city_code);
      return null;
    end $$`.execute(db);
  await sql`create trigger problem_count_stamps_notice after insert or update on problem_count_stamps
    for each row execute function problem_count_notice()`.execute(db);
  await sql`create function problem_count_basis_notice() returns trigger language plpgsql as $$
    begin
      perform pg_notify(${sql.lit(COUNT_NOTICES)}, '*');
      return null;
    end $$`.execute(db);
  await sql`create trigger problem_count_state_notice after update on problem_count_state
    for each row execute function problem_count_basis_notice()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop trigger problem_count_state_notice on problem_count_state`.execute(db);
  await sql`drop function problem_count_basis_notice()`.execute(db);
  await sql`drop trigger problem_count_stamps_notice on problem_count_stamps`.execute(db);
  await sql`drop function problem_count_notice()`.execute(db);
}
