// plugin:new: a new plugin folder copied from the template (which is itself a checked, tested
// plugin), renamed to its id, with the SDK import pointing at core/policy from wherever it lands.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { KEBAB_ID } from '../policy/plugin-schema.ts';
import { SDK_ENTRY, TEMPLATE_DIR } from './paths.ts';

const TEMPLATE_ID = 'template';
const TEMPLATE_SDK_IMPORT = "'../../policy/index.ts'";

export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

/** A kebab-case spelling of what was typed, to suggest when it is not one. */
const kebab = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

function validateId(id: string | undefined, pluginsDir: string): string {
  if (!id) throw new ScaffoldError('Name the plugin: npm run plugin:new <id>, e.g. npm run plugin:new zibo-hitech-2024');
  if (!KEBAB_ID.test(id)) {
    const suggestion = kebab(id);
    throw new ScaffoldError(`"${id}" is not a plugin id: use kebab-case (a-z, 0-9 and single hyphens)${suggestion ? `, e.g. "${suggestion}"` : ''}`);
  }
  if (existsSync(join(pluginsDir, id))) throw new ScaffoldError(`${relative(process.cwd(), join(pluginsDir, id)) || id} already exists: choose another id`);
  // A folder may be named differently from the id it declares; the registry keys by the id.
  for (const entry of existsSync(pluginsDir) ? readdirSync(pluginsDir, { withFileTypes: true }) : []) {
    const file = join(pluginsDir, entry.name, 'plugin.ts');
    if (entry.isDirectory() && existsSync(file) && new RegExp(`\\bid:\\s*['"\`]${id}['"\`]`).test(readFileSync(file, 'utf8'))) {
      throw new ScaffoldError(`plugin id "${id}" is already declared by ${relative(process.cwd(), file)}: choose another id`);
    }
  }
  return id;
}

/** Replaces each `[from, to]` that must occur, so a template edit that breaks the scaffold fails loudly. */
function fill(text: string, file: string, replacements: readonly [string, string][]): string {
  return replacements.reduce((acc, [from, to]) => {
    if (!acc.includes(from)) throw new Error(`template ${file} no longer contains ${from}; update scaffold.ts with it`);
    return acc.split(from).join(to);
  }, text);
}

export interface Scaffolded {
  id: string;
  dir: string;
  files: string[];
}

/** Writes `<pluginsDir>/<id>/` all at once (built aside, then renamed into place) or not at all. */
export function scaffoldPlugin(input: { id: string | undefined; pluginsDir: string }): Scaffolded {
  const pluginsDir = resolve(input.pluginsDir);
  const id = validateId(input.id, pluginsDir);
  const dir = join(pluginsDir, id);
  let sdkImport = relative(dir, SDK_ENTRY).split(sep).join('/');
  if (!sdkImport.startsWith('.')) sdkImport = `./${sdkImport}`;
  const files: Record<string, [string, string][]> = {
    'plugin.ts': [
      [
        '// The scaffold template (npm run plugin:new <id> copies it): one of each kind a policy text turns\n// into, on a made-up clause, so a new plugin starts from code that passes plugin:check and its test.',
        `// ${id}: the policy text <title> (<issuer>, <date>) as a policy plugin. Started from the plugin\n// kit's template: replace its example clauses with the text's own, one dated, cited value at a time.`,
      ],
      [`id: '${TEMPLATE_ID}',`, `id: '${id}',`],
      [TEMPLATE_SDK_IMPORT, `'${sdkImport}'`],
    ],
    'plugin.test.ts': [[TEMPLATE_SDK_IMPORT, `'${sdkImport}'`]],
    'README.md': [
      [`# ${TEMPLATE_ID}\n`, `# ${id}\n`],
      ['plugins/<id>', relative(process.cwd(), dir) || dir],
    ],
  };
  const staging = mkdtempSync(join(pluginsDir, `.${id}-`));
  chmodSync(staging, 0o755); // mkdtemp's 0700 would follow the folder into place
  try {
    for (const [name, replacements] of Object.entries(files)) {
      writeFileSync(join(staging, name), fill(readFileSync(join(TEMPLATE_DIR, name), 'utf8'), name, replacements));
    }
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { id, dir, files: Object.keys(files).map((f) => join(dir, f)) };
}

/** What to do after the scaffold, with the commands spelled out for this id. */
export function nextSteps({ id, dir }: Scaffolded, cwd = process.cwd()): string {
  const where = relative(cwd, dir) || dir;
  const name = id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^(\d)/, '_$1');
  return [
    `Created ${where}/ (plugin.ts, plugin.test.ts, README.md): an example plugin that passes its test and plugin:check.`,
    '',
    'Next steps:',
    `  1. Encode the text: replace the example parameter, rule, target, task and reminders in ${where}/plugin.ts,`,
    `     fill source (title, issuer, date, 文号, seed file), and write README.md's clause table row by row.`,
    `  2. Test and check: npx vitest run ${where}`,
    `                     npm run plugin:check ${where}       (npm run plugin:check -- --watch ${where} reruns both on save)`,
    `  3. Register it in plugins/index.ts: import ${name} from './${id}/plugin.ts'; and add ${name} to the list.`,
    `  4. Enable it for a tenant in tenants/<slug>.ts: plugins: [{ id: '${id}', config: {} }]`,
    '',
    'Writing guide: plugins/README.md',
  ].join('\n');
}
