// The dependency direction the README promises: core/ and workers/ never import web/ (the
// workers' message and report texts come from core/i18n). Tests may use the web layer.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));

function webImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.filter((s) => relative(root, resolve(root, dirname(file), s)).startsWith('web/'));
}

describe('dependency direction', () => {
  it.each(['core', 'workers'])('%s/ imports nothing from web/', (dir) => {
    const offenders = sources(dir).flatMap((file) => webImports(file).map((s) => `${file} → ${s}`));
    expect(offenders).toEqual([]);
  });
});
