import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, REDIS_URL, uniqueName, type TestDatabase } from '@docs-api/adapter-postgres/testing';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './testing/otlp-receiver.js';

// The built binary (npm run build -w @roadmap/docs-api first) exporting to a real OTLP/HTTP receiver in this
// process: the trace and log link a learner sees in grafana/otel-lgtm, checked span by span.
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'docs-api.js');

interface PinoLine {
  readonly msg: string;
  readonly reqId?: string;
  readonly req?: { readonly url?: string };
  readonly trace_id?: string;
  readonly span_id?: string;
}

async function listening(child: ResultPromise): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (stdout.includes('\n')) resolve((JSON.parse(stdout.split('\n')[0]!) as { url: string }).url);
    });
    void child.then((r) => reject(new Error(`exited ${r.exitCode} before listening: ${String(r.stderr)}`)));
  });
}

function serve(database: TestDatabase, otel: Record<string, string>): ResultPromise {
  return execa('node', [BIN, 'serve', '--port', '0'], {
    reject: false,
    stdin: 'ignore',
    env: { DATABASE_URL: database.url, REDIS_URL, CACHE_PREFIX: uniqueName('test:'), CACHE_CHANNEL: uniqueName('test-channel:'), LOG_LEVEL: 'info', ...otel },
    extendEnv: false,
  });
}

/** The chain of span names from `span` up to its trace's root, by parentSpanId. */
function ancestry(span: ReceivedSpan, trace: readonly ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(trace.map((s) => [s.spanId, s]));
  const chain = [span];
  for (let parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined; parent; parent = parent.parentSpanId ? byId.get(parent.parentSpanId) : undefined) {
    chain.push(parent);
  }
  return chain;
}

describe('docs-api serve with OpenTelemetry (the built binary)', () => {
  let database: TestDatabase;
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await receiver?.close();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('exports one trace per request, http → fastify → use case → pg and redis, and every log line of it carries its ids', async () => {
    receiver = await startOtlpReceiver();
    const child = serve(database, {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'docs-api-under-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_BLRP_SCHEDULE_DELAY: '100',
    });
    try {
      const url = await listening(child);
      const created = await fetch(`${url}/documents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://docs.example/tracing', title: 'Tracing a request', body: 'spans and logs of one trace' }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: number };
      expect((await fetch(`${url}/documents/${id}`)).status).toBe(200);
      expect((await fetch(`${url}/documents/${id}`)).status).toBe(200);
      expect((await fetch(`${url}/search?q=spans`)).status).toBe(200);
      // SIGTERM: close-with-grace closes the app, then shuts the SDK down, which flushes both batches.
      child.kill('SIGTERM');
      const result = await child;
      expect(result.exitCode).toBe(0);

      const spans = receiver.spans;
      expect(new Set(spans.map((s) => s.serviceName))).toEqual(new Set(['docs-api-under-test']));
      const servers = spans.filter((s) => s.kind === 2);
      const serverOf = (path: string) => servers.filter((s) => s.attributes['url.path']?.stringValue === path || s.attributes['http.target']?.stringValue === path);
      expect(serverOf(`/documents/${id}`)).toHaveLength(2);
      expect(serverOf('/search')).toHaveLength(1);
      // One trace per request: no two server spans share a trace.
      expect(new Set(servers.map((s) => s.traceId)).size).toBe(servers.length);

      // The first read: a cache miss, so Redis is asked, then Postgres, then the cache is filled.
      const firstRead = serverOf(`/documents/${id}`)[0]!;
      const trace = spans.filter((s) => s.traceId === firstRead.traceId);
      const useCase = trace.find((s) => s.name === 'DocumentService.getById');
      expect(useCase, trace.map((s) => s.name).join(', ')).toBeDefined();
      const chain = ancestry(useCase!, trace);
      expect(chain.at(-1)).toBe(firstRead);
      expect(firstRead.parentSpanId ?? '').toBe('');
      expect(chain.some((s) => s.scope === '@fastify/otel')).toBe(true);
      const below = (scope: string) => trace.filter((s) => s.scope === scope && ancestry(s, trace).includes(useCase!));
      expect(below('@opentelemetry/instrumentation-pg').filter((s) => s.kind === 3).length).toBeGreaterThan(0);
      expect(below('@opentelemetry/instrumentation-ioredis').length).toBeGreaterThan(0);

      const search = serverOf('/search')[0]!;
      const searchTrace = spans.filter((s) => s.traceId === search.traceId);
      const searchUseCase = searchTrace.find((s) => s.name === 'DocumentService.search')!;
      expect(ancestry(searchUseCase, searchTrace).at(-1)).toBe(search);
      expect(searchTrace.some((s) => s.scope === '@opentelemetry/instrumentation-pg' && ancestry(s, searchTrace).includes(searchUseCase))).toBe(true);

      // stderr: every pino line of a request carries that request's trace id and a span id of its trace.
      const lines = String(result.stderr).trim().split('\n').map((l) => JSON.parse(l) as PinoLine);
      for (const server of servers) {
        const path = server.attributes['url.path']?.stringValue;
        const reqId = lines.find((l) => l.msg === 'incoming request' && l.req?.url?.split('?')[0] === path && l.trace_id === server.traceId)?.reqId;
        expect(reqId, `the incoming request line of ${path}`).toBeDefined();
        const ofRequest = lines.filter((l) => l.reqId === reqId);
        expect(ofRequest.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
        const ids = new Set(spans.filter((s) => s.traceId === server.traceId).map((s) => s.spanId));
        for (const line of ofRequest) {
          expect(line.trace_id, line.msg).toBe(server.traceId);
          expect(ids.has(line.span_id ?? ''), `${line.msg}: span ${line.span_id}`).toBe(true);
        }
        // The same records as OTLP logs, linked to the same trace.
        const records = receiver.logs.filter((r) => r.traceId === server.traceId);
        expect(records.map((r) => r.body?.stringValue)).toEqual(ofRequest.map((l) => l.msg));
        for (const record of records) expect(ids.has(record.spanId ?? '')).toBe(true);
      }
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('without an OTLP endpoint starts no exporter: no connection, no trace ids in the logs', async () => {
    receiver = await startOtlpReceiver();
    // Only a logs endpoint: not enough to turn telemetry on, but where an exporter started by mistake would send.
    const child = serve(database, { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${receiver.url}/v1/logs`, OTEL_BLRP_SCHEDULE_DELAY: '100' });
    try {
      const url = await listening(child);
      expect((await fetch(`${url}/documents?limit=1`)).status).toBe(200);
      expect((await fetch(`${url}/search?q=spans`)).status).toBe(200);
      child.kill('SIGTERM');
      const result = await child;
      expect(result.exitCode).toBe(0);
      const lines = String(result.stderr).trim().split('\n').map((l) => JSON.parse(l) as PinoLine);
      expect(lines.filter((l) => l.msg === 'request completed')).toHaveLength(2);
      expect(lines.filter((l) => l.trace_id !== undefined || l.span_id !== undefined)).toEqual([]);
      expect(receiver.connections).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
