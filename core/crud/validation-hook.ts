// The zod-openapi hook: a request that fails its schema becomes Invalid with every field's
// problem in the caller's language, like any other validation in the API.
import type { Hook } from '@hono/zod-openapi';
import { invalid } from '../errors/app-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { localiseIssues } from '../http/validate.ts';
import type { Translator } from '../i18n/lang.ts';

export function validationHook(t: Translator): Hook<unknown, AppEnv, string, unknown> {
  return (result, c) => {
    if (!result.success) throw invalid(localiseIssues(result.error.issues, c.get('lang'), t));
  };
}
