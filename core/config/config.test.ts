import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment (embedded database, demo on)', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.PORT).toBe(3000);
    expect(c.DEMO).toBe(true);
    expect(c.PUBLIC_URL).toBe('http://localhost:3000');
    expect(c.secureCookies).toBe(false);
  });

  it('turns demo data off by default on a real database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).DEMO).toBe(false);
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', REDIS_URL: 'localhost' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
    expect((error as ConfigError).message).toMatch(/PORT.*\n.*\n.*\n.*REDIS_URL|REDIS_URL/s);
  });

  it('requires a sender address when SMTP is configured', () => {
    expect(() => loadConfig({ SMTP_HOST: 'smtp.example.org' })).toThrow(/SMTP_FROM/);
  });

  it('marks cookies Secure when served from a public https URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://cj.example.gov.cn' }).secureCookies).toBe(true);
  });
});
