// A department officer's home: the tasks their unit leads or co-leads, overdue first, each with
// a small form to move its status and progress. The form posts to /my-tasks/:id, which updates
// through the tasks API (so the officer's narrow rights and the version check are the API's) and
// comes back here: saved, or with the problem next to the field of that task.
import { Hono, type Context } from 'hono';
import { listRecords } from '../../../core/crud/list-records.ts';
import { toJson } from '../../../core/crud/resource-service.ts';
import { writeContext } from '../../../core/crud/write-context.ts';
import type { FieldIssue } from '../../../core/errors/app-error.ts';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { taskResource } from '../../../core/tasks/task-resource.ts';
import { pageContext } from '../../page-context.ts';
import { Layout, type PageContext } from '../layout.tsx';
import type { ApiBridge } from '../shared/api-bridge.ts';
import { attempt } from '../shared/attempt.ts';
import { fieldText } from '../shared/schema-fields.ts';
import { tenantToday } from '../workspace/record-forms.ts';

export interface OfficerTask {
  id: string;
  title: string;
  clause: string | null;
  dueOn: string | null;
  status: string;
  progress: number;
  version: number;
  overdue: boolean;
}

/** A refused update: which task, what was typed, and each field's problem. */
export interface OfficerRefusal {
  taskId: string;
  values: { status: string; progress: string };
  issues: readonly FieldIssue[];
}

const statuses = ['not_started', 'in_progress', 'done', 'cancelled'] as const;

/** The officer's tasks through the task resource's own read scope (their unit's), overdue first. */
export async function officerTasks(c: Context<AppEnv>, deps: Pick<AppDeps, 't' | 'clock'>): Promise<OfficerTask[]> {
  const tasks = taskResource(deps.t);
  const today = tenantToday(c, deps.clock.now());
  const wctx = writeContext(c, deps.t);
  const { rows } = await listRecords(tasks, wctx, { limit: 200, sort: 'dueOn', order: 'asc' });
  return rows
    .map((r) => toJson(tasks, r, wctx))
    .map((t) => ({
      id: fieldText(t.id),
      title: fieldText(t.title),
      clause: (t.clause as string | null) ?? null,
      dueOn: t.dueOn ? fieldText(t.dueOn).slice(0, 10) : null,
      status: fieldText(t.status),
      progress: Number(t.progress ?? 0),
      version: Number(t.version ?? 1),
      overdue: Boolean(t.dueOn) && fieldText(t.dueOn).slice(0, 10) < today && t.status !== 'done' && t.status !== 'cancelled',
    }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue));
}

export function officerPages(deps: AppDeps, api: ApiBridge) {
  return new Hono<AppEnv>().post('/my-tasks/:id{[0-9a-fA-F-]{36}}', requireUser('page', ['department_officer']), async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const values = { status: text(form.status), progress: text(form.progress) };
    const number = (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
    const body = { status: values.status, progress: values.progress === '' ? undefined : number(values.progress), version: Number(text(form.version)) || 0 };
    const result = await attempt(c.get('tx'), () => api(c, 'PATCH', `/tasks/${id}`, body));
    if (result.ok) return c.redirect(`/t/${c.get('tenant').slug}?saved=${id}`, 303);
    if (result.error.code === 'Forbidden' || result.error.code === 'NotFound') throw result.error;
    const issues = result.error.issues.length > 0 ? result.error.issues : [{ path: '', code: result.error.code, message: deps.t(c.get('lang'), result.error.messageKey, result.error.params) }];
    const ctx = pageContext(c, deps.t);
    const page = <OfficerHome ctx={ctx} slug={c.get('tenant').slug} tasks={await officerTasks(c, deps)} refusal={{ taskId: id, values, issues }} />;
    return c.html(page, result.error.code === 'Conflict' ? 409 : 422);
  });
}

export function OfficerHome(props: { ctx: PageContext; slug: string; tasks: OfficerTask[]; saved?: string | undefined; refusal?: OfficerRefusal | undefined }) {
  const { ctx, slug, refusal } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('officer.title')}>
      <section class="card">
        <h1>{ctx.t('officer.title')}</h1>
        {props.tasks.length === 0 ? <p class="empty">{ctx.t('officer.empty')}</p> : null}
        {props.saved && props.tasks.some((t) => t.id === props.saved) ? (
          <p class="success" role="status">
            {ctx.t('officer.saved')}
          </p>
        ) : null}
      </section>
      {props.tasks.map((task) => {
        const refused = refusal?.taskId === task.id ? refusal : undefined;
        const problem = (field: string) => refused?.issues.find((i) => i.path === field)?.message;
        const general = refused?.issues.filter((i) => i.path !== 'status' && i.path !== 'progress') ?? [];
        const status = refused?.values.status ?? task.status;
        const progress = refused?.values.progress ?? String(task.progress);
        return (
          <section class="card task" id={`task-${task.id}`} data-task={task.id}>
            <h2>
              <a href={`/t/${slug}/tasks/${task.id}`}>{task.title}</a> {task.overdue ? <span class="badge bad">{ctx.t('task.overdue')}</span> : null}
            </h2>
            <p class="muted small">
              {task.clause ? ctx.t('findings.clause', { clause: task.clause }) : null} {task.dueOn ? `· ${ctx.t('dashboard.due', { date: task.dueOn })}` : null} ·{' '}
              {ctx.t('officer.progressOf', { progress: task.progress })} <meter min={0} max={100} value={task.progress} aria-hidden="true" />
            </p>
            {general.length > 0 ? (
              <p class="error" role="alert">
                {general.map((i) => i.message).join(' ')}
              </p>
            ) : null}
            <form method="post" action={`/t/${slug}/my-tasks/${task.id}`} class="form inline-form" novalidate>
              <input type="hidden" name="version" value={String(task.version)} />
              <div class="fields">
                <div class="field">
                  <label for={`status-${task.id}`}>{ctx.t('field.status')}</label>
                  <select id={`status-${task.id}`} name="status" aria-invalid={problem('status') ? 'true' : undefined} aria-describedby={problem('status') ? `status-${task.id}-error` : undefined}>
                    {statuses.map((s) => (
                      <option value={s} selected={status === s}>
                        {ctx.t(`taskStatus.${s}`)}
                      </option>
                    ))}
                  </select>
                  {problem('status') ? (
                    <p class="field-error" id={`status-${task.id}-error`}>
                      {problem('status')}
                    </p>
                  ) : null}
                </div>
                <div class="field">
                  <label for={`progress-${task.id}`}>{ctx.t('field.progress')}</label>
                  <input
                    id={`progress-${task.id}`}
                    name="progress"
                    type="number"
                    min="0"
                    max="100"
                    step="1"
                    inputmode="numeric"
                    value={progress}
                    aria-invalid={problem('progress') ? 'true' : undefined}
                    aria-describedby={problem('progress') ? `progress-${task.id}-error` : undefined}
                  />
                  {problem('progress') ? (
                    <p class="field-error" id={`progress-${task.id}-error`}>
                      {problem('progress')}
                    </p>
                  ) : null}
                </div>
              </div>
              <div>
                <button type="submit" class="primary">
                  {ctx.t('officer.update')}
                </button>
              </div>
            </form>
          </section>
        );
      })}
    </Layout>
  );
}
