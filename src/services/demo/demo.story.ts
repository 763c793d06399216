import type { Actor } from '../../core/actor.js';
import { DomainError } from '../../core/errors.js';
import type { ProblemCommand } from '../../core/problem.types.js';
import { addUser, findUserByLogin, loadActor, type User } from '../accounts.service.js';
import { createCampaign } from '../campaigns/campaign.service.js';
import type { SiteVisitView } from '../campaigns/site-visit.presenter.js';
import { recordSiteVisit } from '../campaigns/site-visit.service.js';
import { createWorkGroup } from '../campaigns/work-group.service.js';
import { fixedClock, type ServiceContext } from '../context.js';
import { registerFromFinding } from '../problems/from-finding.js';
import { actOnProblem, createScreeningItems, registerProblem } from '../problems/problem.service.js';
import { createUnit, findUnitByName, type Unit } from '../units.service.js';
import { complaintEntries, grantDemoClearances } from './demo.complaints.js';
import type { DemoCampaign, DemoCommand, DemoProblem, DemoStep, DemoUnit, DemoUser } from './demo.types.js';

/**
 * The step runner: sets up a campaign's units, people and groups, then plays its story in
 * date order through the services, with a movable clock so every event carries its day.
 */

type DemoClock = ReturnType<typeof fixedClock>;

export interface DemoWorld {
  /** The caller's context with the demo clock. */
  ctx: ServiceContext;
  clock: DemoClock;
  units: Map<string, Unit>;
  users: Map<string, User>;
  groups: Map<string, string>;
  visits: Map<string, SiteVisitView>;
  problems: Map<string, { id: string; version: number }>;
  complaints: Map<string, { id: string; version: number }>;
  campaignIds: string[];
  actors: Map<string, Actor>;
  /** How many steps already ran on a day, so each gets its own minute. */
  stepsOnDay: Map<string, number>;
}

export function demoWorld(ctx: ServiceContext): DemoWorld {
  const clock = fixedClock('2018-06-01T01:00:00Z');
  return {
    ctx: { ...ctx, clock },
    clock,
    units: new Map(),
    users: new Map(),
    groups: new Map(),
    visits: new Map(),
    problems: new Map(),
    complaints: new Map(),
    campaignIds: [],
    actors: new Map(),
    stepsOnDay: new Map(),
  };
}

/** Moves the clock to the next free minute of a working day in Asia/Shanghai (from 09:00). */
function moveClockTo(w: DemoWorld, day: string): void {
  const n = w.stepsOnDay.get(day) ?? 0;
  w.stepsOnDay.set(day, n + 1);
  w.clock.set(new Date(Date.parse(`${day}T01:00:00Z`) + n * 3 * 60_000));
}

const missing = (what: string, name: string) => new Error(`demo data: unknown ${what} "${name}"`);

export function need<T>(map: Map<string, T>, what: string, name: string): T {
  const value = map.get(name);
  if (value === undefined) throw missing(what, name);
  return value;
}

export async function actorOf(w: DemoWorld, login: string): Promise<Actor> {
  const cached = w.actors.get(login);
  if (cached) return cached;
  const actor = await loadActor(w.ctx, need(w.users, 'login', login));
  w.actors.set(login, actor);
  return actor;
}

/** Reuses a unit of the same name in the same region (e.g. created by hand before the demo). */
async function ensureUnit(ctx: ServiceContext, u: DemoUnit): Promise<Unit> {
  const existing = await findUnitByName(ctx, u.name);
  if (existing && existing.regionCode === u.regionCode) return existing;
  return createUnit(ctx, {
    name: u.name,
    shortName: u.shortName ?? null,
    kind: u.kind,
    regionCode: u.regionCode,
  });
}

/** Reuses an account that already has the demo's role and unit; any other clash is refused. */
async function ensureUser(w: DemoWorld, u: DemoUser): Promise<User> {
  const unitId = u.unitName ? need(w.units, 'unit', u.unitName).id : null;
  const existing = await findUserByLogin(w.ctx, u.login);
  if (!existing) {
    const user = await addUser(w.ctx, { login: u.login, displayName: u.displayName, role: u.role, unitId });
    return u.clearances?.length ? grantDemoClearances(w.ctx, user, u.clearances) : user;
  }
  if (existing.role === u.role && existing.unitId === unitId) return existing;
  throw new DomainError('CONFLICT', {
    zh: `用户“${u.login}”已存在且角色或单位不同，无法载入示例数据`,
    en: `User "${u.login}" exists with another role or unit; the demo cannot be loaded`,
  });
}

/** Units, people, the campaign and its work groups, all on the set-up day. */
async function setUp(w: DemoWorld, data: DemoCampaign): Promise<string> {
  moveClockTo(w, data.setUpOn);
  for (const unit of data.units) w.units.set(unit.name, await ensureUnit(w.ctx, unit));
  for (const user of data.users) w.users.set(user.login, await ensureUser(w, user));
  const creator = await actorOf(w, data.createdBy);
  const { value: campaign } = await createCampaign(w.ctx, creator, { ...data.campaign, illustrative: true });
  w.campaignIds.push(campaign.id);
  for (const g of data.groups) {
    moveClockTo(w, data.setUpOn);
    const { value } = await createWorkGroup(w.ctx, creator, campaign.id, {
      name: g.name,
      leadUnitId: need(w.units, 'unit', g.leadUnit).id,
      memberUnitIds: (g.memberUnits ?? []).map((name) => need(w.units, 'unit', name).id),
      regionCodes: g.regionCodes,
      members: g.members.map((m) => ({
        name: m.name,
        title: m.title ?? null,
        unitId: m.unitName ? need(w.units, 'unit', m.unitName).id : null,
        userId: m.login ? need(w.users, 'login', m.login).id : null,
        memberRole: m.memberRole,
        expertise: m.expertise ?? null,
      })),
    });
    w.groups.set(g.key, value.id);
  }
  // Group membership changes what people may do: load actors afresh from here on.
  w.actors.clear();
  return campaign.id;
}

