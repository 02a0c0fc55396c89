import { describe, expect, it } from 'vitest';
import { endpoint, templateOf } from './endpoints.js';
import { parseSqlmapOutput, parseSqlmapVersion, sqlmapArgs, sqlmapTargets } from './sqlmap.js';
import { parseWapitiReport, parseWapitiVersion, wapitiSeverity } from './wapiti.js';
import { parseZapReport, zapCommand, zapHook } from './zap.js';

const endpoints = [
  endpoint('/documents', {}, { limit: '5', cursor: '' }),
  endpoint('/documents/:id', { id: 612 }),
  endpoint('/documents/by-slug/:slug', { slug: 'streams' }),
  endpoint('/search', {}, { q: 'stream' }),
  endpoint('/health'),
];

describe('endpoints', () => {
  it('maps concrete URLs back to their templates, the most specific first', () => {
    expect(templateOf(endpoints, 'GET', 'http://h/documents/977?x=1')).toBe('GET /documents/:id');
    expect(templateOf(endpoints, 'GET', 'http://h/documents/by-slug/pools')).toBe('GET /documents/by-slug/:slug');
    expect(templateOf(endpoints, 'GET', 'http://h/search?q=x')).toBe('GET /search');
    expect(templateOf(endpoints, 'GET', 'http://h/elsewhere')).toBeUndefined();
  });
});

describe('sqlmap', () => {
  it('targets every query and path parameter, path ones with the * marker', () => {
    expect(sqlmapTargets('http://127.0.0.1:9', endpoints).map((t) => `${t.where} ${t.param} ${t.url}`)).toEqual([
      'query limit http://127.0.0.1:9/documents?limit=5&cursor=',
      'query cursor http://127.0.0.1:9/documents?limit=5&cursor=',
      'path id http://127.0.0.1:9/documents/612*',
      'path slug http://127.0.0.1:9/documents/by-slug/streams*',
      'query q http://127.0.0.1:9/search?q=stream',
    ]);
    const args = sqlmapArgs(sqlmapTargets('http://127.0.0.1:9', endpoints)[4]!, '/tmp/out');
    expect(args).toEqual(expect.arrayContaining(['-p', 'q', '--batch', '--technique=BEU', '--output-dir=/tmp/out', '--flush-session']));
  });

  it('parses the injection points of its output', () => {
    const output = [
      '[08:34:28] [INFO] GET parameter \'q\' is \'Generic UNION query (NULL) - 1 to 10 columns\' injectable',
      "GET parameter 'q' is vulnerable. Do you want to keep testing the others (if any)? [y/N] N",
      'sqlmap identified the following injection point(s) with a total of 62 HTTP(s) requests:',
      '---',
      'Parameter: q (GET)',
      '    Type: boolean-based blind',
      "    Title: AND boolean-based blind - WHERE or HAVING clause",
      "    Payload: q=stream%' AND 1=1 AND '%'='",
      '',
      '    Type: UNION query',
      '    Title: Generic UNION query (NULL) - 3 columns',
      "    Payload: q=stream' UNION ALL SELECT NULL,NULL,NULL-- abcd",
      '---',
      '[08:34:22] [INFO] the back-end DBMS is PostgreSQL',
    ].join('\n');
    expect(parseSqlmapOutput(output)).toEqual([
      {
        parameter: 'q',
        place: 'GET',
        types: [
          { type: 'boolean-based blind', title: 'AND boolean-based blind - WHERE or HAVING clause', payload: "q=stream%' AND 1=1 AND '%'='" },
          { type: 'UNION query', title: 'Generic UNION query (NULL) - 3 columns', payload: "q=stream' UNION ALL SELECT NULL,NULL,NULL-- abcd" },
        ],
      },
    ]);
    expect(parseSqlmapOutput("[WARNING] GET parameter 'q' does not seem to be injectable\n[ERROR] all tested parameters do not appear to be injectable.")).toEqual([]);
    expect(parseSqlmapVersion('1.7.2#stable\n')).toBe('1.7.2');
  });
});

