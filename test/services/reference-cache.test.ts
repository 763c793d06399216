import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/actor.js';
import { seedReferenceData } from '../../src/db/reference/seed-reference.js';
import { createServiceContext, type ServiceContext } from '../../src/services/context.js';
import { validateNewProblem } from '../../src/services/problems/problem-input.js';
import { addTerm, requireTerms, updateTerm } from '../../src/services/vocabulary.service.js';
import { describeEachEngine } from '../support/engines.js';

/** With the server's caches on (tests otherwise run with a TTL of 0, caching nothing). */
describeEachEngine('reference data a create checks, cached per process', (get) => {
  let ctx: ServiceContext;
  beforeAll(async () => {
    ctx = createServiceContext(get().db, get().engine, { cacheTtlMs: 60_000 });
    await seedReferenceData(get().db, { provinces: ['220000'], towns: false });
  });

  const check = (code: string) => requireTerms(ctx, [{ field: 'areas.0', kind: 'area', code }]);

  it('refuses a retired term at once and accepts a new one at once in this process', async () => {
    await check('water');
    await updateTerm(ctx, SYSTEM_ACTOR, 'area', 'water', { active: false });
    await expect(check('water')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await updateTerm(ctx, SYSTEM_ACTOR, 'area', 'water', { active: true });
    await check('water');
    await expect(check('glacier')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await addTerm(ctx, SYSTEM_ACTOR, 'area', { code: 'glacier', label: { zh: '冰川', en: 'Glacier' } });
    await check('glacier');
  });

  it('does not remember an unknown region code', async () => {
    const input = { title: '缓存', source: 'media', areas: ['water'], regionCode: '229999' };
    await expect(validateNewProblem(ctx, input)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await get()
      .db.insertInto('regions')
      .values({
        code: '229999',
        name: '测试县',
        level: 'county',
        parent_code: '220100',
        admin_parent_code: null,
        province_code: '220000',
        city_code: '220100',
        county_code: '229999',
        directly_administered: 0,
      })
      .execute();
    expect((await validateNewProblem(ctx, input)).code).toBe('229999');
  });
});
