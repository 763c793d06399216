import { DomainError } from '../../core/errors.js';
import { inTransaction, type ServiceContext, withDb } from '../context.js';
import { HEBEI_2018 } from './demo.hebei.data.js';
import { JILIN_2020 } from './demo.jilin.data.js';
import { demoWorld, playCampaign } from './demo.story.js';
import type { DemoCampaign } from './demo.types.js';

export { DEMO_ACCOUNTS } from './demo.accounts.js';

/** The two seed documents as data, in the order they happened. */
export const DEMO_CAMPAIGNS: readonly DemoCampaign[] = [HEBEI_2018, JILIN_2020];

export interface DemoSummary {
  message: string;
  campaigns: number;
  problems: number;
  users: number;
}

/**
 * Loads the illustrative demo (示例数据) built from the two seed documents: the Hebei 2018
 * look-back rectification and the Jilin 2020 special action, with their units, people, work
 * groups, site visits and a ledger whose problems went through every part of the lifecycle.
 * Everything goes through the services, in one transaction: all of it or nothing.
 *
 * Needs the reference data (regions of 220000 and 130000, vocabularies) and refuses a
 * database that already holds a campaign.
 */
export async function loadDemo(ctx: ServiceContext): Promise<DemoSummary> {
  return inTransaction(ctx, async (trx) => {
    const base = withDb(ctx, trx);
    await requireEmptyLedger(base);
    const w = demoWorld(base);
    for (const data of DEMO_CAMPAIGNS) await playCampaign(w, data);
    const counts = { campaigns: w.campaignIds.length, problems: w.problems.size, users: w.users.size };
    return {
      ...counts,
      message:
        `已载入示例数据：${counts.campaigns} 个专项行动、${counts.problems} 个问题、${counts.users} 个用户（均标注为示例数据）。` +
        `\nLoaded the illustrative demo data: ${counts.campaigns} campaigns, ${counts.problems} problems, ${counts.users} users.`,
    };
  });
}

async function requireEmptyLedger(ctx: ServiceContext): Promise<void> {
  const campaign = await ctx.db.selectFrom('campaigns').select('id').limit(1).executeTakeFirst();
  if (campaign) {
    throw new DomainError('CONFLICT', {
      zh: '数据库中已有专项行动，示例数据只能载入空台账',
      en: 'The database already holds a campaign; the demo can only be loaded into an empty ledger',
    });
  }
  const provinces = DEMO_CAMPAIGNS.map((d) => d.campaign.provinceCode);
  const found = await ctx.db.selectFrom('regions').select('code').where('code', 'in', provinces).execute();
  const vocabulary = await ctx.db.selectFrom('vocabulary_terms').select('code').limit(1).executeTakeFirst();
  if (found.length < provinces.length || !vocabulary) {
    throw new DomainError('CONFLICT', {
      zh: `请先载入行政区划和词表（需要 ${provinces.join('、')}），例如运行 duban migrate`,
      en: `Load the reference data first (regions ${provinces.join(', ')} and vocabularies), e.g. with duban migrate`,
    });
  }
}
