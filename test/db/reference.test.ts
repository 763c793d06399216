import { expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrator.js';
import { seedReferenceData } from '../../src/db/reference/seed-reference.js';
import { describeEachEngine } from '../support/engines.js';

describeEachEngine('reference data', (get) => {
  it('migrates from empty to latest and is idempotent', async () => {
    expect(await migrateToLatest(get().db)).toEqual([]);
  });

  it('loads the division tree with 公主岭市 under 长春市 and 梅河口市 directly administered', async () => {
    const { db } = get();
    const { regions } = await seedReferenceData(db, { provinces: ['220000', '130000'] });
    expect(regions).toBeGreaterThan(1000);
    const gzl = await db
      .selectFrom('regions')
      .selectAll()
      .where('name', '=', '公主岭市')
      .executeTakeFirstOrThrow();
    expect(gzl).toMatchObject({
      code: '220184',
      parent_code: '220100',
      admin_parent_code: '220100',
      level: 'county',
    });
    const mhk = await db
      .selectFrom('regions')
      .selectAll()
      .where('code', '=', '220581')
      .executeTakeFirstOrThrow();
    expect(mhk).toMatchObject({
      name: '梅河口市',
      directly_administered: 1,
      admin_parent_code: '220000',
      city_code: '220581',
    });
    const town = await db
      .selectFrom('regions')
      .selectAll()
      .where('level', '=', 'town')
      .where('county_code', '=', '220581')
      .executeTakeFirst();
    expect(town?.city_code).toBe('220581');
  });

  it('does not load twice and seeds the vocabularies', async () => {
    const { db } = get();
    expect((await seedReferenceData(db)).regions).toBe(0);
    const areas = await db
      .selectFrom('vocabulary_terms')
      .select('code')
      .where('kind', '=', 'area')
      .orderBy('sort_order')
      .execute();
    expect(areas.map((a) => a.code)).toEqual(['air', 'water', 'soil', 'ecology']);
  });
});

describeEachEngine('the whole country', (get) => {
  it('loads every province, city, county and town without a clash', async () => {
    const { db } = get();
    const { regions } = await seedReferenceData(db);
    expect(regions).toBeGreaterThan(44_000);
    const levels = await db
      .selectFrom('regions')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('level')
      .orderBy('level')
      .execute();
    const count = Object.fromEntries(levels.map((l) => [l.level, Number(l.n)]));
    expect(count.province).toBe(31);
    expect(count.city).toBeGreaterThan(330);
    expect(count.county).toBeGreaterThan(2800);
    // 东莞市 has no counties: its towns hang on the city itself.
    const town = await db
      .selectFrom('regions')
      .selectAll()
      .where('parent_code', '=', '441900')
      .executeTakeFirstOrThrow();
    expect(town).toMatchObject({ level: 'town', city_code: '441900' });
  });
});
