import { type FieldError, fieldError, invalid } from '../../core/errors.js';
import type { CampaignRules } from '../../core/rules.js';
import {
  CAMPAIGN_KINDS,
  CAMPAIGN_LEVELS,
  type CampaignKind,
  type CampaignLevel,
} from '../../core/vocabulary.js';
import type { ServiceContext } from '../context.js';
import { dateErrors, regionRows, termErrors, unique } from './shared.js';

export type CampaignSettings = Partial<CampaignRules>;

export interface NewCampaign {
  name: string;
  level: CampaignLevel;
  kind: CampaignKind;
  /** The province the campaign runs in; every target region lies inside it. */
  provinceCode: string;
  startsOn: string;
  endsOn: string;
  description?: string;
  targetRegionCodes: string[];
  areas?: string[];
  problemKinds?: string[];
  /** Only the rules that differ from DEFAULT_RULES. */
  settings?: CampaignSettings;
  /** Demo or example data, kept out of real statistics. */
  illustrative?: boolean;
}

/** What PATCH may change: top-level fields replace; `settings` replaces the stored overrides. */
export type CampaignChanges = Partial<Omit<NewCampaign, 'provinceCode'>>;

export type CampaignFields = Required<NewCampaign>;

export function normaliseCampaign(c: NewCampaign): CampaignFields {
  return {
    name: c.name?.trim() ?? '',
    level: c.level,
    kind: c.kind,
    provinceCode: c.provinceCode,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    description: c.description?.trim() ?? '',
    targetRegionCodes: unique(c.targetRegionCodes ?? []),
    areas: unique(c.areas ?? []),
    problemKinds: unique(c.problemKinds ?? []),
    settings: c.settings ?? {},
    illustrative: c.illustrative ?? false,
  };
}

const COUNT_RULES = [
  'planDueWorkingDays',
  'complaintReplyDays',
  'yellowWithinDays',
  'stalledAfterDays',
] as const;
const NOTICE_UNITS = ['days', 'working_days'];
const DISPATCH_CADENCES = ['weekly', 'half_monthly', 'monthly'];
const MAX_DAYS = 3650;

const isCount = (v: unknown) => Number.isInteger(v) && (v as number) > 0 && (v as number) <= MAX_DAYS;
const countError = (field: string) =>
  fieldError(field, `须为 1–${MAX_DAYS} 的整数`, `must be an integer 1–${MAX_DAYS}`);

/** Checks rule overrides one by one, so the client learns every bad key at once. */
export function settingsErrors(settings: unknown): FieldError[] {
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    return [fieldError('settings', '须为对象', 'must be an object')];
  }
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const field = `settings.${key}`;
    if ((COUNT_RULES as readonly string[]).includes(key)) {
      if (!isCount(value)) errors.push(countError(field));
    } else if (key === 'dispatchEvery') {
      if (!DISPATCH_CADENCES.includes(value as string)) {
        errors.push(
          fieldError(
            field,
            '调度周期须为 weekly、half_monthly 或 monthly',
            'must be weekly, half_monthly or monthly',
          ),
        );
      }
    } else if (key === 'noticePeriod') {
      const p = (value ?? {}) as { length?: unknown; unit?: unknown };
      if (!isCount(p.length)) errors.push(countError(`${field}.length`));
      if (!NOTICE_UNITS.includes(p.unit as string)) {
        errors.push(
          fieldError(`${field}.unit`, '单位须为 days 或 working_days', 'must be days or working_days'),
        );
      }
    } else {
      errors.push(fieldError(field, '未知的规则设置', 'is not a known rule'));
    }
  }
  return errors;
}

function basicErrors(c: CampaignFields): FieldError[] {
  const errors: FieldError[] = [];
  if (!c.name) errors.push(fieldError('name', '请填写名称', 'Name is required'));
  if (!CAMPAIGN_LEVELS.includes(c.level))
    errors.push(fieldError('level', '层级无效', `must be one of ${CAMPAIGN_LEVELS.join(', ')}`));
  if (!CAMPAIGN_KINDS.includes(c.kind))
    errors.push(fieldError('kind', '类型无效', `must be one of ${CAMPAIGN_KINDS.join(', ')}`));
  const dates = [...dateErrors('startsOn', c.startsOn), ...dateErrors('endsOn', c.endsOn)];
  errors.push(...dates);
  if (!dates.length && c.startsOn > c.endsOn) {
    errors.push(fieldError('endsOn', '结束日期不能早于开始日期', 'must not be before startsOn'));
  }
  return errors;
}

async function regionErrors(ctx: ServiceContext, c: CampaignFields): Promise<FieldError[]> {
  const rows = await regionRows(ctx.db, [c.provinceCode, ...c.targetRegionCodes]);
  const province = rows.get(c.provinceCode);
  if (province?.level !== 'province') {
    return [fieldError('provinceCode', '省级行政区划不存在', 'Unknown province code')];
  }
  if (!c.targetRegionCodes.length) {
    return [fieldError('targetRegionCodes', '至少选择一个目标地区', 'Choose at least one target region')];
  }
  return c.targetRegionCodes.flatMap((code, i) => {
    const r = rows.get(code);
    const field = `targetRegionCodes.${i}`;
    if (!r) return [fieldError(field, `行政区划不存在：${code}`, `unknown region code: ${code}`)];
    if (r.province_code !== c.provinceCode)
      return [fieldError(field, '不在本专项行动的省份内', 'is outside the campaign’s province')];
    return [];
  });
}

/** Every check the schema cannot make (dates in order, regions and vocabulary codes exist). */
export async function validateCampaign(ctx: ServiceContext, c: CampaignFields): Promise<void> {
  const errors = [
    ...basicErrors(c),
    ...settingsErrors(c.settings),
    ...(await regionErrors(ctx, c)),
    ...(await termErrors(ctx, 'areas', 'area', c.areas)),
    ...(await termErrors(ctx, 'problemKinds', 'problem_kind', c.problemKinds)),
  ];
  if (errors.length) throw invalid(errors);
}
