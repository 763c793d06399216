import { decide, registerProblem } from '../../src/core/problem.lifecycle.js';
import type {
  Decision,
  DecisionContext,
  ProblemCommand,
  ProblemState,
} from '../../src/core/problem.types.js';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import { addWorkingDays } from '../../src/core/working-days.js';
import { canonicalJson } from '../../src/db/canonical-json.js';
import { GENESIS_HASH } from '../../src/db/event.repository.js';
import type { EventRow } from '../../src/db/schema.js';
import { draftEvent } from './drafts.js';
import { evolveInPlace } from './fast-evolve.js';
import { hashedEvent } from './fast-hash.js';
import { DAY_MS, type Rng, uuidv7At } from './random.js';

const SHANGHAI_MS = 8 * 3_600_000;
const shanghaiDate = (ms: number) => new Date(ms + SHANGHAI_MS).toISOString().slice(0, 10);

// The core's calendar walks day by day; a few thousand distinct dates repeat a million times.
const workingDays = new Map<string, string>();
function cachedAddWorkingDays(from: string, n: number): string {
  const key = `${from}+${n}`;
  const cached = workingDays.get(key);
  if (cached !== undefined) return cached;
  const d = addWorkingDays(from, n);
  workingDays.set(key, d);
  return d;
}

/**
 * One problem's life on a simulated clock: each step advances the clock, drafts the event the
 * core would decide, applies it with the core's pure `evolve`, and chains the event's hash.
 * Steps that would happen after `nowMs` do not happen, so recent problems are naturally still
 * open. A `checked` timeline also asks `decide` (guards, rules, validation) at every step and
 * fails on any difference from the draft.
 */
export class Timeline {
  state!: ProblemState;
  readonly events: EventRow[] = [];
  private prevHash = GENESIS_HASH;

  constructor(
    readonly rng: Rng,
    public t: number,
    private readonly nowMs: number,
    private readonly officeUser: string,
    private readonly checked: boolean,
  ) {}

  get today(): string {
    return shanghaiDate(this.t);
  }

  /** The Shanghai date n days after the simulated now. */
  inDays(n: number): string {
    return shanghaiDate(this.t + n * DAY_MS);
  }

  register(input: Parameters<typeof registerProblem>[0], actor: string): void {
    this.record(
      registerProblem(input, { now: new Date(this.t).toISOString(), actor: { userId: actor } }),
      actor,
    );
  }

  /** Waits between min and max days (plus some hours), then acts; false once past now. */
  act(
    minDays: number,
    maxDays: number,
    actor: string,
    command: ProblemCommand | ((today: string) => ProblemCommand),
  ): boolean {
    const at = this.t + this.rng.int(minDays, maxDays) * DAY_MS + this.rng.int(0, 8 * 3_600_000);
    if (at > this.nowMs) return false;
    this.t = at;
    const ctx = this.context(actor);
    const c = typeof command === 'function' ? command(ctx.today) : command;
    const event = draftEvent(this.state, c, ctx);
    // decide() first: the state is about to change in place.
    const decided = this.checked ? decide(this.state, c, ctx) : null;
    const expected = decided && JSON.stringify(decided.next);
    const next = evolveInPlace(this.state, event.type, event.payload, ctx.now, actor);
    if (
      decided &&
      (expected !== JSON.stringify(next) || canonicalJson(decided.event) !== canonicalJson(event))
    )
      throw new Error(
        `the drafted ${event.type} differs from what decide() gives: update drafts.ts or fast-evolve.ts`,
      );
    this.record({ next, event }, actor);
    return true;
  }

  /** True when a step min days from now would still happen before the cut-off. */
  canWait(days: number): boolean {
    return this.t + days * DAY_MS <= this.nowMs;
  }

  private context(actor: string): DecisionContext {
    return {
      now: new Date(this.t).toISOString(),
      today: shanghaiDate(this.t),
      rules: DEFAULT_RULES,
      actor: { userId: actor, unit: null, workGroupIds: [], isProvinceOffice: actor === this.officeUser },
      leadUnit: null,
      campaignWorkGroupIds: [],
      addWorkingDays: cachedAddWorkingDays,
    };
  }

  private record(d: Decision, actor: string): void {
    this.state = d.next;
    const row = hashedEvent(
      this.prevHash,
      {
        id: uuidv7At(this.t, this.rng),
        aggregate_type: 'problem',
        aggregate_id: d.next.id,
        seq: d.next.version,
        type: d.event.type,
        actor_id: actor,
        occurred_at: d.next.updatedAt,
      },
      d.event.payload,
    );
    this.events.push(row);
    this.prevHash = row.hash;
  }
}
