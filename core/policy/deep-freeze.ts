// Freezes a data view in place, all the way down, so a rule that writes to it fails loudly
// instead of changing what the next rule (or plugin) sees; in place because copying 100 000
// internships per evaluation would cost more than the rules.
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  const seen = new WeakSet<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    Object.freeze(v);
    for (const child of Object.values(v)) stack.push(child);
  }
  return value;
}
