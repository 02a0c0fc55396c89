import { STATUS_CODES } from 'node:http';

/** Extra members a problem may carry (RFC 9457 §3.2), e.g. the validation errors or the health checks. */
export type ProblemExtensions = Readonly<Record<string, unknown>>;

/**
 * An error the API answers with as `application/problem+json` (RFC 9457). Routes throw it; the error handler
 * renders it with `instance` set to the request's path.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
    readonly extensions: ProblemExtensions = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
  }

  get title(): string {
    return STATUS_CODES[this.status] ?? 'Error';
  }
}

/** Problem types: relative URIs, resolved against the API's own address. */
export const PROBLEM = {
  notFound: 'about:blank',
  validation: '/problems/validation-error',
  invalidCursor: '/problems/invalid-cursor',
  conflict: '/problems/conflict',
  databaseUnavailable: '/problems/database-unavailable',
  unauthorized: '/problems/unauthorized',
  invalidToken: '/problems/invalid-token',
  insufficientScope: '/problems/insufficient-scope',
  authUnavailable: '/problems/auth-unavailable',
  rateLimited: '/problems/rate-limited',
  payloadTooLarge: '/problems/payload-too-large',
  internal: 'about:blank',
} as const;
