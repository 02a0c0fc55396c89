export interface Config {
  port: number;
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  databaseUrl: string;
  redisUrl: string;
  requestTimeoutMs: number;
  featureNewCheckout: boolean;
  allowedOrigins: string[];
}

export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(`Invalid environment: ${issues.map((i) => i.variable).join(', ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Naive: no validation, Boolean('false') === true, Number('') === 0.
  return {
    port: Number(env.PORT ?? 3000),
    nodeEnv: (env.NODE_ENV ?? 'development') as Config['nodeEnv'],
    logLevel: (env.LOG_LEVEL ?? 'info') as Config['logLevel'],
    databaseUrl: env.DATABASE_URL ?? '',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    requestTimeoutMs: Number(env.REQUEST_TIMEOUT_MS ?? 5000),
    featureNewCheckout: Boolean(env.FEATURE_NEW_CHECKOUT),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(','),
  };
}
