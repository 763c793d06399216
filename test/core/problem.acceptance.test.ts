import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/problem.lifecycle.js';
import type { DecisionContext } from '../../src/core/problem.types.js';
import {
  ACTORS,
  ctxFor,
  driveTo,
  expectDomainError,
  sampleCommand,
  type TestActor,
  UNITS,
} from './problem.fixtures.js';

/** Acceptance (验收) must come from a higher level than the unit that did the work. */
describe('acceptance rank', () => {
  const accept = (who: TestActor, overrides: Partial<DecisionContext> = {}) => {
    const { state } = driveTo('closure_requested');
    return decide(state, sampleCommand('accept_closure'), ctxFor(who, undefined, overrides));
  };

  it('refuses acceptance by the responsible unit itself', () => {
    const error = expectDomainError(() => accept(ACTORS.leadColleague), 'RULE_VIOLATION');
    expect(error.label.zh).toContain('责任单位');
    expect(error.label.en).toContain('responsible unit');
  });

  it('refuses acceptance by a co-operating unit', () => {
    expectDomainError(() => accept(ACTORS.coStaff), 'RULE_VIOLATION');
  });

  it('refuses the responsible unit even when it is also in the work group and the province office', () => {
    const both = { ...ACTORS.leadColleague, workGroupIds: ['wg-1'], isProvinceOffice: true };
    expectDomainError(() => accept(both), 'RULE_VIOLATION');
  });

  it('refuses acceptance by a sibling county', () => {
    const error = expectDomainError(() => accept(ACTORS.siblingCounty), 'RULE_VIOLATION');
    expect(error.label.en).toContain('above the responsible unit');
  });

  it('allows a provincial department over a county: the province is an ancestor', () => {
    expect(accept(ACTORS.provinceDept).next.status).toBe('handled');
  });

  it('allows the city government over its county', () => {
    const { next } = accept(ACTORS.cityOffice);
    expect(next.status).toBe('handled');
    expect(next.acceptance?.acceptorUnitId).toBe(UNITS.city.id);
    expect(next.acceptance?.acceptedBy).toBe(ACTORS.cityOffice.userId);
  });

  it('allows the province office', () => {
    expect(accept(ACTORS.provinceOffice).next.status).toBe('handled');
  });

  it("allows a member of the campaign's work group", () => {
    const sameRegion = { ...ACTORS.workGroupMember, unit: { ...UNITS.sibling, id: 'u-wg-host' } };
    expect(accept(sameRegion).next.status).toBe('handled');
  });

  it('refuses a work group of another campaign', () => {
    const other = { ...ACTORS.siblingCounty, workGroupIds: ['wg-other'] };
    expectDomainError(() => accept(other), 'RULE_VIOLATION');
  });

  it('refuses the person who requested the closure, even from the province office', () => {
    const { state } = driveTo('rectifying');
    const requested = decide(state, sampleCommand('request_closure'), ctxFor(ACTORS.provinceOffice)).next;
    expectDomainError(
      () => decide(requested, sampleCommand('accept_closure'), ctxFor(ACTORS.provinceOffice)),
      'RULE_VIOLATION',
    );
  });

  it('does not rank by a lead unit the context describes wrongly', () => {
    const impostor = { ...UNITS.tonghua, id: 'u-someone-else', regionAncestors: ['220100'] };
    expectDomainError(() => accept(ACTORS.cityOffice, { leadUnit: impostor }), 'RULE_VIOLATION');
  });

  describe('梅河口市, administered directly by the province', () => {
    const meihekouProblem = () => {
      const { state } = driveTo('closure_requested');
      return { ...state, leadUnitId: UNITS.meihekou.id, coUnitIds: [] };
    };
    const acceptMeihekou = (who: TestActor) =>
      decide(
        meihekouProblem(),
        sampleCommand('accept_closure'),
        ctxFor(who, undefined, { leadUnit: UNITS.meihekou }),
      );

    it('refuses 通化市: it is not an ancestor of 梅河口市', () => {
      expectDomainError(
        () => acceptMeihekou({ ...ACTORS.cityOffice, unit: UNITS.tonghua }),
        'RULE_VIOLATION',
      );
    });

    it('allows a provincial department', () => {
      expect(acceptMeihekou(ACTORS.provinceDept).next.status).toBe('handled');
    });

    it('refuses 梅河口市 itself', () => {
      const own = { ...ACTORS.leadStaff, userId: 'user-meihekou', unit: UNITS.meihekou };
      expectDomainError(() => acceptMeihekou(own), 'RULE_VIOLATION');
    });
  });

  it('refuses a province-level lead unit accepting through a sibling department of the same region', () => {
    const { state } = driveTo('closure_requested');
    const provincial = { ...state, leadUnitId: UNITS.provinceDept.id, coUnitIds: [] };
    const peer = {
      ...ACTORS.provinceDept,
      userId: 'user-peer',
      unit: { ...UNITS.provinceDept, id: 'u-jilin-land' },
    };
    expectDomainError(
      () =>
        decide(
          provincial,
          sampleCommand('accept_closure'),
          ctxFor(peer, undefined, { leadUnit: UNITS.provinceDept }),
        ),
      'RULE_VIOLATION',
    );
  });
});
