// Runs a PostgreSQL client tool (pg_dump, pg_restore) and fails with its own words when it fails.
import { spawn } from 'node:child_process';

export function runTool(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', (e) => reject(new Error(`cannot run ${command} (install postgresql-client): ${e.message}`)));
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}:\n${output.trim()}`)),
    );
  });
}
