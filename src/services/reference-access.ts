import type { Actor } from '../core/actor.js';
import { DomainError } from '../core/errors.js';
import { decideReferenceChange } from '../core/reference.policy.js';

/** Refuses (403 with the reason) a change to units or vocabularies by anyone else than their editors. */
export function requireReferenceEditor(actor: Actor): void {
  const decision = decideReferenceChange(actor);
  if (!decision.allowed) throw new DomainError('FORBIDDEN', decision.reason);
}
