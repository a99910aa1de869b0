// Change one's password; each field's problem is shown next to it.
import type { FieldIssue } from '../../core/errors/app-error.ts';
import { Layout, type PageContext } from './layout.tsx';

export function AccountPage(props: { ctx: PageContext; issues?: FieldIssue[]; done?: boolean }) {
  const { ctx } = props;
  const issue = (path: string) =>
    props.issues
      ?.filter((i) => i.path === path)
      .map((i) => i.message)
      .join(' ') || undefined;
  const field = (name: 'currentPassword' | 'newPassword', label: string, autocomplete: string, hint?: string) => {
    const problem = issue(name);
    const describedBy = [hint ? `${name}-hint` : '', problem ? `${name}-error` : ''].filter(Boolean).join(' ');
    return (
      <>
        <label for={name}>{label}</label>
        <input
          id={name}
          name={name}
          type="password"
          autocomplete={autocomplete}
          required
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
        />
        {hint ? (
          <p class="muted small" id={`${name}-hint`}>
            {hint}
          </p>
        ) : null}
        {problem ? (
          <p class="field-error" id={`${name}-error`}>
            {problem}
          </p>
        ) : null}
      </>
    );
  };
  return (
    <Layout ctx={ctx} title={ctx.t('account.title')}>
      <section class="card narrow">
        <h1>{ctx.t('account.changePassword')}</h1>
        {props.done ? (
          <p class="success" role="status">
            {ctx.t('account.changed')}
          </p>
        ) : null}
        <form method="post" class="form">
          {field('currentPassword', ctx.t('account.currentPassword'), 'current-password')}
          {field('newPassword', ctx.t('account.newPassword'), 'new-password', ctx.t('account.passwordRule'))}
          <button type="submit" class="primary">
            {ctx.t('account.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
