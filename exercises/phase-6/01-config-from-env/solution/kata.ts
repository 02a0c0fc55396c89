import { z } from 'zod';

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
    super(`Invalid environment:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

// Keyed by the real variable names, so every issue path *is* the variable the operator must fix.
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  // stringbool: 'true'/'1'/'yes'/'on' → true, 'false'/'0'/'no'/'off' → false, anything else is an error.
  // (z.coerce.boolean() would be Boolean('false') === true.)
  FEATURE_NEW_CHECKOUT: z.stringbool().default(false),
  ALLOWED_ORIGINS: z
    .string()
    .transform((s) => s.split(',').map((o) => o.trim()).filter((o) => o.length > 0))
    .default([]),
});

export function loadConfig(env: Record<string, string | undefined>): Config {
  // `PORT=` means "unset": without this, coercion turns '' into 0 and the default never applies.
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }

  // safeParse collects every issue; z.object ignores (strips) unrelated variables.
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issues = result.error.issues
      // path + zod's message only: never echo the input, it may be a secret.
      .map((issue) => ({ variable: String(issue.path[0] ?? '(root)'), message: issue.message }))
      .sort((a, b) => a.variable.localeCompare(b.variable));
    throw new ConfigError(issues);
  }

  const e = result.data;
  return Object.freeze({
    port: e.PORT,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    featureNewCheckout: e.FEATURE_NEW_CHECKOUT,
    allowedOrigins: e.ALLOWED_ORIGINS,
  });
}
