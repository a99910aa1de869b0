// Turns any thrown value into the status and JSON body a client sees: AppErrors by the one
// table in errors/http-status.ts, anything else as a 500 without stack traces or SQL.
import { HTTPException } from 'hono/http-exception';
import { AppError, type ErrorCode, type FieldIssue } from '../errors/app-error.ts';
import { httpStatus } from '../errors/http-status.ts';
import type { Lang, Translator } from '../i18n/lang.ts';

export interface ErrorBody {
  code: ErrorCode | 'Internal' | 'BadRequest';
  message: string;
  issues: FieldIssue[];
  requestId: string;
}

export function errorBody(
  error: unknown,
  lang: Lang,
  t: Translator,
  requestId: string,
): { status: number; body: ErrorBody; expected: boolean } {
  if (error instanceof AppError) {
    return {
      status: httpStatus[error.code],
      body: { code: error.code, message: t(lang, error.messageKey, error.params), issues: error.issues, requestId },
      expected: true,
    };
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals (e.g. its CSRF guard answers 403, a malformed body 400).
    const code = error.status === 403 ? 'Forbidden' : 'BadRequest';
    const key = error.status === 403 ? 'error.forbidden' : 'error.badRequest';
    return { status: error.status, body: { code, message: t(lang, key), issues: [], requestId }, expected: true };
  }
  return {
    status: 500,
    body: { code: 'Internal', message: t(lang, 'error.internal'), issues: [], requestId },
    expected: false,
  };
}
