// What a resource's form holds for this user: the schema's fields minus attachments and the
// columns the user's scope fixes (a school admin's own school), with choices for references.
import type { Context } from 'hono';
import { localDay } from '../../../core/clock/clock.ts';
import { snakeToCamel } from '../../../core/crud/resource.ts';
import type { AppEnv } from '../../../core/http/app-env.ts';
import { OFFICER_FIELDS } from '../../../core/tasks/task-access.ts';
import type { SessionUser } from '../../../core/sessions/session-service.ts';
import { refLabels, refOptions, type RefOptions } from '../shared/ref-options.ts';
import { fieldsFromSchema, type FieldSpec } from '../shared/schema-fields.ts';
import { refFields, type ResourcePageSpec } from './resource-specs.ts';

const refSet = new Set(Object.keys(refFields));

/** Fields the user's write scope fixes (school_id of a school admin …), in camelCase. */
export function fixedFields(spec: ResourcePageSpec, user: SessionUser): Set<string> {
  const scope = spec.def.access.write(user);
  if (typeof scope !== 'object') return new Set();
  return new Set(Object.keys(scope.equals ?? {}).map(snakeToCamel));
}

export function formFields(spec: ResourcePageSpec, user: SessionUser, mode: 'create' | 'update'): FieldSpec[] {
  const schema = mode === 'create' ? spec.def.create : (spec.def.update ?? spec.def.create);
  const fixed = fixedFields(spec, user);
  // A school admin's students belong to their school whatever the form says.
  if (spec.def.path === 'students' && user.role === 'school_admin') fixed.add('schoolId');
  const fields = fieldsFromSchema(schema, refSet).filter((f) => !fixed.has(f.name) && !spec.hidden?.includes(f.name));
  // A department officer moves only a task's status and progress.
  if (spec.def.path === 'tasks' && user.role === 'department_officer') return fields.filter((f) => OFFICER_FIELDS.includes(f.name));
  return fields;
}

export async function optionsFor(c: Context<AppEnv>, fields: readonly FieldSpec[]): Promise<Record<string, RefOptions>> {
  const out: Record<string, RefOptions> = {};
  const user = c.get('auth')!.user;
  for (const f of fields) {
    const kind = refFields[f.name];
    if (kind && (f.kind === 'ref' || f.kind === 'refList' || f.kind === 'text')) out[f.name] = await refOptions(c.get('tx'), kind, user);
  }
  return out;
}

/** Names of every referenced id on a page of records, by field. */
export async function labelsFor(c: Context<AppEnv>, columns: readonly string[], records: readonly Record<string, unknown>[]) {
  const labels = new Map<string, Map<string, string>>();
  for (const field of columns) {
    const kind = refFields[field];
    if (!kind) continue;
    const ids = records.flatMap((r) => (Array.isArray(r[field]) ? (r[field] as unknown[]) : [r[field]]));
    labels.set(field, await refLabels(c.get('tx'), kind, ids));
  }
  return labels;
}

export const tenantToday = (c: Context<AppEnv>, now: Date) => localDay(now, c.get('tenant').timezone);
