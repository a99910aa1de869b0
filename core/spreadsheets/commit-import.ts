// Confirms a previewed import: every row through the resource's own create/update (scope,
// validation, optimistic concurrency, audit) in the request's one transaction: all or none.
import { AppError } from '../errors/app-error.ts';
import type { ResourceDef } from '../crud/resource.ts';
import { createRecord, updateRecord, type WriteContext } from '../crud/resource-service.ts';
import type { Translator } from '../i18n/lang.ts';
import type { ImportRow } from './schema.ts';

export async function commitImport(def: ResourceDef, ctx: WriteContext, t: Translator, rows: ImportRow[]) {
  let created = 0;
  let updated = 0;
  for (const row of rows) {
    try {
      if (row.action === 'create') {
        await createRecord(def, ctx, row.input);
        created++;
      } else {
        await updateRecord(def, ctx, row.id!, row.input, row.version!);
        updated++;
      }
    } catch (error) {
      // The first failure ends the import; the transaction takes every earlier row back with it.
      if (!(error instanceof AppError)) throw error;
      const reason = error.issues.map((i) => i.message).join(' ') || t(ctx.lang, error.messageKey, error.params);
      throw new AppError(error.code, 'import.rowFailed', [{ path: `row.${row.row}`, code: error.code, message: reason }], { row: row.row, reason });
    }
  }
  return { created, updated };
}
