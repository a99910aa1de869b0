// Child process of load-generator.ts: runs autocannon against one URL and prints one JSON
// summary line. A process of its own, so the load generator never shares the server's event loop.
import autocannon from 'autocannon';
import type { LoadOptions, LoadSummary } from './load-generator.ts';

const options = JSON.parse(process.argv[2] ?? 'null') as LoadOptions | null;
if (!options) throw new Error('usage: load-child.ts <LoadOptions as JSON>');

const result = await autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.durationS,
  headers: options.headers ?? {},
});

const summary: LoadSummary = {
  requestsPerSec: result.requests.average,
  total: result.requests.total,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
