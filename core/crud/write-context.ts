// The write context of a signed-in request: its transaction, tenant, user, language and request
// id, and the database refusal messages in that language. Built the same way by every route.
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import type { Translator } from '../i18n/lang.ts';
import type { WriteContext } from './resource-service.ts';

export function writeContext(c: Context<AppEnv>, t: Translator): WriteContext {
  const lang = c.get('lang');
  return {
    tx: c.get('tx'),
    tenantId: c.get('tenant').id,
    user: c.get('auth')!.user,
    lang,
    requestId: c.get('requestId'),
    dbMessages: { reference: t(lang, 'error.reference'), check: t(lang, 'error.check') },
  };
}
