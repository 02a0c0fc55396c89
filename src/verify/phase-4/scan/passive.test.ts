import { describe, expect, it } from 'vitest';
import { EVIL_ORIGIN, passiveFindings, type Exchange } from './passive.js';

const base = (over: Partial<Exchange> = {}): Exchange => ({
  purpose: 'endpoint',
  method: 'GET',
  url: 'http://127.0.0.1:1/documents/7',
  endpoint: 'GET /documents/:id',
  status: 200,
  headers: { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
  body: '{"id":7}',
  ...over,
});
const rules = (x: Exchange): string[] => passiveFindings([x]).map((f) => `${f.ruleId}:${f.severity}`).sort();

describe('passiveFindings (ZAP baseline rules)', () => {
  it('raises nothing on a hardened JSON response', () => {
    expect(rules(base())).toEqual([]);
  });

  it.each<[string, Partial<Exchange>, string[]]>([
    ['no X-Content-Type-Options', { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } }, ['10021:low']],
    ['no X-Content-Type-Options on a 404 (ZAP skips errors)', { status: 404, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } }, []],
    ['versioned Server', { headers: { ...base().headers, server: 'nginx/1.18.0' } }, ['10036:low']],
    ['Server without a version', { headers: { ...base().headers, server: 'nginx' } }, []],
    ['X-Powered-By', { headers: { ...base().headers, 'x-powered-by': 'Express' } }, ['10037:low']],
    ['CORS *', { headers: { ...base().headers, 'access-control-allow-origin': '*' } }, ['10098:medium']],
    ['origin echoed', { origin: EVIL_ORIGIN, headers: { ...base().headers, 'access-control-allow-origin': EVIL_ORIGIN } }, ['40040:medium']],
    ['origin echoed with credentials', { origin: EVIL_ORIGIN, headers: { ...base().headers, 'access-control-allow-origin': EVIL_ORIGIN, 'access-control-allow-credentials': 'true' } }, ['40040:high']],
    ['cacheable', { headers: { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' } }, ['10049:informational']],
    ['HTML without framing or CSP headers', { headers: { ...base().headers, 'content-type': 'text/html' } }, ['10020:medium', '10038:medium']],
    ['HTML with CSP frame-ancestors', { headers: { ...base().headers, 'content-type': 'text/html', 'content-security-policy': "frame-ancestors 'none'" } }, []],
    ['JSON without framing or CSP headers (HTML only in ZAP)', {}, []],
    ['https without HSTS', { url: 'https://api.example/documents/7' }, ['10035:low']],
    ['a stack trace in the body', { status: 500, body: '{"stack":"TypeError: bad id\\n    at handle (/srv/app.js:10:5)"}' }, ['90022:medium']],
    ['a database error in the body', { status: 500, body: 'error: syntax error at or near "x"' }, ['90022:medium']],
    ['a generic 500', { status: 500, body: '{"error":"internal error"}' }, []],
    ['cookie without flags on http', { headers: { ...base().headers, 'set-cookie': ['sid=1; Path=/'] } }, ['10010:low', '10054:low']],
    ['cookie without flags on https', { url: 'https://api.example/x', headers: { ...base().headers, 'strict-transport-security': 'max-age=1', 'set-cookie': ['sid=1; Path=/'] } }, ['10010:low', '10011:low', '10054:low']],
    ['cookie with all flags', { url: 'https://api.example/x', headers: { ...base().headers, 'strict-transport-security': 'max-age=1', 'set-cookie': ['sid=1; Path=/; HttpOnly; Secure; SameSite=Lax'] } }, []],
  ])('%s', (_, over, expected) => {
    expect(rules(base(over))).toEqual(expected);
  });

  it('reports a rule once per endpoint, with the first evidence', () => {
    const x = base({ headers: { ...base().headers, 'x-powered-by': 'Express' } });
    const found = passiveFindings([x, { ...x, url: 'http://127.0.0.1:1/documents/8' }, { ...x, endpoint: 'GET /health', url: 'http://127.0.0.1:1/health' }]);
    expect(found.map((f) => `${f.ruleId} ${f.endpoint} ${f.evidence}`)).toEqual(['10037 GET /documents/:id x-powered-by: Express', '10037 GET /health x-powered-by: Express']);
  });
});
