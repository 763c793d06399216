import type { Actor } from '../../core/actor.js';
import { DomainError, fieldError, invalid, notFound } from '../../core/errors.js';
import { formatLedgerCode } from '../../core/ledger-code.js';
import { decide, registerProblem as registerDecision } from '../../core/problem.lifecycle.js';
import { authorizeProblem, type ProblemAction } from '../../core/problem.policy.js';
import type { Decision, ProblemCommand, ProblemState } from '../../core/problem.types.js';
import type { ScopeFacts } from '../../core/scope.js';
import { insertRow } from '../../db/compiled-statements.js';
import { countsMovedBy } from '../../db/count-notices.js';
import { eventReads, eventWrites, type NewEvent } from '../../db/event.repository.js';
import { lastWrites, together } from '../../db/one-statement.js';
import { basisOf, countBasisQuery, countWrites } from '../../db/problem.counts.js';
import {
  findProblemRow,
  nextLedgerNumberQuery,
  problemColumns,
  stateOf,
  syncProblemUnits,
  unitDeadlineWrites,
  updateIfVersionQuery,
} from '../../db/problem.repository.js';
import type { ProblemRow } from '../../db/schema.js';
import { problemSearchWrites } from '../../db/search.js';
import { inTransaction, type ServiceContext, withDb } from '../context.js';
import { createOnce, type IdempotencyRequest } from '../idempotency.js';
import { regionName, unitName } from '../reference-names.js';
import { getRegionRow } from '../regions.service.js';
import { requireTerms } from '../vocabulary.service.js';
import { decisionContext } from './decision-context.js';
import { type ProblemView, presentProblem } from './problem.presenter.js';
import { viewProblem } from './problem.queries.js';
import { type NewProblem, validateNewProblem } from './problem-input.js';

export const PROBLEM = { zh: '问题', en: 'Problem' };

/** Where a problem sits, for the scope check. */
export const scopeFactsOf = (
  row: Pick<ProblemRow, 'region_code' | 'province_code' | 'city_code' | 'county_code' | 'campaign_id'>,
  state: ProblemState,
): ScopeFacts => ({
  regionCode: row.region_code,
  provinceCode: row.province_code,
  cityCode: row.city_code,
  countyCode: row.county_code,
  campaignId: row.campaign_id,
  unitIds: [...(state.leadUnitId ? [state.leadUnitId] : []), ...state.coUnitIds],
});

/** Throws 404 when the problem is outside the actor's scope, 403 with the reason when forbidden. */
export function requireAllowed(
  actor: Actor,
  action: ProblemAction,
  state: ProblemState | null,
  facts: ScopeFacts | null,
): void {
  const decision = authorizeProblem(actor, action, state, facts);
  if (decision.hidden) throw notFound(PROBLEM);
  if (!decision.allowed)
    throw new DomainError('FORBIDDEN', decision.reason ?? { zh: '无权操作', en: 'Forbidden' });
}

/**
 * After the commit: this process's kept dashboards learn of the write at once, the other
 * processes by the notice it sends (decisions 0013 and 0015).
 */
function countsMoved(ctx: ServiceContext, r: { province_code: string; city_code: string | null }) {
  countsMovedBy(ctx.db, `${r.province_code}:${r.city_code ?? ''}`);
}

export const versionConflict = () =>
  new DomainError('VERSION_CONFLICT', {
    zh: '该问题已被他人修改，请刷新后重试',
    en: 'The problem was changed by someone else; reload and retry',
  });

