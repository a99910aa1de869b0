// The tests' own keys for personal data (never the development key): the app under test gets
// them through the environment, fixtures seal rows with the same keyring.
import { keyring, parseKeyList } from '../../core/crypto/pii-crypto.ts';

export const TEST_PII_ENV = {
  PII_KEYS: `test:${Buffer.alloc(32, 7).toString('base64')}`,
  PII_HMAC_KEY: Buffer.alloc(32, 9).toString('base64'),
};

export const testPii = keyring(parseKeyList(TEST_PII_ENV.PII_KEYS), Buffer.from(TEST_PII_ENV.PII_HMAC_KEY, 'base64'));
