// The process configuration: parsed once from the environment with zod and passed down.
// A bad environment stops start-up with one message that lists every problem.
import { z } from 'zod';
import { DEV_PII_HMAC_KEY, DEV_PII_KEYS } from '../crypto/dev-keys.ts';
import { keyring, parseKeyList, type PiiKeyring } from '../crypto/pii-crypto.ts';

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL');
// `redis+cluster://h1:p1,h2:p2` (or `rediss+cluster://`) names a Redis Cluster by its seed nodes.
const redisUrl = z.string().regex(/^rediss?(\+cluster)?:\/\/.+/, 'must be a redis://, rediss:// or redis+cluster://host:port,host:port URL');
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_APP_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** false behind a transaction-mode pooler older than PgBouncer 1.21: named prepared statements would outlive the transaction. */
  DATABASE_PREPARE: flag.default(true),
  REDIS_URL: redisUrl.optional(),
  REDIS_PREFIX: z.string().min(1).default('chanjiao'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Wall time one policy plugin may take on one tenant before it is stopped and recorded as an error. */
  PLUGIN_TIME_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  DEMO: flag.optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: flag.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.email().optional(),
  /** Jobs at once per worker process for evaluate, remind and housekeeping. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Deliver jobs at once per worker process (batched into shared transactions). */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  /** Bearer token that /metrics requires; without it /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** start:worker serves /metrics on this port (same token rule). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Keys of personal data at rest, `id:base64,…`, current first; a dev key outside production. */
  PII_KEYS: z.string().optional(),
  PII_HMAC_KEY: z.string().optional(),
});

type RawConfig = z.output<typeof configSchema>;

export type Config = Omit<RawConfig, 'PUBLIC_URL' | 'DEMO' | 'PII_KEYS' | 'PII_HMAC_KEY'> & {
  PUBLIC_URL: string;
  /** Demo users and data: on by default for the embedded database only. */
  DEMO: boolean;
  /** Sessions cookies get `Secure` unless the app is served from localhost. */
  secureCookies: boolean;
  /** Encryption and equality-hash keys of personal identifiers (core/crypto). */
  pii: PiiKeyring;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set", as a shell `VAR=` would suggest.
  const cleaned = Object.fromEntries(
    Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(problems);
  }
  const c = parsed.data;
  const problems: string[] = [];
  if (c.SMTP_HOST && !c.SMTP_FROM) problems.push('SMTP_FROM: required when SMTP_HOST is set');
  const pii = piiKeyring(c, problems);
  if (problems.length > 0 || !pii) throw new ConfigError(problems);

  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  const host = new URL(publicUrl).hostname;
  const local = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  const { PII_KEYS: _keys, PII_HMAC_KEY: _hmac, ...rest } = c;
  return {
    ...rest,
    pii,
    PUBLIC_URL: publicUrl,
    DEMO: c.DEMO ?? c.DATABASE_URL === undefined,
    secureCookies: !local,
  };
}

/** Production must bring its own keys; elsewhere the public development key stands in. */
function piiKeyring(c: RawConfig, problems: string[]): PiiKeyring | undefined {
  const production = c.NODE_ENV === 'production';
  if (production && !c.PII_KEYS) problems.push('PII_KEYS: required when NODE_ENV=production');
  if (production && !c.PII_HMAC_KEY) problems.push('PII_HMAC_KEY: required when NODE_ENV=production');
  let keys: Map<string, Buffer> | undefined;
  try {
    keys = parseKeyList(c.PII_KEYS ?? DEV_PII_KEYS);
  } catch (e) {
    problems.push(`PII_KEYS: ${(e as Error).message}`);
  }
  const hmac = Buffer.from(c.PII_HMAC_KEY ?? DEV_PII_HMAC_KEY, 'base64');
  if (hmac.length < 32) problems.push('PII_HMAC_KEY: must be at least 32 bytes in base64');
  return keys && hmac.length >= 32 && problems.length === 0 ? keyring(keys, hmac) : undefined;
}
