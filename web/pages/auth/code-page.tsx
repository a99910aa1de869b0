// The second sign-in step: the authenticator's code, or one recovery code.
import { Layout, type PageContext } from '../layout.tsx';

export function CodePage(props: { ctx: PageContext; next: string; error?: string | undefined }) {
  const { ctx } = props;
  const title = ctx.t('twoFactor.codeTitle');
  return (
    <Layout ctx={ctx} title={title}>
      <section class="card narrow">
        <h1>{title}</h1>
        {props.error ? (
          <p class="error" role="alert" id="code-error">
            {props.error}
          </p>
        ) : null}
        <form method="post" class="form">
          <input type="hidden" name="next" value={props.next} />
          <label for="code">{ctx.t('twoFactor.codeLabel')}</label>
          <input
            id="code"
            name="code"
            inputmode="numeric"
            pattern="[0-9]{6}"
            maxlength={6}
            autocomplete="one-time-code"
            autofocus
            aria-describedby={props.error ? 'code-error' : undefined}
          />
          <label for="recoveryCode">{ctx.t('twoFactor.recoveryLabel')}</label>
          <input id="recoveryCode" name="recoveryCode" autocomplete="off" maxlength={20} />
          <button type="submit" class="primary">
            {ctx.t('twoFactor.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
