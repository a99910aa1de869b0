// What a person sees when a page fails: the message, the request id, a way back.
import { Layout, type PageContext } from './layout.tsx';

export function ErrorPage(props: { ctx: PageContext; message: string; requestId: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('errorPage.title')}>
      <section class="card narrow">
        <h1>{ctx.t('errorPage.title')}</h1>
        <p>{props.message}</p>
        <p class="muted small">{ctx.t('errorPage.requestId', { id: props.requestId })}</p>
        <p>
          <a href={ctx.tenant ? `/t/${ctx.tenant.slug}` : '/'}>{ctx.t('errorPage.back')}</a>
        </p>
      </section>
    </Layout>
  );
}
