import { sql } from 'kysely';
import type { ScopeClause } from '../../src/core/scope.js';
import type { Database } from '../../src/db/database.js';
import { addUser, createToken, findUserByLogin, loadActor } from '../../src/services/accounts.service.js';
import { createServiceContext } from '../../src/services/context.js';

/** What the cases need from the generated data, read before the servers start. */
export interface Fixtures {
  token: string;
  /** The bench user's scope, as the server applies it to every list and count. */
  scope: readonly ScopeClause[];
  province: { code: string; problems: number };
  city: { code: string; problems: number };
  /** Counties of the province, for creates (each run adds its creates to this province). */
  counties: string[];
  /**
   * A county of the province named in about 1 % of its complaints (their content begins with
   * the place): a rarer complaint search, where walking the newest rows finds too few.
   */
  complaintCounty: { name: string; share: number };
  /** Random problems of the province, for detail and timeline. */
  ids: string[];
  /** Open problems of the province with their current versions, for If-Match actions. */
  open: { id: string; version: number }[];
  /** A lead unit, campaign and work group that have problems in the city. */
  leadUnit: string;
  /** The city's environment bureau, a co-operating unit of most of the city's problems. */
  cityBureau: string;
  campaign: string;
  workGroup: string;
  problems: number;
  events: number;
  dbBytes: number;
}

const LOGIN = 'bench-office';

export async function loadFixtures(database: Database, dbBytes: () => Promise<number>): Promise<Fixtures> {
  const { db } = database;
  const biggest = (col: 'province_code' | 'city_code', where?: string) =>
    db
      .selectFrom('problems')
      .select([col, (eb) => eb.fn.countAll<number>().as('n')])
      .$if(where !== undefined, (q) => q.where('province_code', '=', where!))
      .groupBy(col)
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  const p = await biggest('province_code');
  const c = await biggest('city_code', p.province_code);
  const counties = await db
    .selectFrom('regions')
    .select('code')
    .where('province_code', '=', p.province_code)
    .where('level', '=', 'county')
    .execute();
  const ids = await db
    .selectFrom('problems')
    .select('id')
    .where('province_code', '=', p.province_code)
    .orderBy(sql`random()`)
    .limit(2000)
    .execute();
  const open = await db
    .selectFrom('problems')
    .select(['id', 'version'])
    .where('province_code', '=', p.province_code)
    .where('status', 'not in', ['closed', 'dismissed', 'merged'])
    .orderBy(sql`random()`)
    .limit(5000)
    .execute();
  const sample = await db
    .selectFrom('problems')
    .select(['lead_unit_id', 'campaign_id', 'work_group_id'])
    .where('city_code', '=', c.city_code)
    .where('work_group_id', 'is not', null)
    .where('lead_unit_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const bureau = await db
    .selectFrom('problems')
    .innerJoin('problem_units', 'problem_units.problem_id', 'problems.id')
    .select('problem_units.unit_id')
    .where('problems.city_code', '=', c.city_code)
    .where('problem_units.role', '=', 'co')
    .executeTakeFirstOrThrow();
  const count = async (t: 'problems' | 'events') =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const complaintCounty = await rareCounty(database, p.province_code);
  const { token, scope } = await benchUser(database, p.province_code);
  return {
    token,
    scope,
    province: { code: p.province_code, problems: Number(p.n) },
    city: { code: c.city_code!, problems: Number(c.n) },
    counties: counties.map((r) => r.code),
    complaintCounty,
    ids: ids.map((r) => r.id),
    open: open.map((r) => ({ id: r.id, version: Number(r.version) })),
    leadUnit: sample.lead_unit_id!,
    cityBureau: bureau.unit_id,
    campaign: sample.campaign_id!,
    workGroup: sample.work_group_id!,
    problems: await count('problems'),
    events: await count('events'),
    dbBytes: await dbBytes(),
  };
}

/** The county of the province whose share of its complaints is nearest 1 %. */
async function rareCounty(database: Database, province: string) {
  const rows = await database.db
    .selectFrom('complaints')
    .innerJoin('regions', 'regions.code', 'complaints.county_code')
    .select(['regions.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('complaints.province_code', '=', province)
    .groupBy('regions.name')
    .execute();
  const total = rows.reduce((t, r) => t + Number(r.n), 0);
  const nearest = rows
    .map((r) => ({ name: r.name, share: Number(r.n) / Math.max(total, 1) }))
    .sort((a, b) => Math.abs(a.share - 0.01) - Math.abs(b.share - 0.01))[0];
  return nearest ?? { name: '县', share: 0 };
}

/** An office user of the province's inspection office, and a fresh token for it. */
async function benchUser(database: Database, province: string) {
  const ctx = createServiceContext(database.db, database.engine);
  if (!(await findUserByLogin(ctx, LOGIN))) {
    const office = await database.db
      .selectFrom('units')
      .select('id')
      .where('region_code', '=', province)
      .where('kind', '=', 'office')
      .executeTakeFirst();
    await addUser(ctx, { login: LOGIN, displayName: '性能测试', role: 'office', unitId: office?.id ?? null });
  }
  const user = (await findUserByLogin(ctx, LOGIN))!;
  const { token } = await createToken(ctx, LOGIN, { name: 'bench', expiresInDays: 1 });
  return { token, scope: (await loadActor(ctx, user)).scope };
}
