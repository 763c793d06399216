import type { ScopeClause } from './scope.js';
import type { RegionLevel, Role } from './vocabulary.js';

/**
 * Who is acting, with what the pure rules need to know about them. The service layer
 * builds it from the user, their unit and their unit's region.
 */
export interface Actor {
  userId: string;
  login: string;
  role: Role;
  unitId: string | null;
  /** The actor's unit's region and its administrative ancestors, nearest first. */
  unit: UnitRef | null;
  /** Work groups the actor belongs to (as member or expert). */
  workGroupIds: readonly string[];
  /** What the actor may see (see scope.ts); empty means nothing. */
  scope: readonly ScopeClause[];
  /** Confidentiality labels the actor is cleared for (see complaint.ts); none when absent. */
  clearances?: readonly string[];
}

/** A unit as the rules see it: its region and that region's administrative ancestry. */
export interface UnitRef {
  id: string;
  kind: 'office' | 'department' | 'government' | 'enterprise' | 'other';
  regionCode: string;
  regionLevel: RegionLevel;
  /** Administrative ancestors of the region, nearest first (梅河口市 → ['220000']). */
  regionAncestors: readonly string[];
}

/** The system itself (scheduled jobs, demo loader). */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-7000-8000-000000000000',
  login: 'system',
  role: 'office',
  unitId: null,
  unit: null,
  workGroupIds: [],
  scope: [{ kind: 'all' }],
};
