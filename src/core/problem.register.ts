import { fieldError } from './errors.js';
import { EDITABLE_FIELD_CHECKS } from './problem.decide-admin.js';
import { eventDraft, type RegisteredPayload } from './problem.events.js';
import { evolve } from './problem.evolve.js';
import type { Decision, DecisionContext } from './problem.types.js';
import { optionalText, requireText, throwIfInvalid } from './problem.validation.js';

/** What registering a problem needs; optional fields default to null / false. */
export interface RegisterProblemInput {
  id: string;
  code: string;
  title: string;
  description: string;
  source: string;
  areas: string[];
  subArea?: string | null;
  problemKind?: string | null;
  campaignId?: string | null;
  workGroupId?: string | null;
  /** GB/T 2260 code of the place: 6 digits, or 9/12 below county level. */
  regionCode: string;
  location?: { lat: number; lng: number } | null;
  complaintLinked?: boolean;
  /** The problem this one was screened from (举一反三), if any. */
  originId?: string | null;
}

const REGION_CODE = /^\d{6}(\d{3}){0,2}$/;

function checkInput(input: RegisterProblemInput): void {
  const f = EDITABLE_FIELD_CHECKS;
  throwIfInvalid([
    requireText('id', input.id, { zh: '问题标识', en: 'The id' }),
    requireText('code', input.code, { zh: '台账编号', en: 'The ledger code' }),
    f.title('title', input.title),
    f.description('description', input.description),
    f.source('source', input.source),
    f.areas('areas', input.areas),
    f.subArea('subArea', input.subArea),
    f.problemKind('problemKind', input.problemKind),
    optionalText('campaignId', input.campaignId),
    optionalText('workGroupId', input.workGroupId),
    typeof input.regionCode === 'string' && REGION_CODE.test(input.regionCode)
      ? null
      : fieldError('regionCode', '行政区划代码无效', 'Invalid region code'),
    f.location('location', input.location ?? null),
    input.complaintLinked === undefined || typeof input.complaintLinked === 'boolean'
      ? null
      : fieldError('complaintLinked', '应为是或否', 'Must be true or false'),
    optionalText('originId', input.originId),
  ]);
}

/** 登记: a new ledger item, status registered, version 1. */
export function registerProblem(
  input: RegisterProblemInput,
  ctx: Pick<DecisionContext, 'now'> & { actor: Pick<DecisionContext['actor'], 'userId'> },
): Decision {
  checkInput(input);
  const payload: RegisteredPayload = {
    id: input.id,
    code: input.code,
    title: input.title,
    description: input.description,
    source: input.source,
    areas: [...input.areas],
    subArea: input.subArea ?? null,
    problemKind: input.problemKind ?? null,
    campaignId: input.campaignId ?? null,
    workGroupId: input.workGroupId ?? null,
    regionCode: input.regionCode,
    location: input.location ? { lat: input.location.lat, lng: input.location.lng } : null,
    complaintLinked: input.complaintLinked ?? false,
    originId: input.originId ?? null,
  };
  const event = eventDraft('problem.registered', payload);
  const next = evolve(null, { ...event, at: ctx.now, actorId: ctx.actor.userId });
  return { next, event };
}
