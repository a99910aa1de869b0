// Listing a resource: role scope, named filters, a sort key and keyset (cursor) paging, so a
// page costs the same at row 10 as at row 100,000. Used by the list route and by exports.
import { z } from 'zod';
import { AppError, forbidden } from '../errors/app-error.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { ResourceContext, ResourceDef, Row } from './resource.ts';
import { db, scoped } from './resource-service.ts';

export type ListQuery = Record<string, unknown> & { limit: number; cursor?: string; sort: string; order: 'asc' | 'desc' };

export function listQuerySchema(def: ResourceDef, maxLimit = 200) {
  const sortKeys = Object.keys(def.sorts) as [string, ...string[]];
  const filterShape = Object.fromEntries(Object.entries(def.filters ?? {}).map(([k, f]) => [k, f.schema.optional()]));
  return z.object({
    limit: z.coerce.number().int().min(1).max(maxLimit).default(Math.min(50, maxLimit)),
    cursor: z.string().max(500).optional(),
    sort: z.enum(sortKeys).default(sortKeys[0]),
    order: z.enum(['asc', 'desc']).default('asc'),
    ...filterShape,
  });
}

export async function listRecords(def: ResourceDef, ctx: ResourceContext, q: ListQuery): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const scope = def.access.read(ctx.user);
  if (scope === false) throw forbidden();
  const column = def.sorts[q.sort]!;
  let query = db(ctx).selectFrom(def.table).selectAll();
  if (scope !== true) query = query.where((eb) => scoped(eb, scope));
  for (const [name, filter] of Object.entries(def.filters ?? {})) {
    const value = q[name];
    if (value === undefined) continue;
    query = filter.where ? query.where((eb) => filter.where!(eb, value as never)) : query.where(filter.column ?? name, '=', value);
  }
  if (q.cursor) {
    const cursor = decodeCursor(q.cursor, q.sort);
    if (!cursor) throw new AppError('Invalid', 'error.cursor');
    const op = q.order === 'asc' ? '>' : '<';
    query = query.where((eb) => eb.or([eb(column, op, cursor.value), eb.and([eb(column, '=', cursor.value), eb('id', op, cursor.id)])]));
  }
  const rows = (await query.orderBy(column, q.order).orderBy('id', q.order).limit(q.limit + 1).execute()) as Row[];
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor(q.sort, last[column], last.id) : null };
}
