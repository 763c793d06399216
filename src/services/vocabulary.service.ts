import { fieldError, invalid } from '../core/errors.js';
import type { ServiceContext } from './context.js';

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
  const rows = await ctx.db
    .selectFrom('vocabulary_terms')
    .select(['kind', 'code'])
    .where('active', '=', 1)
    .where(
      'code',
      'in',
      wanted.map((c) => c.code!),
    )
    .execute();
  const known = new Set(rows.map((r) => `${r.kind}:${r.code}`));
  const errors = wanted
    .filter((c) => !known.has(`${c.kind}:${c.code}`))
    .map((c) => fieldError(c.field, `未知的${c.kind}代码：${c.code}`, `unknown ${c.kind} code: ${c.code}`));
  if (errors.length) throw invalid(errors);
}
