// Errors are values with codes; core throws them and the HTTP edge maps each code once.
export type ErrorCode = 'NotFound' | 'Forbidden' | 'Invalid' | 'Conflict' | 'Unauthenticated' | 'RateLimited';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `email` or `students.3.idNumber`. */
  path: string;
  code: string;
  /** Already in the request's language. */
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Catalog key of the user-facing message (web/i18n), e.g. `error.notFound`. */
    readonly messageKey: string,
    readonly issues: FieldIssue[] = [],
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = 'AppError';
  }
}

export const notFound = (key = 'error.notFound') => new AppError('NotFound', key);
export const forbidden = (key = 'error.forbidden') => new AppError('Forbidden', key);
export const conflict = (key = 'error.conflict') => new AppError('Conflict', key);
export const unauthenticated = (key = 'error.unauthenticated') => new AppError('Unauthenticated', key);
export const invalid = (issues: FieldIssue[], key = 'error.invalid') => new AppError('Invalid', key, issues);
