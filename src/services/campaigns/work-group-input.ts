import { type FieldError, fieldError, invalid } from '../../core/errors.js';
import { MEMBER_ROLES, type MemberRole } from '../../core/vocabulary.js';
import type { ServiceContext } from '../context.js';
import { targetRegionCodes } from './campaign.presenter.js';
import { isWithin, regionRows, unique } from './shared.js';

export type { MemberRole };

export interface NewMember {
  name: string;
  title?: string | null;
  unitId?: string | null;
  /** The member's account, when they use duban themselves (gives them the group's rights). */
  userId?: string | null;
  memberRole: MemberRole;
  expertise?: string | null;
}

export interface NewWorkGroup {
  name: string;
  leadUnitId: string;
  /** Co-operating units besides the lead. */
  memberUnitIds?: string[];
  /** Regions the group is assigned: targets of the campaign or places inside them. */
  regionCodes: string[];
  members?: NewMember[];
}

export type WorkGroupChanges = Partial<Omit<NewWorkGroup, 'members'>>;
export type WorkGroupFields = Required<Omit<NewWorkGroup, 'members'>>;

export function normaliseWorkGroup(g: WorkGroupChanges & Pick<NewWorkGroup, 'leadUnitId'>): WorkGroupFields {
  return {
    name: g.name?.trim() ?? '',
    leadUnitId: g.leadUnitId,
    memberUnitIds: unique(g.memberUnitIds ?? []).filter((u) => u !== g.leadUnitId),
    regionCodes: unique(g.regionCodes ?? []),
  };
}

export const normaliseMember = (m: NewMember): Required<NewMember> => ({
  name: m.name?.trim() ?? '',
  title: m.title?.trim() || null,
  unitId: m.unitId ?? null,
  userId: m.userId ?? null,
  memberRole: m.memberRole,
  expertise: m.expertise?.trim() || null,
});

async function existing(
  ctx: ServiceContext,
  table: 'units' | 'users',
  ids: (string | null)[],
): Promise<Set<string>> {
  const wanted = unique(ids.filter((id): id is string => !!id));
  if (!wanted.length) return new Set();
  const rows = await ctx.db.selectFrom(table).select('id').where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

/** `fieldOf(i, 'name')` names the failing field: 'members.0.name' in a group, 'name' alone. */
export async function memberErrors(
  ctx: ServiceContext,
  members: readonly Required<NewMember>[],
  fieldOf: (i: number, field: string) => string,
): Promise<FieldError[]> {
  const units = await existing(
    ctx,
    'units',
    members.map((m) => m.unitId),
  );
  const users = await existing(
    ctx,
    'users',
    members.map((m) => m.userId),
  );
  return members.flatMap((m, i) => {
    const at = (f: string) => fieldOf(i, f);
    const errors: FieldError[] = [];
    if (!m.name) errors.push(fieldError(at('name'), '请填写姓名', 'Name is required'));
    if (!MEMBER_ROLES.includes(m.memberRole)) {
      errors.push(fieldError(at('memberRole'), '成员角色无效', `must be one of ${MEMBER_ROLES.join(', ')}`));
    }
    if (m.unitId && !units.has(m.unitId)) errors.push(fieldError(at('unitId'), '单位不存在', 'Unknown unit'));
    if (m.userId && !users.has(m.userId)) errors.push(fieldError(at('userId'), '用户不存在', 'Unknown user'));
    return errors;
  });
}

async function regionErrors(
  ctx: ServiceContext,
  campaignId: string,
  codes: readonly string[],
): Promise<FieldError[]> {
  if (!codes.length) return [fieldError('regionCodes', '至少分配一个地区', 'Assign at least one region')];
  const targets = new Set(await targetRegionCodes(ctx.db, campaignId));
  const rows = await regionRows(ctx.db, codes);
  return codes.flatMap((code, i) => {
    const r = rows.get(code);
    const field = `regionCodes.${i}`;
    if (!r) return [fieldError(field, `行政区划不存在：${code}`, `unknown region code: ${code}`)];
    if (!isWithin(r, targets)) {
      return [
        fieldError(
          field,
          `${r.name}不在本专项行动的目标地区内`,
          `${r.name} is not inside the campaign’s target regions`,
        ),
      ];
    }
    return [];
  });
}

/** Checks names, units and that every assigned region lies inside the campaign's targets. */
export async function validateWorkGroup(
  ctx: ServiceContext,
  campaignId: string,
  g: WorkGroupFields,
  members: readonly Required<NewMember>[] = [],
): Promise<void> {
  const units = await existing(ctx, 'units', [g.leadUnitId, ...g.memberUnitIds]);
  const errors: FieldError[] = [];
  if (!g.name) errors.push(fieldError('name', '请填写工作组名称', 'Name is required'));
  if (!units.has(g.leadUnitId)) errors.push(fieldError('leadUnitId', '牵头单位不存在', 'Unknown lead unit'));
  g.memberUnitIds.forEach((id, i) => {
    if (!units.has(id)) errors.push(fieldError(`memberUnitIds.${i}`, '单位不存在', 'Unknown unit'));
  });
  errors.push(...(await regionErrors(ctx, campaignId, g.regionCodes)));
  errors.push(...(await memberErrors(ctx, members, (i, f) => `members.${i}.${f}`)));
  if (errors.length) throw invalid(errors);
}
