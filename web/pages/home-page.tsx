// The tenant's home after sign-in; later issues fill it with dashboards and work lists.
import { Layout, type PageContext } from './layout.tsx';

export function HomePage(props: { ctx: PageContext; tenantName: string; userName: string; roleLabel: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('home.title', { tenant: props.tenantName })}>
      <section class="card">
        <h1>{ctx.t('home.welcome', { name: props.userName })}</h1>
        <p class="muted">{ctx.t('home.signedInAs', { role: props.roleLabel })}</p>
      </section>
      <section class="card">
        <p class="empty">{ctx.t('home.empty')}</p>
      </section>
    </Layout>
  );
}
