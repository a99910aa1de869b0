// What plugin:check reports: one problem per line, `<file>:<line>:<col>: <message>`, pointing at
// the integrator's own file so an editor or terminal can jump straight to it.
import { relative } from 'node:path';

export interface Problem {
  /** Absolute path of the plugin's own file the problem is in. */
  file: string;
  /** 1-based, as editors count. */
  line: number;
  column: number;
  message: string;
  /** Warnings are printed but do not fail the check. */
  severity: 'error' | 'warning';
}

export const problem = (file: string, at: { line: number; column: number }, message: string, severity: Problem['severity'] = 'error'): Problem => ({
  file,
  line: at.line,
  column: at.column,
  message,
  severity,
});

/** `plugins/x/plugin.ts:12:5: message` with the path relative to `cwd`; warnings say so. */
export function formatProblem(p: Problem, cwd = process.cwd()): string {
  const file = relative(cwd, p.file) || p.file;
  return `${file}:${p.line}:${p.column}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

/** By file and position, so the output reads top to bottom like the files themselves. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
