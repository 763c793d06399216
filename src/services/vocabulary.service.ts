import type { Actor } from '../core/actor.js';
import { DomainError, fieldError, invalid, notFound } from '../core/errors.js';
import type { VocabularyKind } from '../core/vocabulary.js';
import { reusable } from '../db/compiled-statements.js';
import type { ServiceContext } from './context.js';
import { requireReferenceEditor } from './reference-access.js';

export interface Term {
  code: string;
  label: { zh: string; en: string };
  parentCode: string | null;
  active: boolean;
}

export async function listVocabulary(ctx: ServiceContext, kind: string): Promise<Term[]> {
  const rows = await ctx.db
    .selectFrom('vocabulary_terms')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('sort_order')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    label: { zh: r.label_zh, en: r.label_en },
    parentCode: r.parent_code,
    active: r.active === 1,
  }));
}

/** Checks that each (kind, code) names an active term; reports the failing field. */
export async function requireTerms(
  ctx: ServiceContext,
  checks: { field: string; kind: string; code: string | null | undefined }[],
) {
  const wanted = checks.filter((c) => c.code);
  if (!wanted.length) return;
  const known = ctx.caches.terms.caching
    ? await ctx.caches.terms.get('active', () => activeTerms(ctx))
    : await activeTermsOf(
        ctx,
        wanted.map((c) => c.code!),
      );
  const errors = wanted
    .filter((c) => !known.has(`${c.kind}:${c.code}`))
    .map((c) => fieldError(c.field, `未知的${c.kind}代码：${c.code}`, `unknown ${c.kind} code: ${c.code}`));
  if (errors.length) throw invalid(errors);
}

/** Every active term as `kind:code` (the cached form: a few hundred terms). */
async function activeTerms(ctx: ServiceContext): Promise<ReadonlySet<string>> {
  const rows = await ctx.db
    .selectFrom('vocabulary_terms')
    .select(['kind', 'code'])
    .where('active', '=', 1)
    .execute();
  return new Set(rows.map((r) => `${r.kind}:${r.code}`));
}

/** The active terms among `codes`, as `kind:code`. */
async function activeTermsOf(ctx: ServiceContext, codes: string[]): Promise<ReadonlySet<string>> {
  // Compiled once per number of codes (every create checks three or four).
  const args = Object.fromEntries(codes.map((c, i) => [`c${i}`, c]));
  const q = reusable(ctx.db, `active-terms:${codes.length}`, args, (a) =>
    ctx.db
      .selectFrom('vocabulary_terms')
      .select(['kind', 'code'])
      .where('active', '=', 1)
      .where('code', 'in', Object.values(a) as string[]),
  );
  const { rows } = await ctx.db.executeQuery<{ kind: string; code: string }>(q);
  return new Set(rows.map((r) => `${r.kind}:${r.code}`));
}

export interface TermInput {
  code: string;
  label: { zh: string; en: string };
  parentCode?: string | null;
  active?: boolean;
  sortOrder?: number;
}

/** Adds a term; codes are stored values and are never renamed afterwards. */
export async function addTerm(
  ctx: ServiceContext,
  actor: Actor,
  kind: VocabularyKind,
  input: TermInput,
): Promise<Term> {
  requireReferenceEditor(actor);
  if (!/^[a-z][a-z0-9_]{1,47}$/.test(input.code)) {
    throw invalid([
      fieldError('code', '代码须为小写字母、数字或下划线', 'Code must be lowercase letters, digits or _'),
    ]);
  }
  if (kind === 'sub_area')
    await requireTerms(ctx, [{ field: 'parentCode', kind: 'area', code: input.parentCode ?? '' }]);
  const exists = await ctx.db
    .selectFrom('vocabulary_terms')
    .select('code')
    .where('kind', '=', kind)
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (exists)
    throw new DomainError('DUPLICATE', { zh: '代码已存在', en: 'Code already exists' }, [
      fieldError('code', '代码已存在', 'exists'),
    ]);
  const last = await ctx.db
    .selectFrom('vocabulary_terms')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .where('kind', '=', kind)
    .executeTakeFirst();
  await ctx.db
    .insertInto('vocabulary_terms')
    .values({
      kind,
      code: input.code,
      label_zh: input.label.zh,
      label_en: input.label.en,
      parent_code: input.parentCode ?? null,
      sort_order: input.sortOrder ?? Number(last?.max ?? 0) + 1,
      active: input.active === false ? 0 : 1,
    })
    .execute();
  ctx.caches.terms.clear();
  return (await listVocabulary(ctx, kind)).find((t) => t.code === input.code)!;
}

/** Relabels, reorders or retires a term (retired terms stay valid on old records). */
export async function updateTerm(
  ctx: ServiceContext,
  actor: Actor,
  kind: VocabularyKind,
  code: string,
  changes: Partial<Pick<TermInput, 'label' | 'active' | 'sortOrder'>>,
): Promise<Term> {
  requireReferenceEditor(actor);
  const result = await ctx.db
    .updateTable('vocabulary_terms')
    .set({
      ...(changes.label ? { label_zh: changes.label.zh, label_en: changes.label.en } : {}),
      ...(changes.active === undefined ? {} : { active: changes.active ? 1 : 0 }),
      ...(changes.sortOrder === undefined ? {} : { sort_order: changes.sortOrder }),
    })
    .where('kind', '=', kind)
    .where('code', '=', code)
    .executeTakeFirst();
  ctx.caches.terms.clear();
  if (Number(result.numUpdatedRows) === 0) throw notFound({ zh: '词条', en: 'Term' });
  return (await listVocabulary(ctx, kind)).find((t) => t.code === code)!;
}
