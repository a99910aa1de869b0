// Authenticator enrolment: QR code (an SVG image, no inline script) and the key to type, then a
// code to confirm; afterwards the ten recovery codes, shown this once.
import { Layout, type PageContext } from '../layout.tsx';

export function EnrolPage(props: { ctx: PageContext; qrSvg: string; secret: string; error?: string | undefined }) {
  const { ctx } = props;
  const title = ctx.t('twoFactor.enrolTitle');
  const qr = `data:image/svg+xml;base64,${Buffer.from(props.qrSvg).toString('base64')}`;
  return (
    <Layout ctx={ctx} title={title}>
      <section class="card narrow">
        <h1>{title}</h1>
        <p>{ctx.t('twoFactor.enrolIntro')}</p>
        <img src={qr} alt={ctx.t('twoFactor.enrolTitle')} width={220} height={220} />
        <p>
          {ctx.t('twoFactor.secretLabel')}: <code id="totp-secret">{props.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
        </p>
        {props.error ? (
          <p class="error" role="alert" id="code-error">
            {props.error}
          </p>
        ) : null}
        <form method="post" class="form">
          <label for="code">{ctx.t('twoFactor.codeLabel')}</label>
          <input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength={6} autocomplete="one-time-code" required />
          <button type="submit" class="primary">
            {ctx.t('twoFactor.confirm')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function RecoveryCodesPage(props: { ctx: PageContext; codes: string[]; next: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('twoFactor.recoveryTitle')}>
      <section class="card narrow">
        <h1>{ctx.t('twoFactor.recoveryTitle')}</h1>
        <p>{ctx.t('twoFactor.recoveryIntro')}</p>
        <ul class="recovery-codes">
          {props.codes.map((code) => (
            <li>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <a class="button primary" href={props.next}>
          {ctx.t('twoFactor.continue')}
        </a>
      </section>
    </Layout>
  );
}
