// Upload and download of attachments (an agreement's signed copy, a meeting's minutes).
// Documents and images only, at most 20 MB; downloads never render inline in the browser.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { recordAudit } from '../audit/record-audit.ts';
import { AppError, forbidden, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import type { Role } from '../users/schema.ts';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const UPLOADERS: readonly Role[] = ['bureau_admin', 'school_admin', 'teacher'];
const READERS: readonly Role[] = ['bureau_admin', 'school_admin', 'teacher', 'evaluator'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ofd: 'application/ofd',
};

export function attachmentRoutes(deps: Pick<AppDeps, 't'>) {
  const fileIssue = (lang: 'zh-CN' | 'en', key: string) =>
    new AppError('Invalid', key, [{ path: 'file', code: 'file', message: deps.t(lang, key, { max: 20 }) }]);

  return new Hono<AppEnv>()
    .use('/attachments', requireUser('api'))
    .use('/attachments/*', requireUser('api'))
    .post('/attachments', async (c) => {
      const auth = c.get('auth')!;
      if (!UPLOADERS.includes(auth.user.role)) throw forbidden();
      const lang = c.get('lang');
      const file = (await c.req.parseBody()).file;
      if (!(file instanceof File)) throw fileIssue(lang, 'attachment.noFile');
      // The type comes from the name's extension, not the client's say-so, and decides the download type.
      const type = TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''];
      if (!type) throw fileIssue(lang, 'attachment.type');
      if (file.size > MAX_ATTACHMENT_BYTES) throw fileIssue(lang, 'attachment.tooLarge');
      const content = new Uint8Array(await file.arrayBuffer());
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
    })
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
      });
    });
}
