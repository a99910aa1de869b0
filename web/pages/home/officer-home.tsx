// A department officer's home: the tasks their unit leads or co-leads, overdue first, each with
// a small form to move its status and progress (the task resource refuses any other change).
import { Layout, type PageContext } from '../layout.tsx';

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

const statuses = ['not_started', 'in_progress', 'done', 'cancelled'] as const;

export function OfficerHome(props: { ctx: PageContext; slug: string; tasks: OfficerTask[] }) {
  const { ctx, slug } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('officer.title')}>
      <section class="card">
        <h1>{ctx.t('officer.title')}</h1>
        {props.tasks.length === 0 ? <p class="empty">{ctx.t('officer.empty')}</p> : null}
      </section>
      {props.tasks.map((task) => (
        <section class="card task">
          <h2>
            <a href={`/t/${slug}/tasks/${task.id}`}>{task.title}</a> {task.overdue ? <span class="badge bad">{ctx.t('task.overdue')}</span> : null}
          </h2>
          <p class="muted small">
            {task.clause ? ctx.t('findings.clause', { clause: task.clause }) : null} {task.dueOn ? `· ${ctx.t('dashboard.due', { date: task.dueOn })}` : null}
          </p>
          <form method="post" action={`/t/${slug}/tasks/${task.id}`} class="form inline-form">
            <input type="hidden" name="version" value={String(task.version)} />
            <div class="field">
              <label for={`status-${task.id}`}>{ctx.t('field.status')}</label>
              <select id={`status-${task.id}`} name="status">
                {statuses.map((s) => (
                  <option value={s} selected={task.status === s}>
                    {ctx.t(`taskStatus.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`progress-${task.id}`}>{ctx.t('field.progress')}</label>
              <input id={`progress-${task.id}`} name="progress" type="number" min="0" max="100" step="1" inputmode="numeric" value={String(task.progress)} />
            </div>
            <button type="submit" class="primary">
              {ctx.t('officer.update')}
            </button>
          </form>
        </section>
      ))}
    </Layout>
  );
}
