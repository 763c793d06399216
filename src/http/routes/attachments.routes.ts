import { Type } from '@sinclair/typebox';
import {
  ATTACHMENT_TYPES,
  addAttachment,
  listAttachments,
  MAX_ATTACHMENT_BYTES,
  readAttachment,
} from '../../services/attachments.service.js';
import type { ServiceContext } from '../../services/context.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Id, Nullable } from '../schemas.js';
import type { Api } from './index.js';

const Attachment = Type.Object({
  id: Type.String(),
  problemId: Nullable(Type.String()),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  createdAt: Type.String(),
});

/** Evidence files: the raw file is the request body; its name comes in `?name=`. */
export async function attachmentRoutes(app: Api, ctx: ServiceContext): Promise<void> {
  // Binary bodies only here; everywhere else stays JSON-only.
  app.addContentTypeParser(
    Object.keys(ATTACHMENT_TYPES),
    { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/problems/:id/attachments',
    {
      bodyLimit: MAX_ATTACHMENT_BYTES,
      schema: {
        tags: ['problems'],
        summary: '上传整改证据 / Upload an evidence file (raw body; up to 20 MB)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 201: Attachment, ...errorResponses(400, 403, 404, 413) },
      },
    },
    async (request, reply) => {
      const content = request.body as Buffer;
      const meta = await addAttachment(ctx, actorOf(request), request.params.id, {
        fileName: request.query.name,
        mediaType: request.headers['content-type'] ?? '',
        content: Buffer.isBuffer(content) ? content : Buffer.alloc(0),
      });
      return reply.code(201).send(meta);
    },
  );

  app.get(
    '/problems/:id/attachments',
    {
      schema: {
        tags: ['problems'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: Type.Object({ items: Type.Array(Attachment) }), ...errorResponses(404) },
      },
    },
    async (request) => ({ items: await listAttachments(ctx, actorOf(request), request.params.id) }),
  );

  app.get(
    '/attachments/:id',
    {
      schema: {
        tags: ['problems'],
        summary: '下载附件 / Download an attachment',
        params: Type.Object({ id: Id }),
      },
    },
    async (request, reply) => {
      const { meta, content } = await readAttachment(ctx, actorOf(request), request.params.id);
      return reply
        .type(meta.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(content);
    },
  );
}
