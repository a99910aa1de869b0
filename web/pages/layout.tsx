// The page frame: header with the tenant, language switch and sign-out; one main landmark.
import type { Child } from 'hono/jsx';
import type { Lang } from '../../core/i18n/lang.ts';
import type { Role } from '../../core/users/schema.ts';
import type { MessageKey } from '../i18n/index.ts';
import { MainNav } from './shared/main-nav.tsx';

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface PageContext {
  lang: Lang;
  t: T;
  /** Path of the current page, for the language switch to come back to. */
  path: string;
  tenant?: { slug: string; name: string } | undefined;
  user?: { displayName: string; role?: Role } | undefined;
  banner?: MessageKey | undefined;
}

export function Layout(props: { ctx: PageContext; title: string; children: Child }) {
  const { ctx } = props;
  const other: Lang = ctx.lang === 'zh-CN' ? 'en' : 'zh-CN';
  const homeHref = ctx.tenant ? `/t/${ctx.tenant.slug}` : '/';
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${ctx.t('app.name')}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip" href="#main">
          {ctx.t('nav.skip')}
        </a>
        <header class="topbar">
          <a class="brand" href={homeHref}>
            <span class="brand-mark" aria-hidden="true">
              {ctx.t('app.mark')}
            </span>
            <span>{ctx.t('app.name')}</span>
            {ctx.tenant ? <span class="tenant-name">{ctx.tenant.name}</span> : null}
          </a>
          <nav class="topnav" aria-label={ctx.t('nav.language')}>
            <a href={`/lang/${other}?next=${encodeURIComponent(ctx.path)}`} hreflang={other} lang={other}>
              {ctx.t(`lang.${other}`)}
            </a>
            {ctx.tenant && ctx.user ? (
              <>
                <a href={`/t/${ctx.tenant.slug}/account`}>{ctx.t('nav.account')}</a>
                <form method="post" action={`/t/${ctx.tenant.slug}/logout`} class="inline">
                  <button type="submit" class="link">
                    {ctx.t('nav.logout')}
                  </button>
                </form>
              </>
            ) : null}
          </nav>
        </header>
        {ctx.banner ? (
          <p class="banner" role="status">
            {ctx.t(ctx.banner)}
          </p>
        ) : null}
        {ctx.tenant && ctx.user?.role ? <MainNav ctx={ctx} slug={ctx.tenant.slug} role={ctx.user.role} /> : null}
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}
