// Opaque list cursors: the sort key, the last row's sort value and id, base64url-encoded.
export function encodeCursor(sort: string, value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([sort, value instanceof Date ? value.toISOString() : value, id])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): { value: unknown; id: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort || typeof parsed[2] !== 'string') return undefined;
    return { value: parsed[1] as unknown, id: parsed[2] };
  } catch {
    return undefined;
  }
}
