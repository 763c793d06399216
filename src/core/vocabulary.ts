/**
 * Stored enum values and the seed vocabularies of PRODUCT.md. Stored values are lowercase
 * strings and are never renamed; labels are for people (zh-CN first, English second).
 */
export interface Label {
  zh: string;
  en: string;
}

export const PROBLEM_STATUSES = [
  'registered', // 已登记
  'assigned', // 已交办
  'acknowledged', // 已签收
  'plan_submitted', // 方案待审核
  'plan_returned', // 方案退回完善
  'rectifying', // 整改中
  'closure_requested', // 申请销号（待验收）
  'handled', // 已办结（验收通过，公示中）
  'closed', // 已销号
  'dismissed', // 不属实，不予立案
  'merged', // 已合并（重复）
] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const STATUS_LABELS: Record<ProblemStatus, Label> = {
  registered: { zh: '已登记', en: 'Registered' },
  assigned: { zh: '已交办', en: 'Assigned' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  plan_submitted: { zh: '方案待审核', en: 'Plan submitted' },
  plan_returned: { zh: '方案退回完善', en: 'Plan returned' },
  rectifying: { zh: '整改中', en: 'Rectifying' },
  closure_requested: { zh: '申请销号', en: 'Closure requested' },
  handled: { zh: '已办结（公示中）', en: 'Handled (public notice)' },
  closed: { zh: '已销号', en: 'Closed' },
  dismissed: { zh: '不属实', en: 'Not substantiated' },
  merged: { zh: '已合并', en: 'Merged as duplicate' },
};

/** Statuses in which an item has left the active ledger. */
export const TERMINAL_STATUSES: readonly ProblemStatus[] = ['closed', 'dismissed', 'merged'];
/** Statuses that count as "done" for deadline warnings (no red light once handled). */
export const DONE_STATUSES: readonly ProblemStatus[] = ['handled', 'closed', 'dismissed', 'merged'];

export const ROLES = [
  // Three separated administrators (三权分立): none of them handles ledger content.
  'system_admin', // 系统管理员: accounts, configuration
  'security_admin', // 安全管理员: roles, policies, labels
  'audit_admin', // 审计管理员: reads and exports the audit
  'office', // 督察办
  'group_member', // 工作组成员
  'expert', // 专家
  'unit_staff', // 责任单位经办人
  'complaint_handler', // 信访举报受理人
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export const ROLE_LABELS: Record<Role, Label> = {
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '审计管理员', en: 'Audit administrator' },
  office: { zh: '督察办', en: 'Inspection office' },
  group_member: { zh: '工作组成员', en: 'Work-group member' },
  expert: { zh: '专家', en: 'Expert' },
  unit_staff: { zh: '责任单位经办人', en: 'Responsible-unit staff' },
  complaint_handler: { zh: '信访举报受理人', en: 'Complaint handler' },
  viewer: { zh: '查看者', en: 'Viewer' },
};

export const REGION_LEVELS = ['province', 'city', 'county', 'town'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const UNIT_KINDS = ['office', 'department', 'government', 'enterprise', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const CAMPAIGN_LEVELS = ['central', 'provincial', 'city'] as const;
export type CampaignLevel = (typeof CAMPAIGN_LEVELS)[number];

export const CAMPAIGN_KINDS = ['inspection', 'look_back', 'special_action'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const SUPERVISION_LEVELS = ['county', 'city', 'province', 'central'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

export const PLAN_KINDS = ['immediate', 'deadline', 'long_term'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const WARNING_LEVELS = ['red', 'yellow', 'stalled', 'green', 'none'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/** A member's part in a work group: 组长, 成员, 专家, 联络员. */
export const MEMBER_ROLES = ['leader', 'member', 'expert', 'liaison'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const VOCABULARY_KINDS = ['source', 'area', 'sub_area', 'problem_kind', 'plan_kind'] as const;
export type VocabularyKind = (typeof VOCABULARY_KINDS)[number];

export interface VocabularyTerm {
  kind: VocabularyKind;
  code: string;
  label: Label;
  /** For sub-areas: the area they belong to. */
  parentCode?: string;
}

const term = (kind: VocabularyKind, code: string, zh: string, en: string, parentCode?: string) =>
  ({ kind, code, label: { zh, en }, ...(parentCode ? { parentCode } : {}) }) satisfies VocabularyTerm;

/** Seed vocabularies (PRODUCT.md); editable as data afterwards. */
export const SEED_VOCABULARY: readonly VocabularyTerm[] = [
  term('source', 'central_inspection', '中央生态环境保护督察', 'Central inspection'),
  term('source', 'central_look_back', '中央督察"回头看"', 'Central look-back'),
  term('source', 'provincial_inspection', '省级生态环境保护督察', 'Provincial inspection'),
  term('source', 'provincial_look_back', '省级督察"回头看"', 'Provincial look-back'),
  term('source', 'locality_request', '地方反映', 'Locality request'),
  term('source', 'department_finding', '省直部门掌握', 'Department finding'),
  term('source', 'public_complaint', '群众信访举报', 'Public complaint'),
  term('source', 'self_inspection', '自查自纠', 'Self-inspection'),
  term('source', 'media', '媒体曝光', 'Media'),
  term('source', 'site_visit', '督导发现', 'Found on a site visit'),
  term('source', 'screening', '举一反三排查', 'Screening (举一反三)'),
  term('area', 'air', '大气污染防治', 'Air pollution prevention'),
  term('area', 'water', '水污染防治', 'Water pollution prevention'),
  term('area', 'soil', '土壤污染防治', 'Soil pollution prevention'),
  term('area', 'ecology', '自然生态保护', 'Natural ecology protection'),
  term('sub_area', 'scattered_polluting', '"散乱污"企业整治', 'Scattered polluting enterprises', 'air'),
  term('sub_area', 'vehicles_fuel', '机动车污染和劣质油品管控', 'Motor vehicles and poor fuel', 'air'),
  term('sub_area', 'coal_heating', '"煤改电""煤改气"', 'Coal-to-electricity and gas', 'air'),
  term('sub_area', 'river_quality', '重点河流水质改善', 'Key river water quality', 'water'),
  term('sub_area', 'sludge', '污泥处理', 'Sludge treatment', 'water'),
  term('sub_area', 'groundwater', '地下水超采', 'Groundwater over-extraction', 'water'),
  term('sub_area', 'black_odorous', '城市黑臭水体', 'Black and odorous water', 'water'),
  term('sub_area', 'contaminated_land', '污染地块', 'Contaminated land', 'soil'),
  term('sub_area', 'solid_waste', '固体废物', 'Solid waste', 'soil'),
  term('sub_area', 'mines', '矿山环境综合整治', 'Mine environment remediation', 'ecology'),
  term('sub_area', 'nature_reserves', '自然保护地', 'Nature reserves', 'ecology'),
  term('sub_area', 'wetlands_grassland', '湿地和草原保护', 'Wetlands and grassland', 'ecology'),
  term(
    'problem_kind',
    'locality_difficulty',
    '地方反映需省级协调解决的难点问题',
    'Difficulty needing provincial coordination',
  ),
  term(
    'problem_kind',
    'department_known',
    '省直部门掌握的突出问题',
    'Prominent problem known to departments',
  ),
  term('problem_kind', 'look_back_key', '督察"回头看"发现的重点问题', 'Key problem found by the look-back'),
  term('problem_kind', 'new_finding', '督导中发现的新问题', 'New problem found during supervision'),
  term('problem_kind', 'complaint', '信访举报问题', 'Complaint-derived problem'),
  term('plan_kind', 'immediate', '立行立改', 'Rectify immediately'),
  term('plan_kind', 'deadline', '限期整改', 'Rectify by a deadline'),
  term('plan_kind', 'long_term', '长期坚持', 'Long-term commitment'),
];
