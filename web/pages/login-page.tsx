// Sign-in form; errors are shown above the fields and announced to screen readers.
import { Layout, type PageContext } from './layout.tsx';

export function LoginPage(props: {
  ctx: PageContext;
  tenantName: string;
  next: string;
  email?: string;
  error?: string | undefined;
  demoHint?: string | undefined;
}) {
  const { ctx } = props;
  const title = ctx.t('login.title', { tenant: props.tenantName });
  return (
    <Layout ctx={ctx} title={title}>
      <section class="card narrow">
        <h1>{title}</h1>
        {props.error ? (
          <p class="error" role="alert" id="login-error">
            {props.error}
          </p>
        ) : null}
        <form method="post" class="form">
          <input type="hidden" name="next" value={props.next} />
          <label for="email">{ctx.t('login.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={props.email ?? ''}
            aria-describedby={props.error ? 'login-error' : undefined}
          />
          <label for="password">{ctx.t('login.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit" class="primary">
            {ctx.t('login.submit')}
          </button>
        </form>
        <p class="muted small">{ctx.t('login.lockHint')}</p>
        {props.demoHint ? <p class="hint small">{props.demoHint}</p> : null}
      </section>
    </Layout>
  );
}
