import type { Actor } from './actor.js';
import type { Label, Role } from './vocabulary.js';

/**
 * Reference data — units and vocabularies — is configuration (the system administrator) and
 * working data of the inspection office. Everyone signed in may read it.
 */
const REFERENCE_EDITORS: readonly Role[] = ['system_admin', 'office'];

export function decideReferenceChange(
  actor: Pick<Actor, 'role'>,
): { allowed: true } | { allowed: false; reason: Label } {
  return REFERENCE_EDITORS.includes(actor.role)
    ? { allowed: true }
    : {
        allowed: false,
        reason: {
          zh: '只有系统管理员或督察办可以维护单位和词表',
          en: 'Only the system administrator or the office may edit units and vocabularies',
        },
      };
}
