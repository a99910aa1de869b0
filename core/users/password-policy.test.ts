// The password rule (issue 8 point 3, 等保 practice, ASVS 2.1): ≥ 12 characters, 3 of 4 classes, not
// common (zxcvbn score ≥ 3), not containing the e-mail's local part.
import { describe, expect, it } from 'vitest';
import { passwordProblem, passwordSchema } from './password.ts';
import { TEST_PASSWORD } from '../../test/support/factories.ts';
import { DEMO_PASSWORD } from '../demo/demo-accounts.ts';

const accepted = (p: string) => passwordSchema.safeParse(p).success;
const keys = (p: string) => {
  const r = passwordSchema.safeParse(p);
  return r.success ? [] : r.error.issues.map((i) => (i as { params?: { key?: string } }).params?.key);
};

describe('the password rule', () => {
  it('needs 12 characters', () => {
    expect(keys('Kq7-mzt-Rw2')).toEqual(['password.tooShort']);
    expect(accepted('Kq7-mzt-Rw2x')).toBe(true);
  });

  it('needs 3 of the 4 character classes', () => {
    expect(keys('kqmztrwpbvxlhd')).toContain('password.classes');
    expect(accepted('kq7-mzt-rw2xb')).toBe(true);
  });

  it('refuses common passwords that meet the length and classes', () => {
    expect(keys('Password1234!')).toEqual(['password.common']);
    expect(keys('Qwerty123456!')).toEqual(['password.common']);
  });

  it("refuses a password containing the e-mail's local part", () => {
    expect(passwordProblem('zhangwei-Rw2x-9q', 'zhangwei@school.cn')).toBe('containsEmail');
    expect(passwordProblem('Kq7-mzt-Rw2x', 'zhangwei@school.cn')).toBeNull();
  });

  it('is met by the test and demo passwords', () => {
    expect(accepted(TEST_PASSWORD)).toBe(true);
    expect(accepted(DEMO_PASSWORD)).toBe(true);
  });
});
