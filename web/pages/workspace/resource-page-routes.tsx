// The pages of every resource: list (filters, paging, export), new, and one record (read,
// update with its version). Writes go through the same core service as the JSON API, inside a
// savepoint, so a refusal shows each field's problem and leaves nothing written.
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { listQuerySchema, listRecords, type ListQuery } from '../../../core/crud/list-records.ts';
import { createRecord, findRow, toJson, updateRecord } from '../../../core/crud/resource-service.ts';
import { writeContext } from '../../../core/crud/write-context.ts';
import type { AppError} from '../../../core/errors/app-error.ts';
import { notFound, type FieldIssue } from '../../../core/errors/app-error.ts';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { parseOrThrow } from '../../../core/http/validate.ts';
import { importSpecs } from '../../../core/spreadsheets/import-specs.ts';
import { pageContext } from '../../page-context.ts';
import { attempt } from '../shared/attempt.ts';
import { resolveRefInputs } from '../shared/ref-options.ts';
import { fieldText, fieldsFromSchema, formInput, readForm } from '../shared/schema-fields.ts';
import { enumText } from './cell.tsx';
import { ListPage } from './list-page.tsx';
import { fixedFields, formFields, labelsFor, optionsFor, tenantToday } from './record-forms.ts';
import { RecordPage } from './record-page.tsx';
import { refFields, resourcePageSpecs, type ResourcePageSpec } from './resource-specs.ts';

export type RecordExtras = (c: Context<AppEnv>, record: Record<string, unknown>) => Promise<Child>;

const PAGE_SIZE = 25;
const ID = ':id{[0-9a-fA-F-]{36}}';

export function listTitle(c: Context<AppEnv>, spec: ResourcePageSpec, t: AppDeps['t'], kind?: string) {
  const lang = c.get('lang');
  if (spec.def.path === 'organizations' && kind && ['enterprise', 'school', 'department'].includes(kind)) return t(lang, `res.${kind}s`);
  return t(lang, `res.${spec.def.path}`);
}

