// One pino logger per process; request handlers log through a child carrying the request id.
// Secrets are removed and personal identifiers masked on every line (issue 8 point 6): known
// fields by path, and any ID or mobile number inside any string by pattern.
import { pino, type Logger } from 'pino';
import { maskInText } from '../privacy/masking.ts';

export type { Logger };

const SECRET_PATHS = ['password', '*.password', 'req.headers.cookie', 'headers.cookie', 'req.headers.authorization', 'headers.authorization'];
const PII_KEYS = ['idNumber', 'id_number', 'phone', 'contactPhone', 'contact_phone'];
const PII_PATHS = PII_KEYS.flatMap((key) => [key, `*.${key}`]);

/** Masks personal identifiers in every string of a log object, however deep (bounded). */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskInText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const masked = new Error(maskInText(value.message));
    masked.name = value.name;
    masked.stack = value.stack ? maskInText(value.stack) : undefined;
    return masked;
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'chanjiao' },
    redact: { paths: [...SECRET_PATHS, ...PII_PATHS.map((p) => p)], censor: '[masked]' },
    formatters: { log: (object) => maskDeep(object) as Record<string, unknown> },
    hooks: {
      // The message text itself, e.g. log.info(`imported ${idNumber}`).
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskInText(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
