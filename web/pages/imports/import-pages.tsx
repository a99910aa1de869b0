// The import wizard: pick what to import and download its template → upload → preview (every
// bad row highlighted with its column and reason; nothing written yet) → confirm, which writes
// every row in one transaction or none. The checks are core/spreadsheets', reached in-process.
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../../core/errors/app-error.ts';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { importSpecs } from '../../../core/spreadsheets/import-specs.ts';
import { pageContext } from '../../page-context.ts';
import { Layout, type PageContext } from '../layout.tsx';
import type { ApiBridge } from '../shared/api-bridge.ts';
import { attempt } from '../shared/attempt.ts';
import { problemsOf } from '../shared/schema-form.tsx';

interface Preview {
  batchId: string;
  entity: string;
  total: number;
  creates: number;
  updates: number;
  errors: { row: number; column: string; message: string }[];
  rows: { row: number; action: 'create' | 'update'; input: Record<string, unknown> }[];
}

const WRITERS = ['bureau_admin', 'school_admin'] as const;
const entities = () => Object.keys(importSpecs);

function UploadForm(props: { ctx: PageContext; slug: string; entity: string; issues?: FieldIssue[] }) {
  const { ctx, slug } = props;
  const problem = problemsOf(props.issues, 'file') ?? props.issues?.filter((i) => i.path !== 'file').map((i) => i.message).join(' ');
  return (
    <form method="post" action={`/t/${slug}/imports/preview`} enctype="multipart/form-data" class="form" novalidate>
      <label for="entity">{ctx.t('import.entity')}</label>
      <select id="entity" name="entity">
        {entities().map((e) => (
          <option value={e} selected={e === props.entity}>
            {ctx.t(`res.${e}` as never)}
          </option>
        ))}
      </select>
      <p class="small">
        <a href={`/api/v1/t/${slug}/imports/${props.entity}/template`} download>
          {ctx.t('import.template')} ({ctx.t(`res.${props.entity}` as never)})
        </a>
      </p>
      <label for="file">{ctx.t('import.file')}</label>
      <input id="file" name="file" type="file" accept=".xlsx,.csv" required aria-invalid={problem ? 'true' : undefined} aria-describedby={problem ? 'file-error' : undefined} />
      {problem ? (
        <p class="field-error" id="file-error">
          {problem}
        </p>
      ) : null}
      <button type="submit" class="primary">
        {ctx.t('import.upload')}
      </button>
    </form>
  );
}

