import type { Actor } from '../../core/actor.js';
import type { ProblemStatus, WarningLevel } from '../../core/vocabulary.js';
import { warningPredicates } from '../../core/warnings.js';
import { todayInShanghai } from '../../core/working-days.js';
import { listProblemRows, type ProblemFilter } from '../../db/problem.query.js';
import type { ServiceContext } from '../context.js';
import { regionName, regionNames, unitName, unitNames } from '../reference-names.js';
import { parseSearch } from '../search-input.js';
import { type TimelineEvent, timelineOf } from '../timeline.js';
import { decisionContext, rulesFor } from './decision-context.js';
import { type ProblemView, presentProblem } from './problem.presenter.js';
import { loadProblem } from './problem.service.js';

/** The full problem as this actor sees it, with warning and abilities. */
export async function viewProblem(ctx: ServiceContext, actor: Actor, idOrCode: string): Promise<ProblemView> {
  // loadProblem parsed the state already (a 2 KB JSON: once per request is enough).
  const { row, state } = await loadProblem(ctx, actor, idOrCode);
  const [region, leadUnit, dctx] = await Promise.all([
    regionName(ctx, row.region_code),
    row.lead_unit_id ? unitName(ctx, row.lead_unit_id) : null,
    decisionContext(ctx, actor, state, state.regionCode, state.campaignId),
  ]);
  return presentProblem(state, actor, { dctx, regionName: region, leadUnitName: leadUnit });
}

/** One event of a problem's timeline. */
export type ProblemEvent = TimelineEvent;

/** The timeline of one problem, oldest first. */
export async function problemEvents(
  ctx: ServiceContext,
  actor: Actor,
  idOrCode: string,
): Promise<ProblemEvent[]> {
  const { row } = await loadProblem(ctx, actor, idOrCode);
  return timelineOf(ctx, row.id);
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
