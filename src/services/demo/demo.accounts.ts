import type { DemoAccount } from './demo.types.js';

/** Unit names the accounts (and the data modules) share. */
export const JL_OFFICE = '吉林省生态环境保护工作领导小组办公室';
export const JL_ECOLOGY = '吉林省生态环境厅';
export const JL_INSTITUTE = '吉林省环境科学研究院';
export const GZL_BUREAU = '公主岭市生态环境局';
export const HE_OFFICE = '河北省生态环境保护督察整改工作领导小组办公室';
export const HE_ECOLOGY = '河北省生态环境厅';
export const SJZ_BUREAU = '石家庄市生态环境局';

/**
 * The accounts `serve --demo` prints a token for: one per kind of user of PRODUCT.md.
 * The demo also creates the staff of the other responsible units (see the data modules),
 * who act in the story but get no token printed.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    login: 'admin',
    displayName: '系统管理员',
    role: 'system_admin',
    unitName: JL_OFFICE,
    description:
      '系统管理员（吉林省生态环境保护工作领导小组办公室）：管理账号和配置，按三权分立不办理台账业务 — system administrator: accounts and settings, no ledger work',
  },
  {
    login: 'jl-office',
    displayName: '吉林省领导小组办公室督办员',
    role: 'office',
    unitName: JL_OFFICE,
    description:
      '吉林省督察办：建专项行动和工作组、交办、挂牌督办、验收销号 — Jilin province office: campaigns, assignment, listed supervision, acceptance',
  },
  {
    login: 'jl-group2',
    displayName: '第二督导帮扶工作组 王建国',
    role: 'group_member',
    unitName: JL_ECOLOGY,
    description:
      '第二督导帮扶工作组成员（省生态环境厅牵头，负责长春市含公主岭市）：登记问题、督导记录、审核方案、督促、验收 — member of work group 2 (Changchun incl. Gongzhuling)',
  },
  {
    login: 'jl-expert',
    displayName: '第二工作组专家 刘文清',
    role: 'expert',
    unitName: JL_INSTITUTE,
    description:
      '第二督导帮扶工作组专家：查看问题、提出根源分析和意见建议 — expert of work group 2: reads problems, adds expert opinions',
  },
  {
    login: 'gzl-clerk',
    displayName: '公主岭市生态环境局经办人',
    role: 'unit_staff',
    unitName: GZL_BUREAU,
    description:
      '县级责任单位经办人（公主岭市生态环境局）：签收、报方案、报进展、申请销号 — county clerk of a responsible unit: acknowledge, plan, progress, closure request',
  },
  {
    login: 'he-office',
    displayName: '河北省督察整改办督办员',
    role: 'office',
    unitName: HE_OFFICE,
    description:
      '河北省督察整改领导小组办公室：逐级交办、挂牌督办、验收销号、反弹重启、举一反三 — Hebei province office: assignment, listed supervision, acceptance, reopening, screening',
  },
  {
    login: 'sjz-clerk',
    displayName: '石家庄市生态环境局经办人',
    role: 'unit_staff',
    unitName: SJZ_BUREAU,
    description:
      '市级责任单位经办人（石家庄市生态环境局）：签收、报方案、报进展、申请销号 — city clerk of a responsible unit in Shijiazhuang',
  },
  {
    login: 'he-handler',
    displayName: '河北省信访举报受理员',
    role: 'complaint_handler',
    unitName: HE_ECOLOGY,
    clearances: ['complainant_confidential'],
    description:
      '信访举报受理人（河北省生态环境厅，有举报人保密授权）：受理、转办、核实、公开群众举报，可查看举报人信息（留痕审计） — complaint handler, cleared: receives, routes, verifies and discloses complaints; may open complainant identities (audited)',
  },
  {
    login: 'viewer',
    displayName: '只读用户',
    role: 'viewer',
    unitName: JL_OFFICE,
    description: '只读用户（吉林省范围）：浏览台账，不能办理 — read-only viewer of the Jilin ledger',
  },
];

/** One of the accounts above, by login (for the data modules). */
export function demoAccount(login: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!account) throw new Error(`no demo account "${login}"`);
  return account;
}
