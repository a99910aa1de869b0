// Upload and download of attachments (an agreement's signed copy, an insurance policy, minutes).
// PDF, PNG and JPEG only, the type read from the bytes, at most 20 MB (the request body is cut
// off beyond that before it is read); stored in the database, never under the web root, and
// downloaded only by the tenant's readers as an attachment that never renders inline.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { recordAudit } from '../audit/record-audit.ts';
import { AppError, forbidden, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import type { Role } from '../users/schema.ts';
import { ALLOWED_TYPES, claimedKind, sniffType } from './file-type.ts';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const UPLOADERS: readonly Role[] = ['bureau_admin', 'school_admin', 'teacher'];
const READERS: readonly Role[] = ['bureau_admin', 'school_admin', 'teacher', 'evaluator'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Room for the multipart envelope around a file of the largest size.
const MAX_BODY_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;

export function attachmentRoutes(deps: Pick<AppDeps, 't'>) {
  const fileIssue = (lang: 'zh-CN' | 'en', key: string) =>
    new AppError('Invalid', key, [{ path: 'file', code: 'file', message: deps.t(lang, key, { max: 20 }) }]);

  return new Hono<AppEnv>()
    .use('/attachments', requireUser('api'))
    .use('/attachments/*', requireUser('api'))
    .post(
      '/attachments',
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: (c) => {
          throw fileIssue((c as Context<AppEnv>).get('lang'), 'attachment.tooLarge');
        },
      }),
      async (c) => {
        const auth = c.get('auth')!;
        if (!UPLOADERS.includes(auth.user.role)) throw forbidden();
        const lang = c.get('lang');
        const file = (await c.req.parseBody()).file;
        if (!(file instanceof File)) throw fileIssue(lang, 'attachment.noFile');
        // The name must claim an accepted type and the bytes must be one; the bytes decide what is stored.
        if (!claimedKind(file.name)) throw fileIssue(lang, 'attachment.type');
        if (file.size > MAX_ATTACHMENT_BYTES) throw fileIssue(lang, 'attachment.tooLarge');
        const content = new Uint8Array(await file.arrayBuffer());
        const kind = sniffType(content);
        if (!kind) throw fileIssue(lang, 'attachment.typeMismatch');
        const type = ALLOWED_TYPES[kind];
        const sha256 = createHash('sha256').update(content).digest('hex');
        const tx = c.get('tx');
        const row = await tx
          .insertInto('attachments')
          .values({
            tenant_id: c.get('tenant').id,
            filename: file.name.slice(0, 200),
            content_type: type,
            size_bytes: content.byteLength,
            sha256,
            content,
            uploaded_by: auth.user.id,
          })
          .returning(['id', 'filename', 'content_type', 'size_bytes', 'sha256', 'created_at'])
          .executeTakeFirstOrThrow();
        await recordAudit(tx, {
          tenantId: c.get('tenant').id,
          actorUserId: auth.user.id,
          action: 'create',
          entity: 'attachment',
          entityId: row.id,
          changes: { filename: { before: null, after: row.filename }, sha256: { before: null, after: sha256 } },
          requestId: c.get('requestId'),
        });
        return c.json(
          { id: row.id, filename: row.filename, contentType: row.content_type, sizeBytes: row.size_bytes, sha256: row.sha256, createdAt: row.created_at.toISOString() },
          201,
        );
      },
    )
    .get('/attachments/:id', async (c) => {
      if (!READERS.includes(c.get('auth')!.user.role)) throw forbidden();
      const id = c.req.param('id');
      if (!UUID.test(id)) throw notFound();
      const row = await c.get('tx').selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound();
      const name = encodeURIComponent(row.filename);
      return c.body(Uint8Array.from(row.content), 200, {
        'Content-Type': row.content_type,
        'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${name}`,
        'Content-Length': String(row.size_bytes),
        ETag: `"${row.sha256}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      });
    });
}