/** Registers a problem (登记): ledger code, projection and first event in one transaction. */
export async function registerProblem(
  ctx: ServiceContext,
  actor: Actor,
  input: NewProblem,
  idem?: Omit<IdempotencyRequest, 'actorId'>,
): Promise<{ value: ProblemView; replayed: boolean }> {
  requireAllowed(actor, 'register', null, null);
  const region = await validateNewProblem(ctx, input);
  requireAllowed(actor, 'register', null, {
    regionCode: region.code,
    provinceCode: region.province_code,
    cityCode: region.city_code,
    countyCode: region.county_code,
    campaignId: input.campaignId ?? null,
    unitIds: [],
  });
  const dctx = await decisionContext(ctx, actor, null, input.regionCode, input.campaignId ?? null);
  // The view is a thunk, presented after the commit: nothing but the writes under the locks.
  const created = await createOnce<() => ProblemView>(
    ctx,
    idem && { ...idem, actorId: actor.userId },
    async (tctx) => {
      const trx = tctx.db;
      const year = Number(dctx.today.slice(0, 4));
      const id = tctx.newId();
      const slot = { aggregateType: 'problem', aggregateId: id, seq: 1, actorId: actor.userId } as const;
      // One statement takes the hot rows — the province-year's ledger number (every create in
      // the province waits on it), then the actor's audit lane — and reads the count basis; one
      // more writes everything and goes out with the COMMIT (`lastWrites`): on PostgreSQL the
      // locks are held for two round trips.
      const { ledger, basis, ...read } = await together(trx, {
        ledger: nextLedgerNumberQuery(trx, region.province_code, year),
        ...eventReads(trx, slot),
        basis: countBasisQuery(trx),
      });
      const number = Number((ledger[0] as { last_value: number }).last_value);
      const decision = registerDecision(
        {
          id,
          code: formatLedgerCode(region.province_code, year, number),
          title: input.title.trim(),
          description: input.description?.trim() ?? '',
          source: input.source,
          areas: input.areas,
          subArea: input.subArea ?? null,
          problemKind: input.problemKind ?? null,
          campaignId: input.campaignId ?? null,
          workGroupId: input.workGroupId ?? null,
          regionCode: input.regionCode,
          location: input.location ?? null,
          complaintLinked: input.complaintLinked ?? false,
          originId: input.originId ?? null,
        },
        dctx,
      );
      const row = problemColumns(decision.next, region, input.illustrative ?? false);
      const event = eventWrites(trx, decisionEvent(tctx, decision, actor), read);
      await lastWrites(trx, [
        insertRow(trx, 'problems', row as unknown as Record<string, unknown>),
        ...event.writes,
        ...(input.originId
          ? [
              trx.insertInto('problem_links').values({
                from_id: input.originId,
                to_id: decision.next.id,
                kind: 'screening',
                created_at: dctx.now,
              }),
            ]
          : []),
        ...countWrites(trx, basisOf(basis[0]), null, { row, state: decision.next }),
        ...problemSearchWrites(trx, null, { text: decision.next, region: row }),
      ]);
      // Presented from what was just decided: a new problem has no lead unit yet.
      const view = () =>
        presentProblem(decision.next, actor, { dctx, regionName: region.name, leadUnitName: null });
      return { id: decision.next.id, value: view };
    },
    async (id) => {
      const view = await viewProblem(ctx, actor, id);
      return () => view;
    },
  );
  countsMoved(ctx, region);
  return { value: created.value(), replayed: created.replayed };
}

const decisionEvent = (ctx: ServiceContext, d: Decision, actor: Actor): NewEvent => ({
  id: ctx.newId(),
  aggregateType: 'problem',
  aggregateId: d.next.id,
  seq: d.next.version,
  type: d.event.type,
  actorId: actor.userId,
  occurredAt: d.next.updatedAt,
  payload: d.event.payload,
});

/** Loads a problem the actor may read, or 404. */
export async function loadProblem(
  ctx: ServiceContext,
  actor: Actor,
  idOrCode: string,
): Promise<{ row: ProblemRow; state: ProblemState }> {
  const row = await findProblemRow(ctx.db, idOrCode);
  if (!row) throw notFound(PROBLEM);
  const state = stateOf(row);
  requireAllowed(actor, 'read', state, scopeFactsOf(row, state));
  return { row, state };
}

/**
 * One lifecycle action: load → authorize → pure decision → compare-and-set projection +
 * event in one transaction. A stale expected version is 412, never a silent overwrite.
 */
export async function actOnProblem(
  ctx: ServiceContext,
  actor: Actor,
  idOrCode: string,
  expectedVersion: number,
  command: ProblemCommand,
): Promise<ProblemView> {
  const { row, state } = await loadProblem(ctx, actor, idOrCode);
  requireAllowed(actor, command.type, state, scopeFactsOf(row, state));
  if (state.version !== expectedVersion) throw versionConflict();
  const resolved = await resolveCommand(ctx, state, command);
  const dctx = await decisionContext(ctx, actor, state, state.regionCode, state.campaignId);
  const decision = decide(state, resolved, dctx);
  const region = { province_code: row.province_code, city_code: row.city_code, county_code: row.county_code };
  const nextRow = problemColumns(decision.next, region, row.illustrative === 1);
  await inTransaction(ctx, async (trx) => {
    const tctx = { ...ctx, db: trx };
    // One statement: the compare-and-set (the problem's row lock), then the actor's audit lane
    // and the count basis, as in register; then the event, its audit row and the count moves
    // in one more (`row` is exactly what the compare-and-set replaced), sent with the commit.
    const e = decisionEvent(tctx, decision, actor);
    const { cas, basis, ...read } = await together(trx, {
      cas: updateIfVersionQuery(trx, nextRow, expectedVersion),
      ...eventReads(trx, e),
      basis: countBasisQuery(trx),
    });
    if (cas.length !== 1) throw versionConflict();
    // Only after the compare-and-set: a racing assign gets 412, not a clash on these rows.
    if (resolved.type === 'assign') await syncProblemUnits(trx, decision.next);
    if (resolved.type === 'merge_into') {
      await trx
        .insertInto('problem_links')
        .values({ from_id: resolved.targetId, to_id: state.id, kind: 'duplicate', created_at: dctx.now })
        .execute();
    }
    const event = eventWrites(trx, e, read);
    await lastWrites(trx, [
      ...event.writes,
      ...countWrites(trx, basisOf(basis[0]), { row, state }, { row: nextRow, state: decision.next }),
      // An assign rewrote the entries with the new deadline already (syncProblemUnits).
      ...(resolved.type === 'assign' ? [] : unitDeadlineWrites(trx, row, nextRow)),
      // Only when the code, title, description or region changed: none for most actions.
      // (A problem's region never changes today; its document would follow if it did.)
      ...problemSearchWrites(trx, { text: state, region: row }, { text: decision.next, region: nextRow }),
    ]);
  });
  countsMoved(ctx, row);
  // Presented from what was just written (the row is exactly `nextRow`), as after a register:
  // no read-back. The same read check as loading it would make.
  const next = decision.next;
  requireAllowed(actor, 'read', next, scopeFactsOf(nextRow, next));
  const [regionLabel, leadUnitName, viewDctx] = await Promise.all([
    regionName(ctx, nextRow.region_code),
    nextRow.lead_unit_id ? unitName(ctx, nextRow.lead_unit_id) : null,
    decisionContext(ctx, actor, next, next.regionCode, next.campaignId),
  ]);
  return presentProblem(next, actor, { dctx: viewDctx, regionName: regionLabel, leadUnitName });
}

