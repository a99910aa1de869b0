// Where the kit finds the repository, independent of the directory a command is typed in.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..', '..');
/** The one file of core a plugin may import. */
export const SDK_ENTRY = join(ROOT, 'core', 'policy', 'index.ts');
export const TEMPLATE_DIR = join(HERE, 'template');
