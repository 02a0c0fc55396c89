/**
 * The passive checks ZAP's baseline makes, on the responses of the scanned surface: security headers, cookie
 * flags, server banners, CORS, cacheability and error disclosure — each under its ZAP scan rule id and with ZAP's
 * risk at its default (medium) threshold, so a report reads the same whichever scanner ran. The rules are a pure
 * function of the exchanges (`passiveFindings`); `collectExchanges` makes the requests.
 */
import { endpointUrl, type Endpoint, endpointLabel } from './endpoints.js';
import type { Finding, Severity } from './types.js';

/** What the CORS probe sends as its Origin. */
export const EVIL_ORIGIN = 'https://evil.example';

export type ExchangePurpose = 'endpoint' | 'cors' | 'not-found' | 'malformed';

/** One request and its response, as the rules see it. */
export interface Exchange {
  readonly purpose: ExchangePurpose;
  readonly method: string;
  readonly url: string;
  /** The endpoint's template label, when the request was to one. */
  readonly endpoint?: string;
  /** The Origin sent (CORS probe). */
  readonly origin?: string;
  readonly status: number;
  /** Header names lower-case; `set-cookie` one entry per cookie. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string;
}

function header(x: Exchange, name: string): string | undefined {
  const v = x.headers[name];
  return Array.isArray(v) ? v.join(', ') : (v as string | undefined);
}

function cookies(x: Exchange): readonly string[] {
  const v = x.headers['set-cookie'];
  return v === undefined ? [] : Array.isArray(v) ? v : [v as string];
}

const isHtml = (x: Exchange): boolean => /text\/html|application\/xhtml/i.test(header(x, 'content-type') ?? '');
const isSuccess = (x: Exchange): boolean => x.status >= 200 && x.status < 300;
const isHttps = (x: Exchange): boolean => x.url.startsWith('https:');

/**
 * Error texts in a body that ZAP's Application Error Disclosure (90022) looks for, narrowed to what a Node, Python,
 * Java or database stack shows: a stack frame, an exception class, a driver's error.
 */
const ERROR_PATTERNS: readonly RegExp[] = [
  /\bat [\w.<>$]+ \((?:file:\/\/)?\/?[^()]+:\d+:\d+\)/, // Node / V8 stack frame
  /\\n\s+at [\w.<>$ ]*\(?[^()]*:\d+:\d+/, // the same inside a JSON string
  /Traceback \(most recent call last\)/,
  /\bat [\w$.]+\([\w$]+\.java:\d+\)/,
  /\b(?:TypeError|ReferenceError|SyntaxError|RangeError): /,
  /\b[\w.]+Exception\b[:\s]/,
  /syntax error at or near/i,
  /unterminated quoted string/i,
  /PG::\w+Error|SQLSTATE\[|ORA-\d{5}|SQLITE_ERROR|You have an error in your SQL syntax/,
];

interface Rule {
  readonly id: string;
  readonly name: string;
  readonly severity: Severity;
  /** Evidence when the exchange trips the rule, else undefined. */
  test(x: Exchange): string | undefined;
}

/** One finding per (rule, endpoint or URL): ZAP too lists one alert with instances, not one per request. */
const RULES: readonly Rule[] = [
  {
    id: '10021',
    name: 'X-Content-Type-Options Header Missing',
    severity: 'low',
    // ZAP skips empty bodies and, at the default threshold, 4xx/5xx responses.
    test: (x) => (x.body.length > 0 && x.status < 400 && !/nosniff/i.test(header(x, 'x-content-type-options') ?? '') ? `x-content-type-options: ${header(x, 'x-content-type-options') ?? '(not set)'}` : undefined),
  },
  {
    id: '10020',
    name: 'Missing Anti-clickjacking Header',
    severity: 'medium',
    // HTML only (a JSON body cannot be framed into a clickjacking page), and CSP frame-ancestors counts.
    test: (x) => (isHtml(x) && isSuccess(x) && header(x, 'x-frame-options') === undefined && !/frame-ancestors/i.test(header(x, 'content-security-policy') ?? '') ? 'x-frame-options: (not set)' : undefined),
  },
  {
    id: '10038',
    name: 'Content Security Policy (CSP) Header Not Set',
    severity: 'medium',
    test: (x) => (isHtml(x) && isSuccess(x) && header(x, 'content-security-policy') === undefined ? 'content-security-policy: (not set)' : undefined),
  },
  {
    id: '10035',
    name: 'Strict-Transport-Security Header Not Set',
    severity: 'low',
    // Only meaningful over https (browsers ignore it on http): ZAP raises nothing on http.
    test: (x) => (isHttps(x) && header(x, 'strict-transport-security') === undefined ? 'strict-transport-security: (not set)' : undefined),
  },
  {
    id: '10036',
    name: 'Server Leaks Version Information via "Server" HTTP Response Header Field',
    severity: 'low',
    test: (x) => {
      const server = header(x, 'server');
      return server !== undefined && /\d/.test(server) ? `server: ${server}` : undefined;
    },
  },
  {
    id: '10037',
    name: 'Server Leaks Information via "X-Powered-By" HTTP Response Header Field(s)',
    severity: 'low',
    test: (x) => (header(x, 'x-powered-by') !== undefined ? `x-powered-by: ${header(x, 'x-powered-by')}` : undefined),
  },
  {
    id: '10010',
    name: 'Cookie No HttpOnly Flag',
    severity: 'low',
    test: (x) => cookies(x).find((c) => !/;\s*httponly\b/i.test(c))?.split(';')[0],
  },
  {
    id: '10011',
    name: 'Cookie Without Secure Flag',
    severity: 'low',
    // ZAP judges it on https responses only.
    test: (x) => (isHttps(x) ? cookies(x).find((c) => !/;\s*secure\b/i.test(c))?.split(';')[0] : undefined),
  },
  {
    id: '10054',
    name: 'Cookie without SameSite Attribute',
    severity: 'low',
    test: (x) => cookies(x).find((c) => !/;\s*samesite=(strict|lax)\b/i.test(c))?.split(';')[0],
  },
  {
    id: '10098',
    name: 'Cross-Domain Misconfiguration',
    severity: 'medium',
    test: (x) => (header(x, 'access-control-allow-origin')?.trim() === '*' ? 'access-control-allow-origin: *' : undefined),
  },
  {
    id: '40040',
    name: 'CORS Misconfiguration',
    // Medium when any origin is echoed; ZAP's rule raises it to high when credentials are allowed too.
    severity: 'medium',
    test: (x) => (x.origin !== undefined && header(x, 'access-control-allow-origin') === x.origin && !/true/i.test(header(x, 'access-control-allow-credentials') ?? '') ? `access-control-allow-origin: ${x.origin}` : undefined),
  },
  {
    id: '40040',
    name: 'CORS Misconfiguration',
    severity: 'high',
    test: (x) => (x.origin !== undefined && header(x, 'access-control-allow-origin') === x.origin && /true/i.test(header(x, 'access-control-allow-credentials') ?? '') ? `access-control-allow-origin: ${x.origin}; access-control-allow-credentials: true` : undefined),
  },
  {
    id: '10049',
    name: 'Storable and Cacheable Content',
    severity: 'informational',
    test: (x) => {
      if (!isSuccess(x) || x.purpose !== 'endpoint') return undefined;
      const cc = header(x, 'cache-control') ?? '';
      return /no-store|private|no-cache|max-age=0\b/i.test(cc) || /no-cache/i.test(header(x, 'pragma') ?? '') ? undefined : `cache-control: ${cc || '(not set)'}`;
    },
  },
  {
    id: '90022',
    name: 'Application Error Disclosure',
    severity: 'medium',
    test: (x) => {
      for (const p of ERROR_PATTERNS) {
        const m = p.exec(x.body);
        if (m) return m[0].slice(0, 120);
      }
      return undefined;
    },
  },
];

/** The findings of the passive rules on `exchanges`, one per (rule, severity, endpoint or URL), evidence from the first. */
export function passiveFindings(exchanges: readonly Exchange[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const x of exchanges) {
    for (const rule of RULES) {
      const evidence = rule.test(x);
      if (evidence === undefined) continue;
      const where = x.endpoint ?? new URL(x.url).pathname;
      const key = `${rule.id} ${rule.severity} ${where}`;
      if (seen.has(key)) continue;
      seen.set(key, {
        tool: 'passive',
        ruleId: rule.id,
        name: rule.name,
        severity: rule.severity,
        url: x.url,
        method: x.method,
        ...(x.endpoint ? { endpoint: x.endpoint } : {}),
        evidence,
      });
    }
  }
  return [...seen.values()];
}

/** A path no API serves, for the 404 page's headers and body. */
export const NOT_FOUND_PATH = '/roadmap-scan-not-found-0';

async function exchange(purpose: ExchangePurpose, url: string, init: { method?: string; origin?: string; endpoint?: string }, signal: AbortSignal, timeoutMs: number): Promise<Exchange> {
  const method = init.method ?? 'GET';
  const response = await fetch(url, {
    method,
    redirect: 'manual',
    headers: init.origin ? { origin: init.origin, 'access-control-request-method': 'GET' } : {},
    signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
  });
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length) headers['set-cookie'] = setCookies;
  const body = (await response.text()).slice(0, 200_000);
  return { purpose, method, url, status: response.status, headers, body, ...(init.origin ? { origin: init.origin } : {}), ...(init.endpoint ? { endpoint: init.endpoint } : {}) };
}

/**
 * Requests what the passive rules judge: every endpoint, a GET and a preflight OPTIONS with a foreign Origin
 * on each, a path that does not exist, and each endpoint with a malformed value in its first parameter (an error
 * page is where stack traces show). A request that fails is left out and named in the notes.
 */
export async function collectExchanges(baseUrl: string, endpoints: readonly Endpoint[], signal: AbortSignal, timeoutMs = 10_000): Promise<{ exchanges: Exchange[]; notes: string[] }> {
  const exchanges: Exchange[] = [];
  const notes: string[] = [];
  const tryOne = async (purpose: ExchangePurpose, url: string, init: { method?: string; origin?: string; endpoint?: string }): Promise<void> => {
    try {
      exchanges.push(await exchange(purpose, url, init, signal, timeoutMs));
    } catch (error) {
      if (signal.aborted) throw error;
      notes.push(`passive: ${init.method ?? 'GET'} ${url} failed: ${(error as Error).message}`);
    }
  };
  const malformed = `'"<x>%00`;
  for (const e of endpoints) {
    const label = endpointLabel(e);
    const url = endpointUrl(baseUrl, e);
    await tryOne('endpoint', url, { endpoint: label });
    await tryOne('cors', url, { origin: EVIL_ORIGIN, endpoint: label });
    await tryOne('cors', url, { method: 'OPTIONS', origin: EVIL_ORIGIN, endpoint: label });
    const [firstQuery] = Object.keys(e.query);
    if (firstQuery !== undefined) {
      await tryOne('malformed', endpointUrl(baseUrl, e, { query: { ...e.query, [firstQuery]: malformed } }), { endpoint: label });
    } else if (e.pathParams.length > 0) {
      const segments = e.template.split('/');
      const index = segments.findIndex((s) => s.startsWith(':'));
      const concrete = e.path.split('/');
      concrete[index] = encodeURIComponent(malformed);
      await tryOne('malformed', endpointUrl(baseUrl, e, { path: concrete.join('/') }), { endpoint: label });
    }
  }
  await tryOne('not-found', new URL(NOT_FOUND_PATH, baseUrl).toString(), {});
  return { exchanges, notes };
}
