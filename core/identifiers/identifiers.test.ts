import { describe, expect, it } from 'vitest';
import { isValidCreditCode, withCreditCodeCheck } from './credit-code.ts';
import { idNumberBirthDate, isValidIdNumber, maskIdNumber, withIdNumberCheck } from './id-number.ts';

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts published codes with their check character', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91110000802100433B')).toBe(true);
  });

  it('refuses a code whose check character is wrong', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91110000802100433C')).toBe(false);
  });

  it('refuses letters the standard leaves out (I, O, S, V, Z) and wrong lengths', () => {
    expect(isValidCreditCode('91350100M000100I43')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100m000100y43')).toBe(false);
  });

  it('completes 17 characters to a valid code', () => {
    expect(isValidCreditCode(withCreditCodeCheck('91370322MA3C1234X'))).toBe(true);
  });
});

describe('公民身份号码 (GB 11643)', () => {
  it('accepts numbers with the right check digit, X included', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
  });

  it('refuses a wrong check digit, a lower-case x and impossible dates', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
    expect(isValidIdNumber(withIdNumberCheck('11010520070230123'))).toBe(false);
  });

  it('reads the birth date', () => {
    expect(idNumberBirthDate('11010519491231002X')).toBe('1949-12-31');
  });

  it('masks all but the region and the last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
});
