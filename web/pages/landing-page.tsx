// The front door: pick a region to sign in to.
import { Layout, type PageContext } from './layout.tsx';

export interface LandingTenant {
  slug: string;
  name: string;
  kind: string;
}

export function LandingPage(props: { ctx: PageContext; tenants: LandingTenant[] }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('landing.title')}>
      <section class="card">
        <h1>{ctx.t('app.tagline')}</h1>
        <p class="muted">{ctx.t('landing.intro')}</p>
      </section>
      <section class="card">
        <h2>{ctx.t('landing.title')}</h2>
        {props.tenants.length === 0 ? (
          <p class="empty">{ctx.t('landing.empty')}</p>
        ) : (
          <ul class="tenant-list">
            {props.tenants.map((tenant) => (
              <li>
                <a href={`/t/${tenant.slug}/login`}>
                  <strong>{tenant.name}</strong>
                  <span class="muted">{tenant.kind}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/t/platform/login">{ctx.t('landing.operator')}</a>
        </p>
      </section>
    </Layout>
  );
}
