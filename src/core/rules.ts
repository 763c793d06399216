/**
 * Rules that differ by level and province. They are settings per campaign (with these
 * defaults), never constants in code.
 */
export interface CampaignRules {
  /** Working days from acknowledgement until the plan is due (central: 30). */
  planDueWorkingDays: number;
  /** Days to answer a complaint (7 or 10). */
  complaintReplyDays: number;
  /** Length of the public notice period after acceptance. */
  noticePeriod: { length: number; unit: 'days' | 'working_days' };
  /** Dispatch cadence. */
  dispatchEvery: 'weekly' | 'half_monthly' | 'monthly';
  /** Yellow light when the deadline is within this many calendar days. */
  yellowWithinDays: number;
  /** "Stalled" when rectifying without progress for this many calendar days. */
  stalledAfterDays: number;
}

export const DEFAULT_RULES: CampaignRules = {
  planDueWorkingDays: 30,
  complaintReplyDays: 10,
  noticePeriod: { length: 7, unit: 'days' },
  dispatchEvery: 'half_monthly',
  yellowWithinDays: 7,
  stalledAfterDays: 30,
};

/** Merges stored (possibly partial) settings over the defaults. */
export function resolveRules(stored: Partial<CampaignRules> | null | undefined): CampaignRules {
  return {
    ...DEFAULT_RULES,
    ...(stored ?? {}),
    noticePeriod: { ...DEFAULT_RULES.noticePeriod, ...(stored?.noticePeriod ?? {}) },
  };
}
