// A page write inside the request's transaction, behind a savepoint: if the core refuses it
// (AppError), everything it wrote is undone and the transaction stays usable to render the
// form again with each field's problem; any other error still fails the whole request.
import { sql } from 'kysely';
import type { Tx } from '../../../core/db/database.ts';
import { AppError } from '../../../core/errors/app-error.ts';

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: AppError };

export async function attempt<T>(tx: Tx, write: () => Promise<T>): Promise<Attempt<T>> {
  await sql`savepoint web_form`.execute(tx);
  try {
    const value = await write();
    await sql`release savepoint web_form`.execute(tx);
    return { ok: true, value };
  } catch (error) {
    await sql`rollback to savepoint web_form`.execute(tx);
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}