describe('wapiti', () => {
  const report = JSON.stringify({
    vulnerabilities: {
      'SQL Injection': [{ method: 'GET', path: '/search', info: 'SQL Injection via injection in the parameter q', level: 3, parameter: 'q', http_request: "GET /search?q=%27 HTTP/1.1\nHost: x" }],
      'HTTP Secure Headers': [
        { method: 'GET', path: '/', info: 'X-Frame-Options is not set', level: 1, parameter: '' },
        { method: 'GET', path: '/', info: 'X-Content-Type-Options is not set', level: 1, parameter: '' },
        { method: 'GET', path: '/', info: 'X-XSS-Protection is not set', level: 1, parameter: '' },
        { method: 'GET', path: '/', info: 'Strict-Transport-Security is not set', level: 1, parameter: '' },
      ],
      'Cross Site Scripting': [],
    },
    anomalies: { 'Internal Server Error': [{ method: 'GET', path: '/documents/612', info: 'The server responded with a 500', level: 3, parameter: 'q' }] },
    additionals: {},
    infos: { version: 'Wapiti 3.0.4' },
  });

  it('maps categories to ZAP rule ids and levels to severities; anomalies are at most low', () => {
    expect(parseWapitiReport(report, 'http://127.0.0.1:9', endpoints).map((f) => `${f.ruleId} ${f.severity} ${f.endpoint ?? f.url} ${f.param ?? ''}`.trim())).toEqual([
      '40018 high GET /search q',
      '10020 low http://127.0.0.1:9/',
      '10021 low http://127.0.0.1:9/',
      'HTTP Secure Headers: X-XSS-Protection low http://127.0.0.1:9/',
      '10035 informational http://127.0.0.1:9/',
      'Internal Server Error low GET /documents/:id q',
    ]);
  });

  it.each([[0, 'informational'], [1, 'low'], [2, 'medium'], [3, 'high'], [4, 'high']] as const)('level %i is %s', (level, severity) => {
    expect(wapitiSeverity(level)).toBe(severity);
  });

  it('reads its version from the banner', () => {
    expect(parseWapitiVersion('  |_|\nWapiti-3.0.4 (wapiti.sourceforge.io)\nWapiti 3.0.4\n')).toBe('3.0.4');
  });
});

describe('zap', () => {
  // The shape of ZAP's traditional JSON report (`zap-baseline.py -J`), as its documentation and reports show it.
  const report = JSON.stringify({
    '@programName': 'ZAP',
    '@version': '2.16.1',
    '@generated': 'Thu, 3 Dec 2026 08:00:00',
    site: [
      {
        '@name': 'http://127.0.0.1:9',
        '@host': '127.0.0.1',
        '@port': '9',
        '@ssl': 'false',
        alerts: [
          {
            pluginid: '10021',
            alertRef: '10021',
            alert: 'X-Content-Type-Options Header Missing',
            name: 'X-Content-Type-Options Header Missing',
            riskcode: '1',
            confidence: '2',
            riskdesc: 'Low (Medium)',
            instances: [
              { uri: 'http://127.0.0.1:9/documents/612', method: 'GET', param: 'x-content-type-options', attack: '', evidence: '' },
              { uri: 'http://127.0.0.1:9/health', method: 'GET', param: 'x-content-type-options', attack: '', evidence: '' },
            ],
            count: '2',
          },
          { pluginid: '10098', alert: 'Cross-Domain Misconfiguration', riskcode: '2', instances: [{ uri: 'http://127.0.0.1:9/search?q=stream', method: 'GET', evidence: 'Access-Control-Allow-Origin: *' }] },
          { pluginid: '40018', alert: 'SQL Injection', riskcode: '3', instances: [{ uri: 'http://127.0.0.1:9/search?q=stream', method: 'GET', param: 'q' }] },
        ],
      },
    ],
  });

  it('parses alerts: one finding per instance, riskcode to severity', () => {
    const { findings, version } = parseZapReport(report, endpoints);
    expect(version).toBe('2.16.1');
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.endpoint} ${f.param ?? ''}`.trim())).toEqual([
      '10021 low GET /documents/:id x-content-type-options',
      '10021 low GET /health x-content-type-options',
      '10098 medium GET /search',
      '40018 high GET /search q',
    ]);
  });

  it('builds the container command: host network on Linux, host.docker.internal elsewhere, never a pull', () => {
    const linux = zapCommand({ engine: 'docker', baseUrl: 'http://127.0.0.1:9', workDir: '/w', minutes: 1, platform: 'linux' });
    expect(linux.args).toEqual(['run', '--rm', '--network', 'host', '-v', '/w:/zap/wrk/:rw', 'zaproxy/zap-stable', 'zap-baseline.py', '-t', 'http://127.0.0.1:9', '-J', 'report.json', '-m', '1', '--hook=/zap/wrk/roadmap_hook.py', '-I']);
    const mac = zapCommand({ engine: 'docker', baseUrl: 'http://127.0.0.1:9', workDir: '/w', minutes: 1, platform: 'darwin' });
    expect(mac.target).toBe('http://host.docker.internal:9');
    expect(mac.args).not.toContain('pull');
    expect(zapHook(['http://h/a'])).toContain('zap.core.access_url(url=url, followredirects=True)');
  });
});
