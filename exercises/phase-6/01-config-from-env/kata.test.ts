import { describe, it, expect } from 'vitest';
import { loadConfig, ConfigError } from './kata.js';

const DB = 'postgres://app:s3cret@db:5432/app';

function expectConfigError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig — valid environments', () => {
  it('applies defaults when only the required variable is set', () => {
    expect(loadConfig({ DATABASE_URL: DB })).toEqual({
      port: 3000,
      nodeEnv: 'development',
      logLevel: 'info',
      databaseUrl: DB,
      redisUrl: 'redis://127.0.0.1:6379',
      requestTimeoutMs: 5000,
      featureNewCheckout: false,
      allowedOrigins: [],
    });
  });

  it('coerces numbers and parses every variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://db/app',
      PORT: '8080',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      REDIS_URL: 'rediss://cache:6380',
      REQUEST_TIMEOUT_MS: '250',
      FEATURE_NEW_CHECKOUT: 'true',
      ALLOWED_ORIGINS: 'https://a.example, https://b.example ,',
    });
    expect(config).toEqual({
      port: 8080,
      nodeEnv: 'production',
      logLevel: 'warn',
      databaseUrl: 'postgresql://db/app',
      redisUrl: 'rediss://cache:6380',
      requestTimeoutMs: 250,
      featureNewCheckout: true,
      allowedOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  it('parses "false", "0" and "off" as false (not Boolean("false") === true)', () => {
    for (const value of ['false', '0', 'off', 'FALSE', 'no']) {
      expect(loadConfig({ DATABASE_URL: DB, FEATURE_NEW_CHECKOUT: value }).featureNewCheckout).toBe(false);
    }
    for (const value of ['true', '1', 'on', 'TRUE', 'yes']) {
      expect(loadConfig({ DATABASE_URL: DB, FEATURE_NEW_CHECKOUT: value }).featureNewCheckout).toBe(true);
    }
  });

  it('treats empty and whitespace-only values as unset, so defaults apply', () => {
    const config = loadConfig({ DATABASE_URL: DB, PORT: '', REQUEST_TIMEOUT_MS: '   ', LOG_LEVEL: '' });
    expect(config.port).toBe(3000);
    expect(config.requestTimeoutMs).toBe(5000);
    expect(config.logLevel).toBe('info');
  });

  it('ignores unrelated variables and returns a frozen object', () => {
    const config = loadConfig({ DATABASE_URL: DB, HOME: '/root', PATH: '/usr/bin' });
    expect(config).not.toHaveProperty('HOME');
    expect(Object.isFrozen(config)).toBe(true);
  });
});

describe('loadConfig — invalid environments', () => {
  it('requires DATABASE_URL', () => {
    const error = expectConfigError({});
    expect(error.issues.map((i) => i.variable)).toEqual(['DATABASE_URL']);
  });

  it.each(['0', '65536', '80.5', '3000abc', 'http'])('rejects PORT=%s', (port) => {
    const error = expectConfigError({ DATABASE_URL: DB, PORT: port });
    expect(error.issues.map((i) => i.variable)).toEqual(['PORT']);
  });

  it('rejects an unknown boolean word instead of guessing', () => {
    const error = expectConfigError({ DATABASE_URL: DB, FEATURE_NEW_CHECKOUT: 'maybe' });
    expect(error.issues.map((i) => i.variable)).toEqual(['FEATURE_NEW_CHECKOUT']);
  });

  it('reports ALL invalid variables at once, sorted by name, in one error', () => {
    const error = expectConfigError({
      PORT: 'abc',
      NODE_ENV: 'staging',
      REQUEST_TIMEOUT_MS: '-5',
      REDIS_URL: 'http://cache',
    });
    expect(error.issues.map((i) => i.variable)).toEqual([
      'DATABASE_URL',
      'NODE_ENV',
      'PORT',
      'REDIS_URL',
      'REQUEST_TIMEOUT_MS',
    ]);
    expect(error.message).toMatch(/^Invalid environment/);
    for (const name of ['DATABASE_URL', 'NODE_ENV', 'PORT', 'REDIS_URL', 'REQUEST_TIMEOUT_MS']) {
      expect(error.message).toContain(name);
    }
    for (const issue of error.issues) expect(issue.message.length).toBeGreaterThan(0);
  });

  it('rejects a non-Postgres DATABASE_URL without leaking its password', () => {
    const error = expectConfigError({ DATABASE_URL: 'mysql://root:hunter2@db/app' });
    expect(error.issues.map((i) => i.variable)).toEqual(['DATABASE_URL']);
    expect(error.message).not.toContain('hunter2');
    expect(JSON.stringify(error.issues)).not.toContain('hunter2');
  });
});
