import type { ZodType } from 'zod';
import { ContractError } from './contract-error.js';

export interface HttpOptions {
  readonly method?: string;
  readonly body?: unknown;
  /** @default 10000 */
  readonly timeoutMs?: number;
  /** Status codes that are part of the contract here. @default any 2xx */
  readonly expect?: readonly number[];
}

function describeIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]!;
  return `${issue.path.length ? issue.path.map(String).join('.') : 'the body'}: ${issue.message}`;
}

/**
 * One HTTP call whose response must meet the contract: the status, JSON, and `schema`. Anything else — a refused
 * connection, a timeout, HTML where JSON belongs, a missing field — is a ContractError that says which call
 * answered what, e.g. "GET /documents?limit=10 answered 200 without the contract's shape: items: expected array".
 */
export async function callJson<T>(base: string, path: string, schema: ZodType<T>, options: HttpOptions = {}): Promise<{ status: number; body: T }> {
  const method = options.method ?? 'GET';
  const what = `${method} ${path}`;
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers: options.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new ContractError(`${what} failed: ${cause === 'TimeoutError' ? `no answer within ${Math.round((options.timeoutMs ?? 10_000) / 1000)} s` : cause}`);
  }
  const text = await res.text();
  const ok = options.expect ? options.expect.includes(res.status) : res.ok;
  if (!ok) throw new ContractError(`${what} answered ${res.status}: ${text.replace(/\s+/g, ' ').slice(0, 120) || '(empty body)'}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ContractError(`${what} answered ${res.status} with a body that is not JSON: ${text.replace(/\s+/g, ' ').slice(0, 80) || '(empty)'}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ContractError(`${what} answered ${res.status} without the contract's shape: ${describeIssue(parsed.error)}`);
  return { status: res.status, body: parsed.data };
}

/** `callJson` for a GET, returning the body. */
export async function getJson<T>(base: string, path: string, schema: ZodType<T>): Promise<T> {
  return (await callJson(base, path, schema)).body;
}
