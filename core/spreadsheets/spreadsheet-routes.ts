// Spreadsheet import (template → upload and preview → confirm) and XLSX export of any list.
import { Hono, type Context } from 'hono';
import { sql } from 'kysely';
import { AppError, forbidden, notFound } from '../errors/app-error.ts';
import { listQuerySchema, listRecords, type ListQuery } from '../crud/list-records.ts';
import type { ResourceDef } from '../crud/resource.ts';
import { toJson, type WriteContext } from '../crud/resource-service.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { parseOrThrow } from '../http/validate.ts';
import { commitImport } from './commit-import.ts';
import { cellText } from './import-spec.ts';
import { importSpecs } from './import-specs.ts';
import { previewImport } from './preview-import.ts';
import { readWorkbook } from './read-workbook.ts';
import { reverseLookups } from './resolve-lookups.ts';
import { writeWorkbook, XLSX_TYPE } from './write-workbook.ts';
import { checkZipBounds } from './zip-bounds.ts';
import { writeContext } from '../crud/write-context.ts';

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** What an import may unpack to and hold (issue 8 point 9): a zip bomb or a giant sheet stops here. */
export const IMPORT_LIMITS = { maxEntries: 200, maxUnpackedBytes: 60 * 1024 * 1024, maxRows: 20_000 };
const MAX_EXPORT_ROWS = 100_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const download = (c: Context, body: Uint8Array<ArrayBuffer>, filename: string) =>
  c.body(body, 200, {
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': `attachment; filename="${encodeURIComponent(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  });

export function spreadsheetRoutes(deps: Pick<AppDeps, 't' | 'clock' | 'config'>, resources: readonly ResourceDef[]) {
  const pii = deps.config.pii;
  const byPath = new Map(resources.map((r) => [r.path, r]));
  const context = (c: Context<AppEnv>): WriteContext => writeContext(c, deps.t);
  const specOf = (entity: string) => {
    const spec = importSpecs[entity];
    if (!spec) throw notFound();
    return spec;
  };

  return new Hono<AppEnv>()
    .use('/imports/*', requireUser('api'))
    .use('/exports/*', requireUser('api'))
    .get('/imports/:entity/template', async (c) => {
      const spec = specOf(c.req.param('entity'));
      const columns = spec.columns.map((col) => ({ header: col.header, text: !col.kind || col.kind === 'text' }));
      const file = await writeWorkbook(spec.entity, columns, []);
      return download(c, file, `${spec.entity}-template.xlsx`);
    })
    .post('/imports/:entity/preview', async (c) => {
      const spec = specOf(c.req.param('entity'));
      const ctx = context(c);
      const def = spec.resource(deps.t, deps.clock, pii);
      if (def.access.write(ctx.user) === false) throw forbidden();
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw new AppError('Invalid', 'import.noFile', [{ path: 'file', code: 'required', message: deps.t(ctx.lang, 'import.noFile') }]);
      if (file.size > MAX_UPLOAD_BYTES) throw new AppError('Invalid', 'import.tooLarge', [{ path: 'file', code: 'too_big', message: deps.t(ctx.lang, 'import.tooLarge') }]);
      const fileIssue = (key: string, code: string, params?: Record<string, number>) =>
        new AppError('Invalid', key, [{ path: 'file', code, message: deps.t(ctx.lang, key, params) }], params);
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (!/\.csv$/i.test(file.name)) {
        const verdict = checkZipBounds(bytes, { maxEntries: IMPORT_LIMITS.maxEntries, maxBytes: IMPORT_LIMITS.maxUnpackedBytes });
        if (!verdict.ok && verdict.reason === 'too_large') throw fileIssue('import.zipBomb', 'too_big', { max: IMPORT_LIMITS.maxUnpackedBytes / 1024 / 1024 });
        if (!verdict.ok) throw fileIssue('import.unreadable', 'unreadable');
      }
      let sheet;
      try {
        sheet = await readWorkbook(bytes, file.name);
      } catch {
        throw fileIssue('import.unreadable', 'unreadable');
      }
      if (sheet.rows.length > IMPORT_LIMITS.maxRows) throw fileIssue('import.tooManyRows', 'too_big', { max: IMPORT_LIMITS.maxRows });
      const preview = await previewImport(spec, def, ctx, deps.t, sheet, pii);
      const batch = await ctx.tx
        .insertInto('import_batches')
        .values({
          tenant_id: ctx.tenantId,
          entity: spec.entity,
          filename: file.name.slice(0, 200),
          created_by: ctx.user.id,
          rows: JSON.stringify(preview.rows),
          errors: JSON.stringify(preview.errors),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return c.json({
        batchId: batch.id,
        entity: spec.entity,
        total: sheet.rows.length,
        creates: preview.rows.filter((r) => r.action === 'create').length,
        updates: preview.rows.filter((r) => r.action === 'update').length,
        errors: preview.errors,
        rows: preview.rows.slice(0, 200).map((r) => ({ row: r.row, action: r.action, input: r.input })),
      });
    })
    .post('/imports/batches/:id/confirm', async (c) => {
      const ctx = context(c);
      const id = c.req.param('id');
      if (!UUID.test(id)) throw notFound();
      const batch = await ctx.tx
        .selectFrom('import_batches')
        .selectAll()
        .where('id', '=', id)
        .where('created_by', '=', ctx.user.id)
        .executeTakeFirst();
      if (!batch) throw notFound();
      if (batch.status !== 'previewed') throw new AppError('Conflict', 'import.alreadyCommitted');
      if (batch.errors.length > 0) {
        const issues = batch.errors.map((e) => ({ path: `row.${e.row}`, code: 'row', message: `${e.column}: ${e.message}` }));
        throw new AppError('Invalid', 'import.hasErrors', issues, { count: batch.errors.length });
      }
      const spec = specOf(batch.entity);
      const result = await commitImport(spec.resource(deps.t, deps.clock, pii), ctx, deps.t, batch.rows);
      await ctx.tx.updateTable('import_batches').set({ status: 'committed', committed_at: sql<Date>`now()` }).where('id', '=', batch.id).execute();
      return c.json(result);
    })
    .get('/exports/:path', async (c) => {
      const path = c.req.param('path').replace(/\.xlsx$/, '');
      const def = byPath.get(path);
      if (!def) throw notFound();
      const ctx = context(c);
      const query = parseOrThrow(listQuerySchema(def, MAX_EXPORT_ROWS), { ...c.req.query(), limit: c.req.query('limit') ?? '1000' }, ctx.lang, deps.t) as ListQuery;
      const items: Record<string, unknown>[] = [];
      let cursor: string | undefined;
      do {
        const page = await listRecords(def, ctx, { ...query, ...(cursor ? { cursor } : {}) });
        items.push(...page.rows.map((row) => toJson(def, row, ctx)));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && items.length < MAX_EXPORT_ROWS);
      const spec = importSpecs[path];
      // With an import spec the export uses its columns, so an exported file imports back as it is.
      const columns = spec ? spec.columns.map((col) => ({ header: col.header, field: col.field, col })) : Object.keys(items[0] ?? {}).map((field) => ({ header: field, field, col: undefined }));
      const names = spec ? await reverseLookups(ctx, spec.columns, items, pii) : new Map<string, Map<string, string>>();
      const rows = items.map((item) =>
        columns.map(({ field, col }) => {
          const raw = item[field];
          const value = typeof raw === 'string' ? (names.get(field)?.get(raw) ?? raw) : raw;
          return col ? cellText(value, col, deps.t) : value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean);
        }),
      );
      return download(c, await writeWorkbook(path, columns, rows), `${path}.xlsx`);
    });
}
