// Interleaved rounds (A, B, C, A, B, C …) with medians: the machine is shared and noisy, so a
// figure is only trusted as a ratio of paths measured side by side in the same minute.
import { runLoad, type LoadSummary } from './load-generator.ts';

export interface LoadTarget {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

export interface InterleaveOptions {
  rounds: number;
  durationS: number;
  warmupS: number;
  connections: number;
  log: (line: string) => void;
}

/** A round as the load generator saw it, plus what it cost the servers' process in CPU. */
export interface RoundResult extends LoadSummary {
  /** User + system CPU of this process per request: less noisy than req/s on a shared machine. */
  cpuUsPerRequest: number;
}

export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const round2 = (value: number) => Math.round(value * 100) / 100;

const describe = (s: RoundResult) =>
  `${Math.round(s.requestsPerSec).toString().padStart(6)} req/s  p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms  ` +
  `server cpu ${Math.round(s.cpuUsPerRequest)} µs/req`;

/** Every round of every target, by target name, in the order they ran. */
export async function interleave(targets: readonly LoadTarget[], options: InterleaveOptions): Promise<Map<string, RoundResult[]>> {
  const width = Math.max(...targets.map((t) => t.name.length));
  // The servers share this process and only one is under load, so its CPU is that server's.
  const load = async (target: LoadTarget, durationS: number): Promise<RoundResult> => {
    const before = process.cpuUsage();
    const summary = await runLoad({ url: target.url, headers: target.headers ?? {}, connections: options.connections, durationS });
    const cpu = process.cpuUsage(before);
    return { ...summary, cpuUsPerRequest: (cpu.user + cpu.system) / summary.total };
  };

  // JIT, prepared statements and pool connections warm up before anything is counted.
  for (const target of targets) {
    const warm = await load(target, options.warmupS);
    options.log(`  warm-up ${target.name.padEnd(width)} ${describe(warm)}`);
  }
  const results = new Map<string, RoundResult[]>(targets.map((t) => [t.name, []]));
  for (let round = 1; round <= options.rounds; round++) {
    for (const target of targets) {
      const summary = await load(target, options.durationS);
      results.get(target.name)!.push(summary);
      options.log(`  round ${round}/${options.rounds} ${target.name.padEnd(width)} ${describe(summary)}`);
    }
  }
  return results;
}
