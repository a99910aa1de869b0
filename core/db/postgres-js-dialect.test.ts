// The pipelining dialect must keep transaction semantics: statements run in order, and an
// error in a statement sent without waiting fails the transaction at the next statement.
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine, type TestDatabase } from '../../test/support/test-database.ts';
import { pipelined } from './postgres-js-dialect.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.drop());

describe.skipIf(testEngine() !== 'postgres')('the postgres.js dialect', () => {
  it('runs a pipelined statement before the statement that follows it', async () => {
    const value = await tdb.handle.db.transaction().execute(async (tx) => {
      await tx.executeQuery(pipelined(CompiledQuery.raw("select set_config('app.probe', $1, true)", ['first'])));
      return (await sql<{ v: string }>`select current_setting('app.probe') as v`.execute(tx)).rows[0]!.v;
    });
    expect(value).toBe('first');
  });

  it('fails the transaction at the next statement when a pipelined statement fails', async () => {
    await expect(
      tdb.handle.db.transaction().execute(async (tx) => {
        await tx.executeQuery(pipelined(CompiledQuery.raw('select 1 / $1::int', [0])));
        await sql`select 1`.execute(tx);
      }),
    ).rejects.toThrow(/division by zero/);
    // The connection went back to the pool clean: the next transaction works.
    const ok = await tdb.handle.db.transaction().execute((tx) => sql<{ n: number }>`select 1 as n`.execute(tx));
    expect(ok.rows[0]!.n).toBe(1);
  });

  it('rolls back everything when the function throws after pipelined statements', async () => {
    await expect(
      tdb.handle.db.transaction().execute(async (tx) => {
        await tx.executeQuery(pipelined(CompiledQuery.raw("select set_config('app.probe', $1, true)", ['x'])));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
