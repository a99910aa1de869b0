// Specification of dated parameters: which value is in force on a date, and what is refused.
import { describe, expect, it } from 'vitest';
import { defineParameter, ParameterDefinitionError, ParameterNotInForceError, parameterAt } from './parameters.ts';

const practiceDays = defineParameter('practiceDays', {
  unit: 'days',
  values: {
    // Written out of order on purpose: the definition sorts by date.
    '2022-01-01': { value: 200, clause: '四(二)3', published: '2021-11-15' },
    '2020-08-09': { value: 180, clause: '三(三)10', published: '2020-08-09' },
  },
});

describe('looking up a parameter at a date', () => {
  it('uses a value from the very day it takes effect', () => {
    expect(parameterAt(practiceDays, '2022-01-01')).toEqual({
      name: 'practiceDays',
      value: 200,
      effectiveFrom: '2022-01-01',
      clause: '四(二)3',
      published: '2021-11-15',
    });
  });

  it('uses the previous value on the day before', () => {
    expect(parameterAt(practiceDays, '2021-12-31')).toMatchObject({ value: 180, effectiveFrom: '2020-08-09', clause: '三(三)10' });
  });

  it('keeps the latest value in force after its date', () => {
    expect(parameterAt(practiceDays, '2030-06-30').value).toBe(200);
  });

  it('refuses a date before the first value instead of extrapolating', () => {
    expect(() => parameterAt(practiceDays, '2020-08-08')).toThrow(ParameterNotInForceError);
    expect(() => parameterAt(practiceDays, '2020-08-08')).toThrow('Parameter "practiceDays" has no value on 2020-08-08: its first value takes effect on 2020-08-09.');
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => parameterAt(practiceDays, '2022-1-1')).toThrow(TypeError);
  });
});

describe('defining a parameter', () => {
  it('refuses a value without a clause, in one sentence naming the parameter', () => {
    const define = () =>
      defineParameter('newTeacherMonths', { values: { '2025-05-28': { value: 6, clause: '', published: '2025-05-28' } } });
    expect(define).toThrow(ParameterDefinitionError);
    expect(define).toThrow(
      'Parameter "newTeacherMonths" has a value from 2025-05-28 without a clause; every value must cite the clause it comes from.',
    );
  });

  it('refuses an effective date that is not a real day', () => {
    expect(() => defineParameter('x', { values: { '2023-02-29': { value: 1, clause: '一', published: '2023-01-01' } } })).toThrow(
      'Parameter "x" takes effect on "2023-02-29", which is not a YYYY-MM-DD date.',
    );
  });

  it('refuses a value without its publication date', () => {
    expect(() => defineParameter('x', { values: { '2023-01-01': { value: 1, clause: '一', published: '' } } })).toThrow(
      'Parameter "x" has a value from 2023-01-01 without a YYYY-MM-DD publication date.',
    );
  });

  it('refuses a parameter with no values', () => {
    expect(() => defineParameter('x', { values: {} })).toThrow('Parameter "x" has no values.');
  });

  it('cannot be changed after definition', () => {
    expect(Object.isFrozen(practiceDays.values)).toBe(true);
    expect(Object.isFrozen(practiceDays.values[0])).toBe(true);
  });
});