/** The service command for a story command: unit names and story keys become ids. */
function resolve(w: DemoWorld, c: DemoCommand): ProblemCommand {
  if (c.type === 'assign') {
    return {
      type: 'assign',
      leadUnitId: need(w.units, 'unit', c.lead).id,
      coUnitIds: (c.co ?? []).map((name) => need(w.units, 'unit', name).id),
      responsiblePerson: c.responsiblePerson ?? null,
      deadline: c.deadline,
    };
  }
  if (c.type === 'merge_into') {
    // The service looks the target up and fills in its ledger code.
    return { type: 'merge_into', targetId: need(w.problems, 'problem', c.target).id, targetCode: '' };
  }
  return c;
}

export interface Entry {
  on: string;
  label: string;
  run: () => Promise<void>;
}

function stepEntries(w: DemoWorld, key: string, after: string, steps: readonly DemoStep[]): Entry[] {
  let last = after;
  return steps.map(([on, as, command], i) => {
    if (on < last) throw new Error(`demo data: step ${i + 1} of ${key} (${on}) is before ${last}`);
    last = on;
    return {
      on,
      label: `${key} step ${i + 1} (${command.type} by ${as})`,
      run: async () => {
        const ref = need(w.problems, 'problem', key);
        const view = await actOnProblem(
          w.ctx,
          await actorOf(w, as),
          ref.id,
          ref.version,
          resolve(w, command),
        );
        ref.version = view.version;
      },
    };
  });
}

function registration(w: DemoWorld, campaignId: string, p: DemoProblem): Entry {
  return {
    on: p.on,
    label: `${p.key} registration by ${p.as}`,
    run: async () => {
      const actor = await actorOf(w, p.as);
      const input = { ...p.problem, illustrative: true };
      if (p.finding) {
        // A site-visit finding becomes a problem of the visit's group and campaign.
        const visit = need(w.visits, 'site visit', p.finding.visit);
        const finding = visit.findings[p.finding.index];
        if (!finding) throw missing('finding', `${p.finding.visit}#${p.finding.index}`);
        const view = await registerFromFinding(w.ctx, actor, visit.id, finding.id, input);
        w.problems.set(p.key, { id: view.id, version: view.version });
        return;
      }
      const { value } = await registerProblem(w.ctx, actor, {
        ...input,
        campaignId,
        workGroupId: p.group ? need(w.groups, 'work group', p.group) : null,
      });
      w.problems.set(p.key, { id: value.id, version: value.version });
    },
  };
}

/** Every dated thing of a campaign's story, in date order (same day: in the order written). */
function timeline(w: DemoWorld, campaignId: string, data: DemoCampaign): Entry[] {
  const entries: Entry[] = data.visits.map((v) => ({
    on: v.on,
    label: `site visit ${v.key}`,
    run: async () => {
      const { value } = await recordSiteVisit(
        w.ctx,
        await actorOf(w, v.as),
        need(w.groups, 'work group', v.group),
        {
          visitedOn: v.on,
          regionCode: v.regionCode,
          place: v.place,
          participants: v.participants,
          summary: v.summary,
          findings: v.findings,
        },
      );
      w.visits.set(v.key, value);
    },
  }));
  for (const p of data.problems)
    entries.push(registration(w, campaignId, p), ...stepEntries(w, p.key, p.on, p.steps));
  for (const s of data.screenings) {
    entries.push({
      on: s.on,
      label: `screening from ${s.origin}`,
      run: async () => {
        const origin = need(w.problems, 'problem', s.origin);
        const created = await createScreeningItems(w.ctx, await actorOf(w, s.as), origin.id, {
          regionCodes: s.items.map((i) => i.regionCode),
        });
        for (const [i, view] of created.entries()) {
          w.problems.set(s.items[i]!.key, { id: view.id, version: view.version });
        }
      },
    });
    for (const item of s.items) entries.push(...stepEntries(w, item.key, s.on, item.steps));
  }
  for (const c of data.complaints ?? []) entries.push(...complaintEntries(w, campaignId, c));
  // Array.prototype.sort is stable: steps of one problem on one day keep their order.
  return entries.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

const describeError = (err: unknown): string => {
  if (err instanceof DomainError) {
    const fields = err.fields.map((f) => `${f.field}: ${f.message.zh} / ${f.message.en}`).join('; ');
    return `${err.code} ${err.label.zh} / ${err.label.en}${fields ? ` (${fields})` : ''}`;
  }
  return err instanceof Error ? err.message : String(err);
};

/** Sets up one campaign and plays its story; a failing step names itself and the rule it broke. */
export async function playCampaign(w: DemoWorld, data: DemoCampaign): Promise<void> {
  const campaignId = await setUp(w, data);
  for (const entry of timeline(w, campaignId, data)) {
    moveClockTo(w, entry.on);
    try {
      await entry.run();
    } catch (err) {
      throw new Error(`demo story failed at ${entry.on}, ${entry.label}: ${describeError(err)}`, {
        cause: err,
      });
    }
  }
}