/** Checks references in a command and fills what the core needs (e.g. the target's code). */
async function resolveCommand(
  ctx: ServiceContext,
  state: ProblemState,
  command: ProblemCommand,
): Promise<ProblemCommand> {
  if (command.type === 'assign') {
    const ids = [command.leadUnitId, ...(command.coUnitIds ?? [])];
    const found = await ctx.db.selectFrom('units').select('id').where('id', 'in', ids).execute();
    const known = new Set(found.map((u) => u.id));
    const errors = ids.flatMap((id, i) =>
      known.has(id)
        ? []
        : [fieldError(i === 0 ? 'leadUnitId' : `coUnitIds.${i - 1}`, '单位不存在', 'Unknown unit')],
    );
    if (errors.length) throw invalid(errors);
  }
  if (command.type === 'edit') {
    const c = command.changes;
    await requireTerms(ctx, [
      { field: 'changes.source', kind: 'source', code: c.source },
      ...(c.areas ?? []).map((a, i) => ({ field: `changes.areas.${i}`, kind: 'area', code: a })),
      { field: 'changes.subArea', kind: 'sub_area', code: c.subArea },
      { field: 'changes.problemKind', kind: 'problem_kind', code: c.problemKind },
    ]);
  }
  if (command.type === 'merge_into') {
    const target = await findProblemRow(ctx.db, command.targetId);
    if (!target || target.id === state.id) {
      throw invalid([
        fieldError('targetId', '合并目标不存在或为本问题', 'Target not found or the same problem'),
      ]);
    }
    return { ...command, targetId: target.id, targetCode: target.code };
  }
  return command;
}

/** 举一反三: screening items in other regions, each linked to the origin. */
export async function createScreeningItems(
  ctx: ServiceContext,
  actor: Actor,
  originIdOrCode: string,
  input: { regionCodes: string[]; title?: string; description?: string },
): Promise<ProblemView[]> {
  const { row, state: origin } = await loadProblem(ctx, actor, originIdOrCode);
  requireAllowed(actor, 'screen', origin, scopeFactsOf(row, origin));
  if (!input.regionCodes.length)
    throw invalid([fieldError('regionCodes', '至少选择一个地区', 'Choose at least one region')]);
  for (const [i, code] of input.regionCodes.entries()) {
    await getRegionRow(ctx.db, code).catch(() => {
      throw invalid([fieldError(`regionCodes.${i}`, '行政区划不存在', 'Unknown region code')]);
    });
  }
  // All or nothing: one transaction for every screening item.
  return inTransaction(ctx, async (trx) => {
    const created: ProblemView[] = [];
    for (const regionCode of input.regionCodes) {
      const { value } = await registerProblem(withDb(ctx, trx), actor, {
        title: input.title ?? `【举一反三】${origin.title}`,
        description: input.description ?? `由 ${origin.code} 举一反三排查：${origin.description}`,
        source: 'screening',
        areas: origin.areas,
        subArea: origin.subArea,
        problemKind: origin.problemKind,
        campaignId: origin.campaignId,
        regionCode,
        originId: origin.id,
        // Screening items of illustrative (demo) data are illustrative too.
        illustrative: row.illustrative === 1,
      });
      created.push(value);
    }
    return created;
  });
}
