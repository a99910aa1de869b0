// The development key of `npm start` and `npm test` when PII_KEYS is not set. Public on
// purpose and refused when NODE_ENV=production: never protects real data (docs/security.md).
export const DEV_PII_KEYS = 'dev:ZGV2LW9ubHktY2hhbmppYW8tcGlpLWtleS0zMmJ5dGU=';
export const DEV_PII_HMAC_KEY = 'ZGV2LW9ubHktY2hhbmppYW8taG1hYy1rZXktMzJieXRlcw==';
