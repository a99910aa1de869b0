// The smallest semver the version contract needs: plugins declare `^x.y.z` or `x.y.z` for the
// SDK, and a dependency for two string shapes would be more than the check itself.
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/** A plugin's own version may carry a pre-release or build tag (1.0.0-rc.1+2025). */
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
export const SDK_RANGE = /^\^?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

type Triple = [number, number, number];

function parse(version: string): Triple | null {
  const m = VERSION.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function compare(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * Whether `version` satisfies `range`, with npm's caret meaning: the left-most non-zero part is
 * fixed (^1.2.3 is <2.0.0, ^0.2.3 is <0.3.0, ^0.0.3 is exactly 0.0.3), because before 1.0 a
 * minor bump is allowed to break plugins.
 */
export function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  const caret = range.startsWith('^');
  const r = parse(caret ? range.slice(1) : range);
  if (!v || !r) return false;
  if (!caret) return compare(v, r) === 0;
  if (compare(v, r) < 0) return false;
  if (r[0] > 0) return v[0] === r[0];
  if (r[1] > 0) return v[0] === 0 && v[1] === r[1];
  return compare(v, r) === 0;
}
