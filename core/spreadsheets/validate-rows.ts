// The resource's domain checks for every row of an import: batched when the resource offers
// `validateMany` (one query per referenced table), else row by row.
import type { ResourceContext, ResourceDef, Row } from '../crud/resource.ts';
import type { FieldIssue } from '../errors/app-error.ts';

export type RowCheck = { input: Record<string, unknown>; existing: Row | null };

export async function validateRows(def: ResourceDef, ctx: ResourceContext, checks: readonly RowCheck[]): Promise<FieldIssue[][]> {
  if (checks.length === 0) return [];
  if (def.validateMany) return def.validateMany(ctx, checks);
  const out: FieldIssue[][] = [];
  for (const { input, existing } of checks) out.push((await def.validate?.(ctx, input, existing)) ?? []);
  return out;
}
