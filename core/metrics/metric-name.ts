// The strict grammar of a metric name as plugins write it: `base` or `base{arg,key=value,…}`,
// e.g. `agreements.active{mode=order_class}` or `organizations.designated{integration_enterprise,certified}`.
const BASE = /^[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)*$/;
const VALUE = /^[A-Za-z0-9_-]+$/;
const KEY = /^[a-z][A-Za-z]*$/;

export interface ParsedMetricName {
  base: string;
  /** Bare arguments, in order (`{integration_enterprise,certified}`). */
  args: string[];
  /** `key=value` arguments. */
  named: Record<string, string>;
}

export class MetricNameError extends Error {
  constructor(
    readonly metric: string,
    readonly problem: string,
  ) {
    super(`metric "${metric}": ${problem}`);
    this.name = 'MetricNameError';
  }
}

export function parseMetricName(name: string): ParsedMetricName {
  const m = /^([^{}]*)(?:\{([^{}]*)\})?$/.exec(name);
  if (!m) throw new MetricNameError(name, 'expected base or base{arguments}');
  const base = m[1]!;
  if (!BASE.test(base)) throw new MetricNameError(name, `"${base}" is not a dotted camelCase name`);
  const parsed: ParsedMetricName = { base, args: [], named: {} };
  if (m[2] === undefined) return parsed;
  if (m[2] === '') throw new MetricNameError(name, 'empty {}');
  for (const part of m[2].split(',')) {
    const eq = part.indexOf('=');
    const [key, value] = eq < 0 ? [undefined, part] : [part.slice(0, eq), part.slice(eq + 1)];
    if (!VALUE.test(value)) throw new MetricNameError(name, `bad argument "${part}"`);
    if (key === undefined) {
      if (Object.keys(parsed.named).length > 0) throw new MetricNameError(name, 'bare arguments come before key=value ones');
      parsed.args.push(value);
    } else {
      if (!KEY.test(key)) throw new MetricNameError(name, `bad argument name "${key}"`);
      if (Object.hasOwn(parsed.named, key)) throw new MetricNameError(name, `"${key}" given twice`);
      parsed.named[key] = value;
    }
  }
  return parsed;
}
