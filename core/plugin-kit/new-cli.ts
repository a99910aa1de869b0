// `npm run plugin:new <id> [--dir <folder>]`: scaffolds plugins/<id>/ and prints the next steps.
import { join, resolve } from 'node:path';
import { ROOT } from './paths.ts';
import { nextSteps, scaffoldPlugin, ScaffoldError } from './scaffold.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--dir');
const cwd = process.env.INIT_CWD ?? process.cwd();
const pluginsDir = at === -1 ? join(ROOT, 'plugins') : resolve(cwd, args[at + 1] ?? '.');
const id = args.filter((_, i) => at === -1 || (i !== at && i !== at + 1))[0];

try {
  console.log(nextSteps(scaffoldPlugin({ id, pluginsDir }), cwd));
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  console.error(`plugin:new: ${error.message}`);
  process.exitCode = 1;
}
