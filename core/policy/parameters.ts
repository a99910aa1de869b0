// Dated parameter values: each value takes effect on a date and cites the clause and publication
// it comes from, so a past period is evaluated under the values in force then, and says why.
import { isIsoDate, type IsoDate } from './dates.ts';

export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

/** One value as a plugin writes it, under the date it takes effect. */
export interface ParameterValueSpec<T> {
  value: T;
  /** The section as printed in the text, e.g. `三(三)10`. */
  clause: string;
  /** When the text carrying this value was published (it may differ from the effective date). */
  published: IsoDate;
  note?: string;
}

export interface ParameterSpec<T> {
  description?: LocalizedText;
  unit?: string;
  /** Keyed by the date each value takes effect, e.g. `{ '2022-01-01': { value: 180, … } }`. */
  values: Record<IsoDate, ParameterValueSpec<T>>;
}

export interface DatedValue<T> extends ParameterValueSpec<T> {
  effectiveFrom: IsoDate;
}

export interface Parameter<T> {
  readonly name: string;
  readonly description?: LocalizedText;
  readonly unit?: string;
  /** Oldest first. */
  readonly values: readonly DatedValue<T>[];
}

/** What a look-up hands out: the value and where it comes from, for a finding's explanation. */
export interface ParameterReading<T = unknown> {
  name: string;
  value: T;
  effectiveFrom: IsoDate;
  clause: string;
  published: IsoDate;
}

export type ParameterValueOf<S> = S extends ParameterSpec<infer T> ? T : S extends Parameter<infer T> ? T : never;

export class ParameterDefinitionError extends Error {
  override name = 'ParameterDefinitionError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Thrown, never papered over by the earliest value: a period before a policy existed has no
 * answer, and guessing one would put a rule on a date the text never covered.
 */
export class ParameterNotInForceError extends Error {
  override name = 'ParameterNotInForceError';
  constructor(
    readonly parameter: string,
    readonly at: IsoDate,
    readonly firstDate: IsoDate,
  ) {
    super(`Parameter "${parameter}" has no value on ${at}: its first value takes effect on ${firstDate}.`);
  }
}

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/** Checks every value and sorts them by date; a value without its clause is refused here. */
export function defineParameter<T>(name: string, spec: ParameterSpec<T>): Parameter<T> {
  const entries = Object.entries(spec?.values ?? {});
  if (entries.length === 0) throw new ParameterDefinitionError(name, `Parameter "${name}" has no values.`);
  const values: DatedValue<T>[] = [];
  for (const [date, v] of entries) {
    if (!isIsoDate(date)) {
      throw new ParameterDefinitionError(name, `Parameter "${name}" takes effect on "${date}", which is not a YYYY-MM-DD date.`);
    }
    if (blank(v?.clause)) {
      throw new ParameterDefinitionError(
        name,
        `Parameter "${name}" has a value from ${date} without a clause; every value must cite the clause it comes from.`,
      );
    }
    if (!isIsoDate(v.published)) {
      throw new ParameterDefinitionError(name, `Parameter "${name}" has a value from ${date} without a YYYY-MM-DD publication date.`);
    }
    values.push(Object.freeze({ ...v, effectiveFrom: date }));
  }
  values.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  return Object.freeze({
    name,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.unit ? { unit: spec.unit } : {}),
    values: Object.freeze(values),
  });
}

/** The value in force on `at`: the latest one whose effective date is on or before it. */
export function parameterAt<T>(parameter: Parameter<T>, at: IsoDate): ParameterReading<T> {
  if (!isIsoDate(at)) throw new TypeError(`Parameter "${parameter.name}" was looked up at "${at}", which is not a YYYY-MM-DD date.`);
  for (let i = parameter.values.length - 1; i >= 0; i--) {
    const v = parameter.values[i]!;
    if (v.effectiveFrom <= at) {
      return { name: parameter.name, value: v.value, effectiveFrom: v.effectiveFrom, clause: v.clause, published: v.published };
    }
  }
  throw new ParameterNotInForceError(parameter.name, at, parameter.values[0]!.effectiveFrom);
}
