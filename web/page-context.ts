// Builds what every page needs from the request: language, translator, tenant and user.
import type { Context } from 'hono';
import type { AppEnv } from '../core/http/app-env.ts';
import type { Translator } from '../core/i18n/lang.ts';
import type { MessageKey } from './i18n/index.ts';
import type { PageContext } from './pages/layout.tsx';

export function pageContext(c: Context<AppEnv>, translate: Translator, banner?: MessageKey): PageContext {
  const lang = c.get('lang');
  const tenant = c.get('tenant') as AppEnv['Variables']['tenant'] | undefined;
  const auth = c.get('auth') as AppEnv['Variables']['auth'] | undefined;
  const url = new URL(c.req.url);
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    path: url.pathname + url.search,
    tenant: tenant ? { slug: tenant.slug, name: lang === 'en' ? tenant.name_en : tenant.name_zh } : undefined,
    user: auth ? { displayName: auth.user.displayName, role: auth.user.role } : undefined,
    banner,
  };
}

/** Only same-tenant paths are followed after sign-in, never another site. */
export function safeNext(next: unknown, tenantSlug: string): string {
  const home = `/t/${tenantSlug}`;
  if (typeof next !== 'string') return home;
  return next === home || (next.startsWith(`${home}/`) && !next.startsWith('//')) ? next : home;
}
