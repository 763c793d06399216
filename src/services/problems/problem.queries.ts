import type { Actor } from '../../core/actor.js';
import { notFound } from '../../core/errors.js';
import type { ProblemStatus, WarningLevel } from '../../core/vocabulary.js';
import { warningPredicates } from '../../core/warnings.js';
import { todayInShanghai } from '../../core/working-days.js';
import { eventsOf } from '../../db/event.repository.js';
import { listProblemRows, type ProblemFilter } from '../../db/problem.query.js';
import { stateOf } from '../../db/problem.repository.js';
import { findProblemHead, type ProblemHead } from '../../db/problem-head.query.js';
import type { ServiceContext } from '../context.js';
import {
  cachedRegionName,
  cachedUnitName,
  regionName as regionNameOf,
  regionNames,
  unitName,
  unitNames,
} from '../reference-names.js';
import { parseSearch } from '../search-input.js';
import { type TimelineEvent, timelineFrom } from '../timeline.js';
import { decisionContext, decisionContextIfCached, rulesFor } from './decision-context.js';
import { type ProblemView, presentProblem } from './problem.presenter.js';
import { PROBLEM, requireAllowed, scopeFactsOf } from './problem.service.js';
import { type CachedProblem, keepView, keptView } from './problem-states.js';

/**
 * A problem the actor may read, for reads that change nothing (detail, timeline): the parsed
 * state comes from `caches.problemStates` when the stored version is still the cached one (the
 * read sends that version and gets the 2 KB state only when it moved). 404 as `loadProblem`.
 */
async function readProblem(
  ctx: ServiceContext,
  actor: Actor,
  idOrCode: string,
): Promise<{ head: ProblemHead; entry: CachedProblem }> {
  const states = ctx.caches.problemStates;
  const known = states.get(idOrCode);
  const head = await findProblemHead(ctx.db, idOrCode, known?.state.version ?? null);
  if (!head) {
    states.delete(idOrCode);
    throw notFound(PROBLEM);
  }
  const entry =
    head.state === null && known ? known : states.set(idOrCode, stateOf({ state: head.state ?? '' }));
  requireAllowed(actor, 'read', entry.state, scopeFactsOf(head, entry.state));
  return { head, entry };
}

/**
 * The full problem as this actor sees it, with warning and abilities. Names, rules and the
 * decision context are usually cached and then taken without a promise; the view presented
 * from the same state for the same actor, date, rules and names is the one presented before
 * (the same object: the route keeps its serialised body by identity).
 */
export async function viewProblem(ctx: ServiceContext, actor: Actor, idOrCode: string): Promise<ProblemView> {
  const { head, entry } = await readProblem(ctx, actor, idOrCode);
  const { state } = entry;
  const leadUnitId = head.lead_unit_id;
  const regionName = cachedRegionName(ctx, head.region_code) ?? (await regionNameOf(ctx, head.region_code));
  const leadUnitName = leadUnitId
    ? (cachedUnitName(ctx, leadUnitId) ?? (await unitName(ctx, leadUnitId)))
    : null;
  const cached = decisionContextIfCached(ctx, actor, state);
  if (!cached) {
    const dctx = await decisionContext(ctx, actor, state, state.regionCode, state.campaignId);
    return presentProblem(state, actor, { dctx, regionName, leadUnitName });
  }
  const key = { actor, today: cached.today, rules: cached.rules, regionName, leadUnitName };
  const kept = keptView(entry, key);
  if (kept) return kept;
  const view = presentProblem(state, actor, { dctx: cached, regionName, leadUnitName });
  keepView(entry, { ...key, view });
  return view;
}

/** One event of a problem's timeline. */
export type ProblemEvent = TimelineEvent;

/**
 * The timeline of one problem, oldest first, as of the state the read found. Events are
 * append-only and each is one version of the problem, so those up to a version never change:
 * they are read once per cached state and the timeline made from them is kept with it, within
 * the cache's bounds (the same object while the names of who acted stay the same: the route
 * keeps its serialised body).
 */
export async function problemEvents(
  ctx: ServiceContext,
  actor: Actor,
  idOrCode: string,
): Promise<{ items: ProblemEvent[] }> {
  const { head, entry } = await readProblem(ctx, actor, idOrCode);
  const version = entry.state.version;
  const events = entry.timeline?.events ?? (await eventsOf(ctx.db, head.id)).filter((e) => e.seq <= version);
  const timeline = await timelineFrom(ctx, events, entry.timeline);
  ctx.caches.problemStates.keepTimeline(entry, timeline);
  return timeline.view;
}

/** The list's filters as asked: a warning light by name, the text search as typed. */
export type ListFilter = Omit<ProblemFilter, 'warning' | 'q'> & { warning?: WarningLevel; q?: string };

/**
 * A keyset page of summary rows with region and lead unit names (from the names cache).
 * Warning thresholds are the filtered campaign's rules, or the defaults.
 */
export async function listProblems(
  ctx: ServiceContext,
  actor: Actor,
  filter: ListFilter,
  page: { limit: number; cursor?: string },
) {
  const { warning, q, ...rest } = filter;
  const search = parseSearch(q);
  const predicates = warning
    ? warningPredicates(
        todayInShanghai(ctx.clock.now().toISOString()),
        await rulesFor(ctx, filter.campaignId ?? null),
      )
    : undefined;
  const { rows, nextCursor } = await listProblemRows(
    ctx.db,
    {
      ...rest,
      ...(search ? { q: search } : {}),
      scope: actor.scope,
      ...(warning && predicates ? { warning: { level: warning, predicates } } : {}),
    },
    page,
  );
  const leadUnitIds = rows.flatMap((r) => (r.lead_unit_id ? [r.lead_unit_id] : []));
  const [regionNameOf, unitNameOf] = await Promise.all([
    regionNames(ctx, new Set(rows.map((r) => r.region_code))),
    unitNames(ctx, new Set(leadUnitIds)),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      version: r.version,
      status: r.status as ProblemStatus,
      title: r.title,
      source: r.source,
      area: r.area,
      subArea: r.sub_area,
      problemKind: r.problem_kind,
      campaignId: r.campaign_id,
      regionCode: r.region_code,
      regionName: regionNameOf.get(r.region_code) ?? null,
      leadUnitId: r.lead_unit_id,
      leadUnitName: (r.lead_unit_id && unitNameOf.get(r.lead_unit_id)) || null,
      deadline: r.deadline,
      supervisionLevel: r.supervision_level,
      reopenCount: r.reopen_count,
      illustrative: r.illustrative === 1,
      updatedAt: r.updated_at,
    })),
    nextCursor,
  };
}
