// Serves web/static from memory: the files are few and small, and no CDN is ever used.
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join } from 'node:path';
import { Hono } from 'hono';

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function staticAssets(dir = join(import.meta.dirname, 'static')) {
  const files = new Map<string, { body: Uint8Array<ArrayBuffer>; type: string; etag: string }>();
  for (const name of readdirSync(dir)) {
    const type = types[extname(name)];
    if (!type) continue;
    const body = Uint8Array.from(readFileSync(join(dir, name)));
    files.set(name, { body, type, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` });
  }
  return new Hono().get('/:name', (c) => {
    const file = files.get(c.req.param('name'));
    if (!file) return c.notFound();
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    return c.body(file.body, 200, { 'Content-Type': file.type, ETag: file.etag, 'Cache-Control': 'public, max-age=3600' });
  });
}
