// The platform operator's home: every region with its enabled plugins, and the job queues
// (counts and recent failures) when the workers' Redis is configured.
import type { QueueStats } from '../../../core/observability/job-control.ts';
import { Layout, type PageContext } from '../layout.tsx';

export interface OperatorTenant {
  slug: string;
  name: string;
  kind: string;
  plugins: string[];
}

export function OperatorHome(props: { ctx: PageContext; tenants: OperatorTenant[]; queues: QueueStats[] | null }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('nav.tenants')}>
      <section class="card">
        <h1>{ctx.t('nav.tenants')}</h1>
        <p class="muted">{ctx.t('operator.onboardHint')}</p>
        <p>
          <a class="button primary" href={`/t/${ctx.tenant?.slug ?? 'platform'}/tenants/new`}>
            {ctx.t('nav.onboard')}
          </a>
        </p>
        <div class="table-wrap">
          <table class="records">
            <thead>
              <tr>
                <th scope="col">{ctx.t('operator.slug')}</th>
                <th scope="col">{ctx.t('field.name')}</th>
                <th scope="col">{ctx.t('field.kind')}</th>
                <th scope="col">{ctx.t('operator.plugins')}</th>
              </tr>
            </thead>
            <tbody>
              {props.tenants.map((t) => (
                <tr>
                  <td data-label={ctx.t('operator.slug')}>
                    <code>{t.slug}</code>
                  </td>
                  <td data-label={ctx.t('field.name')}>{t.name}</td>
                  <td data-label={ctx.t('field.kind')}>{t.kind}</td>
                  <td data-label={ctx.t('operator.plugins')}>{t.plugins.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" aria-labelledby="queues-title">
        <h2 id="queues-title">{ctx.t('nav.queues')}</h2>
        {props.queues === null ? (
          <p class="empty">{ctx.t('banner.jobsPaused')}</p>
        ) : (
          <div class="table-wrap">
            <table class="records">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('operator.queue')}</th>
                  {(['waiting', 'active', 'delayed', 'failed', 'completed'] as const).map((k) => (
                    <th scope="col">{k}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.queues.map((q) => (
                  <tr>
                    <td data-label={ctx.t('operator.queue')}>{q.name}</td>
                    {(['waiting', 'active', 'delayed', 'failed', 'completed'] as const).map((k) => (
                      <td data-label={k}>{q.counts[k]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}
