// Turns the database's refusals into our error values: a unique key taken is a Conflict, a
// reference to a row that is not there (or is another tenant's) and a failed check are Invalid.
import { AppError, type FieldIssue } from '../errors/app-error.ts';

interface PgError {
  code?: string;
  constraint?: string;
  constraint_name?: string;
}

const pgCode = (error: unknown) => (typeof error === 'object' && error !== null ? (error as PgError).code : undefined);
const constraintOf = (error: unknown) => {
  const e = error as PgError;
  return e.constraint_name ?? e.constraint ?? '';
};

/** `majors_school_fkey` on table majors → `schoolId`. */
export function constraintField(table: string, constraint: string): string {
  const middle = constraint.startsWith(`${table}_`) ? constraint.slice(table.length + 1) : constraint;
  const base = middle.replace(/_(fkey|key|check)$/, '');
  const column = base.endsWith('_id') || base.includes('_') ? base : `${base}_id`;
  return column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

export function mapDbError(error: unknown, table: string, messages: { reference: string; check: string }): never {
  const code = pgCode(error);
  if (code === '23505') throw new AppError('Conflict', 'error.duplicate', [], { constraint: constraintOf(error) });
  if (code === '23503' || code === '23514') {
    const issue: FieldIssue = {
      path: code === '23503' ? constraintField(table, constraintOf(error)) : constraintOf(error),
      code: code === '23503' ? 'reference' : 'check',
      message: code === '23503' ? messages.reference : messages.check,
    };
    throw new AppError('Invalid', 'error.invalid', [issue]);
  }
  throw error;
}
