// Entry points call this: a bad environment prints every problem once and exits with 2.
import { ConfigError, loadConfig, type Config } from './config.ts';

export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
