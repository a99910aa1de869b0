// Checks that ids a client sends point at organizations (or other rows) of the right kind, so
// the error names the field instead of surfacing as a foreign-key failure.
import type { Kysely } from 'kysely';
import type { FieldIssue } from '../errors/app-error.ts';
import type { OrganizationKind } from '../organizations/schema.ts';
import type { ResourceContext } from './resource.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export interface T {
  (key: string, params?: Record<string, string | number>): string;
}

/** Issues for each field whose id is not an organization of one of `kinds` in this tenant. */
export async function checkOrganizationRefs(
  ctx: ResourceContext,
  t: T,
  refs: { field: string; id: unknown; kinds: readonly OrganizationKind[] }[],
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const ref of refs) {
    if (ref.id === undefined || ref.id === null) continue;
    const org = await ctx.tx.selectFrom('organizations').select('kind').where('id', '=', ref.id as string).executeTakeFirst();
    if (!org) issues.push({ path: ref.field, code: 'reference', message: t('error.reference') });
    else if (!ref.kinds.includes(org.kind))
      issues.push({ path: ref.field, code: 'wrong_kind', message: t('error.wrongKind', { kind: t(`organizationKind.${ref.kinds[0]}`) }) });
  }
  return issues;
}

/** Issues for each field whose id is not a row of `table` in this tenant. */
export async function checkRowRefs(ctx: ResourceContext, t: T, refs: { field: string; table: string; id: unknown }[]): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const ref of refs) {
    if (ref.id === undefined || ref.id === null) continue;
    const row = await (ctx.tx as unknown as AnyDb).selectFrom(ref.table).select('id').where('id', '=', ref.id).executeTakeFirst();
    if (!row) issues.push({ path: ref.field, code: 'reference', message: t('error.reference') });
  }
  return issues;
}
