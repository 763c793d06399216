import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor } from '../core/actor.js';
import { DomainError, fieldError, invalid, notFound } from '../core/errors.js';
import { authorizeProblem } from '../core/problem.policy.js';
import type { AttachmentRow } from '../db/schema.js';
import type { ServiceContext } from './context.js';
import { MalformedImageError, stripImageMetadata } from './image-metadata.js';
import { loadProblem, requireAllowed, scopeFactsOf } from './problems/problem.service.js';

/** Evidence people attach: photos, scans, office documents. Anything else is refused. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/zip': 'zip',
};
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export interface Attachment {
  id: string;
  problemId: string | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

const present = (r: AttachmentRow): Attachment => ({
  id: r.id,
  problemId: r.problem_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  createdAt: r.created_at,
});

/** A file name safe to store and to send back in a header. */
const safeName = (name: string) => name.replace(/[\\/\0\r\n"]/g, '_').slice(0, 200) || 'file';

/**
 * Stores one evidence file of a problem: written under DUBAN_DATA_DIR first (never inside a
 * transaction), then recorded. Progress reports and closure requests cite it as `attachment:<id>`.
 */
export async function addAttachment(
  ctx: ServiceContext,
  actor: Actor,
  problemIdOrCode: string,
  file: { fileName: string; mediaType: string; content: Buffer },
): Promise<Attachment> {
  const { row: problemRow, state } = await loadProblem(ctx, actor, problemIdOrCode);
  // Evidence comes from the unit reporting progress or from the level checking the closure.
  const facts = scopeFactsOf(problemRow, state);
  if (!authorizeProblem(actor, 'accept_closure', state, facts).allowed)
    requireAllowed(actor, 'report_progress', state, facts);
  const mediaType = file.mediaType.split(';')[0]!.trim().toLowerCase();
  if (!ATTACHMENT_TYPES[mediaType]) {
    throw new DomainError('VALIDATION_FAILED', { zh: '不支持的文件类型', en: 'Unsupported file type' }, [
      fieldError(
        'content-type',
        `允许：${Object.keys(ATTACHMENT_TYPES).join('、')}`,
        `allowed: ${Object.keys(ATTACHMENT_TYPES).join(', ')}`,
      ),
    ]);
  }
  if (file.content.length === 0) throw invalid([fieldError('body', '文件为空', 'The file is empty')]);
  if (file.content.length > MAX_ATTACHMENT_BYTES)
    throw invalid([fieldError('body', '文件过大（上限 20 MB）', 'File too large (max 20 MB)')]);
  let content: Buffer;
  try {
    // Photos lose their EXIF/XMP/IPTC (GPS, camera, names) before anything is stored.
    content = stripImageMetadata(mediaType, file.content);
  } catch (err) {
    if (!(err instanceof MalformedImageError)) throw err;
    throw invalid([fieldError('body', '图片文件已损坏或格式不符', `Malformed image: ${err.message}`)]);
  }
  const id = ctx.newId();
  const sha256 = createHash('sha256').update(content).digest('hex');
  const dir = join(ctx.dataDir, 'attachments', sha256.slice(0, 2));
  await mkdir(dir, { recursive: true });
  const storagePath = join(dir, `${id}.${ATTACHMENT_TYPES[mediaType]}`);
  await writeFile(`${storagePath}.part`, content);
  await rename(`${storagePath}.part`, storagePath);
  const row: AttachmentRow = {
    id,
    problem_id: state.id,
    file_name: safeName(file.fileName),
    media_type: mediaType,
    size_bytes: content.length,
    sha256,
    storage_path: storagePath,
    uploaded_by: actor.userId,
    created_at: ctx.clock.now().toISOString(),
  };
  await ctx.db.insertInto('attachments').values(row).execute();
  return present(row);
}

export async function listAttachments(
  ctx: ServiceContext,
  actor: Actor,
  problemIdOrCode: string,
): Promise<Attachment[]> {
  const { state } = await loadProblem(ctx, actor, problemIdOrCode);
  const rows = await ctx.db
    .selectFrom('attachments')
    .selectAll()
    .where('problem_id', '=', state.id)
    .orderBy('created_at')
    .execute();
  return rows.map(present);
}

/** The file and its record, if the actor may read its problem. */
export async function readAttachment(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<{ meta: Attachment; content: Buffer }> {
  const row = await ctx.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound({ zh: '附件', en: 'Attachment' });
  if (row.problem_id) await loadProblem(ctx, actor, row.problem_id);
  return { meta: present(row), content: await readFile(row.storage_path) };
}
