// The one table from error code to HTTP status; `satisfies` makes it exhaustive.
import type { ErrorCode } from './app-error.ts';

export const httpStatus = {
  Invalid: 422,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  RateLimited: 429,
} as const satisfies Record<ErrorCode, number>;
