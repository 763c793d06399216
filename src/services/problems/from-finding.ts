import type { Actor } from '../../core/actor.js';
import { fieldError, invalid } from '../../core/errors.js';
import { getSiteVisit, markFindingAsProblem } from '../campaigns/site-visit.service.js';
import { inTransaction, type ServiceContext, withDb } from '../context.js';
import type { ProblemView } from './problem.presenter.js';
import { registerProblem } from './problem.service.js';
import type { NewProblem } from './problem-input.js';

/**
 * A site-visit finding becomes a problem of the group's campaign in the visited region; the
 * registration and the link on the finding commit together.
 */
export async function registerFromFinding(
  ctx: ServiceContext,
  actor: Actor,
  visitId: string,
  findingId: string,
  overrides: Partial<NewProblem>,
): Promise<ProblemView> {
  const visit = await getSiteVisit(ctx, visitId);
  const finding = visit.findings.find((f) => f.id === findingId);
  if (!finding) throw invalid([fieldError('findingId', '督导发现不存在', 'Unknown finding')]);
  if (finding.problemId)
    throw invalid([fieldError('findingId', '该发现已登记为问题', 'Finding already registered as a problem')]);
  return inTransaction(ctx, async (trx) => {
    const tctx = withDb(ctx, trx);
    const { value } = await registerProblem(tctx, actor, {
      title: finding.text.slice(0, 200),
      description: `${visit.visitedOn} ${visit.place} 督导发现：${finding.text}`,
      source: 'site_visit',
      areas: finding.area ? [finding.area] : [],
      problemKind: 'new_finding',
      ...overrides,
      campaignId: visit.campaignId,
      workGroupId: visit.workGroupId,
      regionCode: overrides.regionCode ?? visit.region.code,
    });
    await markFindingAsProblem(tctx, visitId, findingId, value.id, actor.userId);
    return value;
  });
}
