// Log lines never carry a password, a session cookie, or an unmasked ID or phone number.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger('info', stream), text: () => lines.join('') };
}

describe('log redaction', () => {
  it('masks ID and phone numbers in known fields, nested fields, free strings, messages and errors', () => {
    const { log, text } = capture();
    log.info({ idNumber: '11010519491231002X', student: { phone: '13812345678' } }, 'created');
    log.info({ note: 'call 13912345678 about 110105194912310021' }, 'student 11010519491231002X imported');
    log.error({ err: new Error('duplicate 11010519491231002X') }, 'failed');
    const out = text();
    for (const secret of ['11010519491231002X', '13812345678', '13912345678', '110105194912310021']) expect(out).not.toContain(secret);
    expect(out).toContain('139****5678');
    expect(out).toContain('110***********0021');
  });

  it('drops passwords and cookies', () => {
    const { log, text } = capture();
    log.info({ password: 'Secret-pass-2026', req: { headers: { cookie: 'cj_session=abc' } } }, 'login');
    expect(text()).not.toContain('Secret-pass-2026');
    expect(text()).not.toContain('cj_session=abc');
  });
});
