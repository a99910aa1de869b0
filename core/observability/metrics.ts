// The process's Prometheus metrics (prom-client): HTTP latency, job durations, deliveries by
// channel and outcome, plugin evaluation time and errors, and queue depth read from Redis when scraped. One registry per process,
// made by the composition root and handed to the app and the workers.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueueStats } from './job-control.ts';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  jobDuration: Histogram<'queue' | 'name' | 'outcome'>;
  deliveries: Counter<'channel' | 'outcome'>;
  pluginDuration: Histogram<'plugin' | 'outcome'>;
  pluginErrors: Counter<'plugin' | 'kind'>;
  /** For isolatedRunner's onPluginEvaluated: one plugin's wall time and its error, if any. */
  observePlugin(pluginId: string, ms: number, error: { kind: string } | null): void;
  /** Where queue depth comes from: set once the queues exist in this process. */
  setQueueSource(source: () => Promise<QueueStats[]>): void;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'chanjiao_' });
  let queueSource: (() => Promise<QueueStats[]>) | null = null;
  new Gauge({
    name: 'chanjiao_queue_jobs',
    help: 'Jobs in each queue by state, read from Redis at scrape time.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      if (!queueSource) return;
      this.reset();
      for (const q of await queueSource().catch(() => [])) {
        for (const [state, n] of Object.entries(q.counts)) this.set({ queue: q.name, state }, n);
      }
    },
  });
  const pluginDuration = new Histogram({
    name: 'chanjiao_plugin_evaluation_duration_seconds',
    help: 'Wall time of one policy plugin over one tenant, by plugin and outcome (ok, error).',
    labelNames: ['plugin', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const pluginErrors = new Counter({
    name: 'chanjiao_plugin_errors_total',
    help: 'Policy plugin errors by plugin and kind (threw, timeout, config, …); the plugin\'s findings of that run were dropped.',
    labelNames: ['plugin', 'kind'],
    registers: [registry],
  });
  return {
    registry,
    pluginDuration,
    pluginErrors,
    observePlugin(pluginId, ms, error) {
      pluginDuration.observe({ plugin: pluginId, outcome: error ? 'error' : 'ok' }, ms / 1000);
      if (error) pluginErrors.inc({ plugin: pluginId, kind: error.kind });
    },
    httpDuration: new Histogram({
      name: 'chanjiao_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'chanjiao_job_duration_seconds',
      help: 'Job processing time by queue, job name and outcome.',
      labelNames: ['queue', 'name', 'outcome'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'chanjiao_reminder_deliveries_total',
      help: 'Reminder deliveries by channel (inbox, email, webhook) and outcome (sent, failed).',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    setQueueSource(source) {
      queueSource = source;
    },
  };
}
