// Freezes a data view in place, all the way down, so a rule that writes to it fails loudly
// instead of changing what the next rule (or plugin) sees; in place because copying 100 000
// internships per evaluation would cost more than the rules.
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    // A frozen object was done already (a view is a tree; shared or re-frozen parts are skipped).
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    // Index and key loops: Object.values would allocate an array per object of the view.
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null) stack.push(v[i]);
    } else {
      for (const key in v) {
        const child = (v as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
  }
  return value;
}
