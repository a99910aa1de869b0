// The deliver worker's group commit: ids of jobs running together share one claim per tenant,
// at most `maxInFlight` claims per tenant run at once, and ids arriving meanwhile form the next.
import { describe, expect, it } from 'vitest';
import { deliveryBatcher } from './delivery-batcher.ts';

function recorder(ms = 20) {
  const calls: { tenantId: string; ids: string[] }[] = [];
  let running = 0;
  let maxRunning = 0;
  const run = async (tenantId: string, ids: string[]) => {
    calls.push({ tenantId, ids });
    maxRunning = Math.max(maxRunning, ++running);
    await new Promise((r) => setTimeout(r, ms));
    running--;
    return new Map(ids.filter((id) => !id.startsWith('x')).map((id) => [id, `done ${id}`]));
  };
  return { run, calls, maxRunning: () => maxRunning };
}

describe('delivery batcher', () => {
  it('gathers ids submitted together into one run per tenant and answers each', async () => {
    const r = recorder();
    const b = deliveryBatcher(r.run, { maxBatch: 100, maxInFlight: 2, waitMs: 5, missing: 'skipped' });
    const answers = await Promise.all([b.submit('t1', 'a'), b.submit('t1', 'b'), b.submit('t2', 'c'), b.submit('t1', 'xgone')]);
    expect(answers).toEqual(['done a', 'done b', 'done c', 'skipped']);
    expect(r.calls.map((c) => [c.tenantId, c.ids])).toEqual([['t1', ['a', 'b', 'xgone']], ['t2', ['c']]]);
  });

  it('runs at most maxInFlight claims of a tenant at once; later ids wait and go together', async () => {
    const r = recorder(30);
    const b = deliveryBatcher(r.run, { maxBatch: 3, maxInFlight: 2, waitMs: 1, missing: 'skipped' });
    const ids = Array.from({ length: 20 }, (_, i) => `id${i}`);
    const answers = await Promise.all(ids.map((id) => b.submit('t', id)));
    expect(answers).toEqual(ids.map((id) => `done ${id}`));
    expect(r.maxRunning()).toBe(2);
    expect(r.calls.every((c) => c.ids.length <= 3)).toBe(true);
    expect(r.calls.flatMap((c) => c.ids).sort()).toEqual([...ids].sort());
  });

  it('answers a duplicate submission of the same id with the same outcome, from one run', async () => {
    const r = recorder();
    const b = deliveryBatcher(r.run, { maxBatch: 100, maxInFlight: 1, waitMs: 5, missing: 'skipped' });
    expect(await Promise.all([b.submit('t', 'a'), b.submit('t', 'a')])).toEqual(['done a', 'done a']);
    expect(r.calls).toEqual([{ tenantId: 't', ids: ['a'] }]);
  });

  it('rejects every waiter of a failed run, and the next submission runs afresh', async () => {
    let fail = true;
    const b = deliveryBatcher(
      async (_t, ids) => {
        if (fail) throw new Error('database down');
        return new Map(ids.map((id) => [id, 'ok']));
      },
      { maxBatch: 100, maxInFlight: 2, waitMs: 1, missing: 'skipped' },
    );
    await expect(Promise.all([b.submit('t', 'a'), b.submit('t', 'b')])).rejects.toThrow('database down');
    fail = false;
    await expect(b.submit('t', 'a')).resolves.toBe('ok');
  });
});