export function resourcePages(deps: AppDeps, extras: Readonly<Record<string, RecordExtras>> = {}) {
  const specs = resourcePageSpecs(deps);
  const app = new Hono<AppEnv>();
  const base = (c: Context<AppEnv>, spec: ResourcePageSpec) => `/t/${c.get('tenant').slug}/${spec.def.path}`;
  const enumLabel = (c: Context<AppEnv>, spec: ResourcePageSpec) => (field: string, value: string) =>
    enumText({ ctx: pageContext(c, deps.t), spec }, field, value);

  const list = async (c: Context<AppEnv>, spec: ResourcePageSpec) => {
    const ctx = pageContext(c, deps.t);
    const wctx = writeContext(c, deps.t);
    const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const query = parseOrThrow(listQuerySchema(spec.def), { limit: String(PAGE_SIZE), ...raw }, ctx.lang, deps.t) as ListQuery;
    const { rows, nextCursor } = await listRecords(spec.def, wctx, query);
    const records = rows.map((r) => toJson(spec.def, r, wctx));
    const filterSchema = z.object(Object.fromEntries(spec.filters.map((name) => [name, spec.def.filters![name]!.schema])));
    const filterFields = fieldsFromSchema(filterSchema, new Set(Object.keys(refFields)));
    const filterOptions = await optionsFor(c, filterFields.filter((f) => f.kind === 'ref'));
    const shown = Object.fromEntries(Object.entries(raw).filter(([k]) => k === 'cursor' || spec.filters.includes(k)));
    const exportQuery = new URLSearchParams(Object.fromEntries(Object.entries(shown).filter(([k]) => k !== 'cursor'))).toString();
    const user = c.get('auth')!.user;
    const importEntity = spec.importEntity && importSpecs[spec.importEntity] ? spec.importEntity : undefined;
    const canCreate = spec.def.access.write(user) !== false && !(spec.def.path === 'tasks' && user.role === 'department_officer');
    return c.html(
      <ListPage
        ctx={ctx}
        spec={spec}
        title={listTitle(c, spec, deps.t, raw.kind)}
        base={base(c, spec)}
        records={records}
        nextCursor={nextCursor}
        query={shown}
        filterFields={filterFields}
        filterOptions={filterOptions}
        labels={await labelsFor(c, spec.columns, records)}
        today={tenantToday(c, deps.clock.now())}
        canCreate={canCreate}
        exportHref={`/api/v1/t/${c.get('tenant').slug}/exports/${spec.def.path}.xlsx${exportQuery ? `?${exportQuery}` : ''}`}
        importHref={canCreate && importEntity ? `/t/${c.get('tenant').slug}/imports?entity=${importEntity}` : undefined}
      />,
    );
  };

  const showNew = async (c: Context<AppEnv>, spec: ResourcePageSpec, values: Record<string, unknown>, issues?: FieldIssue[], status = 200) => {
    const ctx = pageContext(c, deps.t);
    const fields = formFields(spec, c.get('auth')!.user, 'create');
    const what = listTitle(c, spec, deps.t, typeof values.kind === 'string' ? values.kind : undefined);
    return c.html(
      <RecordPage
        ctx={ctx}
        title={ctx.t('form.new', { what })}
        listHref={base(c, spec)}
        fields={fields}
        values={values}
        issues={issues}
        options={await optionsFor(c, fields)}
        enumLabel={enumLabel(c, spec)}
        action={`${base(c, spec)}/new`}
        readOnly={false}
      />,
      status as 200,
    );
  };

  const showRecord = async (c: Context<AppEnv>, spec: ResourcePageSpec, id: string, edits?: { values: Record<string, unknown>; issues: FieldIssue[]; status: number }, status = 200) => {
    const ctx = pageContext(c, deps.t);
    const wctx = writeContext(c, deps.t);
    const user = wctx.user;
    const row = await findRow(spec.def, wctx, id, spec.def.access.read(user));
    if (!row) throw notFound();
    const record = toJson(spec.def, row, wctx);
    const writable = spec.def.access.write(user) !== false && (await findRow(spec.def, wctx, id, spec.def.access.write(user))) !== undefined;
    const fields = formFields(spec, user, 'update');
    const first = spec.columns[0]!;
    const labels = await labelsFor(c, [first], [record]);
    const name = labels.get(first)?.get(String(record[first])) ?? fieldText(record[first]);
    const saved = c.req.query('saved');
    const extra = extras[spec.def.path];
    return c.html(
      <RecordPage
        ctx={ctx}
        title={`${listTitle(c, spec, deps.t)} · ${name}`}
        listHref={base(c, spec)}
        fields={fields}
        values={edits ? { ...record, ...edits.values } : record}
        issues={edits?.issues}
        options={writable ? await optionsFor(c, fields) : await optionsFor(c, fields)}
        enumLabel={enumLabel(c, spec)}
        action={`${base(c, spec)}/${id}`}
        hidden={{ version: Number(record.version ?? 1) }}
        readOnly={!writable}
        notice={saved === 'created' ? ctx.t('form.created') : saved ? ctx.t('form.saved') : undefined}
        extras={extra ? await extra(c, record) : undefined}
      />,
      (edits?.status ?? status) as 200,
    );
  };

  const refusal = (error: AppError, lang: 'zh-CN' | 'en') => {
    if (error.code === 'Forbidden' || error.code === 'NotFound') throw error;
    const issues = error.issues.length > 0 ? error.issues : [{ path: '', code: error.code, message: deps.t(lang, error.messageKey, error.params) }];
    return { issues, status: error.code === 'Conflict' ? 409 : 422 };
  };

  for (const spec of specs.values()) {
    const path = `/${spec.def.path}`;
    app.get(path, requireUser('page'), (c) => list(c, spec));
    app.get(`${path}/new`, requireUser('page'), (c) => {
      // A filtered list's filters become the new record's defaults (kind=enterprise …).
      const defaults: Record<string, unknown> = { ...c.req.query() };
      for (const f of fixedFields(spec, c.get('auth')!.user)) delete defaults[f];
      return showNew(c, spec, defaults);
    });
    app.post(`${path}/new`, requireUser('page'), async (c) => {
      const lang = c.get('lang');
      const fields = formFields(spec, c.get('auth')!.user, 'create');
      const input = formInput(fields, await readForm(c.req));
      const refIssues = await resolveRefInputs(c.get('tx'), c.get('auth')!.user, refFields, fields, input, (key, text) => deps.t(lang, key, { text }));
      if (refIssues.length > 0) return showNew(c, spec, input, refIssues, 422);
      const result = await attempt(c.get('tx'), () => createRecord(spec.def, writeContext(c, deps.t), parseOrThrow(spec.def.create, input, lang, deps.t)));
      if (result.ok) return c.redirect(`${base(c, spec)}/${result.value.id}?saved=created`, 303);
      const { issues, status } = refusal(result.error, lang);
      return showNew(c, spec, input, issues, status);
    });
    app.get(`${path}/${ID}`, requireUser('page'), (c) => showRecord(c, spec, c.req.param('id')));
    app.post(`${path}/${ID}`, requireUser('page'), async (c) => {
      const lang = c.get('lang');
      const id = c.req.param('id');
      const body = await readForm(c.req);
      const fields = formFields(spec, c.get('auth')!.user, 'update');
      const input = formInput(fields, body);
      const refIssues = await resolveRefInputs(c.get('tx'), c.get('auth')!.user, refFields, fields, input, (key, text) => deps.t(lang, key, { text }));
      if (refIssues.length > 0) return showRecord(c, spec, id, { values: input, issues: refIssues, status: 422 });
      const version = Number(typeof body.version === 'string' ? body.version : NaN);
      const schema = (spec.def.update ?? spec.def.create).partial();
      const result = await attempt(c.get('tx'), () => updateRecord(spec.def, writeContext(c, deps.t), id, parseOrThrow(schema, input, lang, deps.t), version));
      if (result.ok) return c.redirect(`${base(c, spec)}/${id}?saved=1`, 303);
      const { issues, status } = refusal(result.error, lang);
      return showRecord(c, spec, id, { values: input, issues, status });
    });
  }
  /** Renders a record page again, e.g. after a refused evaluation on it. */
  const renderRecord = (c: Context<AppEnv>, path: string, id: string, status: number) => showRecord(c, specs.get(path)!, id, undefined, status);
  return { app, renderRecord };
}