export function importPages(deps: AppDeps, api: ApiBridge) {
  const page = (c: Context<AppEnv>, body: Child, status = 200) => {
    const ctx = pageContext(c, deps.t);
    return c.html(
      <Layout ctx={ctx} title={ctx.t('import.title')}>
        <section class="card">
          <h1>{ctx.t('import.title')}</h1>
          <p class="muted">{ctx.t('import.intro')}</p>
        </section>
        {body}
      </Layout>,
      status as 200,
    );
  };
  const entityOf = (value: unknown) => (typeof value === 'string' && value in importSpecs ? value : 'organizations');

  return new Hono<AppEnv>()
    .get('/imports', requireUser('page', WRITERS), (c) => {
      const ctx = pageContext(c, deps.t);
      return page(c, <section class="card"><UploadForm ctx={ctx} slug={c.get('tenant').slug} entity={entityOf(c.req.query('entity'))} /></section>);
    })
    .post('/imports/preview', requireUser('page', WRITERS), async (c) => {
      const ctx = pageContext(c, deps.t);
      const slug = c.get('tenant').slug;
      const form = await c.req.parseBody();
      const entity = entityOf(form.entity);
      const upload = new FormData();
      if (form.file instanceof File && form.file.size > 0) upload.append('file', form.file, form.file.name);
      const result = await attempt(c.get('tx'), () => api<Preview>(c, 'POST', `/imports/${entity}/preview`, upload));
      if (!result.ok) {
        if (result.error.code !== 'Invalid') throw result.error;
        const issues = result.error.issues.length > 0 ? result.error.issues : [{ path: 'file', code: 'invalid', message: deps.t(ctx.lang, result.error.messageKey, result.error.params) }];
        return page(c, <section class="card"><UploadForm ctx={ctx} slug={slug} entity={entity} issues={issues} /></section>, 422);
      }
      const preview = result.value.body;
      const lines = [
        ...preview.errors.map((e) => ({ row: e.row, bad: true, text: `${e.column}: ${e.message}`, action: '' })),
        ...preview.rows.map((r) => ({ row: r.row, bad: false, text: summary(r.input), action: ctx.t(`import.action.${r.action}`) })),
      ].sort((a, b) => a.row - b.row || Number(b.bad) - Number(a.bad));
      const hasErrors = preview.errors.length > 0;
      return page(
        c,
        <>
          <section class="card" aria-labelledby="preview-title">
            <h2 id="preview-title">{ctx.t('import.preview', { total: preview.total, creates: preview.creates, updates: preview.updates })}</h2>
            {hasErrors ? (
              <p class="error" role="alert">
                {ctx.t('import.errors', { count: preview.errors.length })}
              </p>
            ) : (
              <p class="success" role="status">
                {ctx.t('import.ok')}
              </p>
            )}
            <div class="table-wrap">
              <table class="records preview">
                <thead>
                  <tr>
                    <th scope="col">{ctx.t('import.row')}</th>
                    <th scope="col">{ctx.t('import.action')}</th>
                    <th scope="col">{ctx.t('import.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((l) => (
                    <tr class={l.bad ? 'bad-row' : undefined}>
                      <td data-label={ctx.t('import.row')}>{l.row}</td>
                      <td data-label={ctx.t('import.action')}>{l.bad ? <span class="badge bad">✗</span> : l.action}</td>
                      <td data-label={ctx.t('import.reason')}>{l.text}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {hasErrors ? null : (
              <form method="post" action={`/t/${slug}/imports/batches/${preview.batchId}/confirm`}>
                <button type="submit" class="primary">
                  {ctx.t('import.confirm')}
                </button>
              </form>
            )}
          </section>
          <section class="card">
            <UploadForm ctx={ctx} slug={slug} entity={entity} />
          </section>
        </>,
        hasErrors ? 422 : 200,
      );
    })
    .post('/imports/batches/:id{[0-9a-fA-F-]{36}}/confirm', requireUser('page', WRITERS), async (c) => {
      const ctx = pageContext(c, deps.t);
      const slug = c.get('tenant').slug;
      const result = await attempt(c.get('tx'), () => api<{ created: number; updated: number }>(c, 'POST', `/imports/batches/${c.req.param('id')}/confirm`));
      if (!result.ok) {
        if (result.error.code === 'Forbidden' || result.error.code === 'NotFound') throw result.error;
        const message = [deps.t(ctx.lang, result.error.messageKey, result.error.params), ...result.error.issues.map((i) => i.message)].join(' ');
        return page(
          c,
          <section class="card">
            <p class="error" role="alert">
              {message}
            </p>
            <UploadForm ctx={ctx} slug={slug} entity="organizations" />
          </section>,
          result.error.code === 'Conflict' ? 409 : 422,
        );
      }
      return page(
        c,
        <section class="card">
          <p class="success" role="status">
            {ctx.t('import.done', result.value.body)}
          </p>
          <p>
            <a href={`/t/${slug}/imports`}>{ctx.t('import.again')}</a>
          </p>
        </section>,
      );
    });
}

/** Never echoed back, even to the person who uploaded them. */
const SECRET = new Set(['idNumber', 'phone']);

/** A few values of a good row, so a clerk recognises it. */
function summary(input: Record<string, unknown>): string {
  return Object.entries(input)
    .filter(([k, v]) => typeof v === 'string' && !/Id$/.test(k) && !SECRET.has(k) && !/^[0-9a-f-]{36}$/.test(v))
    .slice(0, 3)
    .map(([, v]) => String(v))
    .join(' · ');
}
