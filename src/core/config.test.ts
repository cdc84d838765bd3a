import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const secrets = { COOKIE_SECRET: 'c'.repeat(32), TOKEN_SECRET: 't'.repeat(32) };

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({ ...secrets });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.modules.length).toBeGreaterThan(0);
  });

  it('lists every problem in one error', () => {
    try {
      loadConfig({ ...secrets, PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', MODULES: 'portal,nope' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('LOG_LEVEL');
      expect((err as ConfigError).message).toMatch(/Invalid configuration/);
    }
  });

  it('refuses an unknown module', () => {
    expect(() => loadConfig({ ...secrets, MODULES: 'nope' })).toThrow(/unknown module/);
  });

  it('refuses short secrets', () => {
    expect(() => loadConfig({ COOKIE_SECRET: 'short', TOKEN_SECRET: 't'.repeat(32) })).toThrow(/COOKIE_SECRET/);
  });
});
