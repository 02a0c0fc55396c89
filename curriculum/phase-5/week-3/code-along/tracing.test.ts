import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracedFetch, tracedServer } from './http.js';
import { createLogger } from './logger.js';
import { formatTraceparent, parseTraceparent } from './traceparent.js';
import { activeContext, Tracer } from './tracer.js';

/** The SERVER span ends right after res.end(), so the client may see the response first. */
async function waitForSpans(tracer: Tracer, n: number): Promise<void> {
  for (let i = 0; i < 100 && tracer.finished.length < n; i++) await new Promise((r) => setTimeout(r, 5));
}

const EXAMPLE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('step 1: parse and format traceparent', () => {
  it('parses the example header from the W3C spec', () => {
    expect(parseTraceparent(EXAMPLE)).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      sampled: true,
    });
    expect(formatTraceparent(parseTraceparent(EXAMPLE)!)).toBe(EXAMPLE);
  });

  it.each([
    ['missing', undefined],
    ['uppercase hex', EXAMPLE.toUpperCase()],
    ['all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['all-zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['version ff', 'ff' + EXAMPLE.slice(2)],
    ['extra field on version 00', EXAMPLE + '-what'],
    ['short trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
  ])('rejects %s', (_name, header) => {
    expect(parseTraceparent(header)).toBeNull();
  });

  it('accepts a future version with extra fields, reading only what it knows', () => {
    expect(parseTraceparent('01' + EXAMPLE.slice(2) + '-future')?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('reads the sampled flag from bit 0 of trace-flags', () => {
    expect(parseTraceparent(EXAMPLE.slice(0, -2) + '00')?.sampled).toBe(false);
    expect(parseTraceparent(EXAMPLE.slice(0, -2) + '03')?.sampled).toBe(true);
  });
});

describe('step 2: spans, parents and the active context', () => {
  it('nests spans across awaits via AsyncLocalStorage', async () => {
    const tracer = new Tracer();
    await tracer.startActiveSpan('checkout', {}, async () => {
      await new Promise((r) => setTimeout(r, 1));
      await tracer.startActiveSpan('db.query', {}, async (span) => {
        span.setAttribute('db.system.name', 'postgresql');
      });
    });
    const [child, root] = tracer.finished; // children end first
    expect(root!.parentSpanId).toBeUndefined();
    expect(child!.parentSpanId).toBe(root!.context.spanId);
    expect(child!.context.traceId).toBe(root!.context.traceId);
    expect(activeContext()).toBeUndefined(); // nothing leaks outside the callback
  });

  it('marks the span as an error and rethrows', async () => {
    const tracer = new Tracer();
    await expect(
      tracer.startActiveSpan('pay', {}, async () => {
        throw new Error('card declined');
      }),
    ).rejects.toThrow('card declined');
    expect(tracer.finished[0]).toMatchObject({ status: 'ERROR', attributes: { 'exception.message': 'card declined' } });
  });

  it('parent-based sampling: an unsampled parent means unsampled children', async () => {
    const tracer = new Tracer(1);
    const parent = parseTraceparent(EXAMPLE.slice(0, -2) + '00')!;
    await tracer.startActiveSpan('child', { parent }, async () => {});
    expect(tracer.finished).toHaveLength(0);
  });
});

describe('step 3: propagation across two HTTP services', () => {
  const tracer = new Tracer();
  let backend: Server;
  let frontend: Server;
  const base = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

  beforeAll(async () => {
    backend = tracedServer(tracer, '/prices/:sku', async (_req, res) => {
      res.end(JSON.stringify({ price: 42 }));
    });
    frontend = tracedServer(tracer, '/checkout', async (_req, res) => {
      const r = await tracedFetch(tracer, `${base(backend)}/prices/abc`);
      res.end(await r.text());
    });
    await Promise.all([backend, frontend].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
  });
  afterAll(async () => {
    for (const s of [backend, frontend]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  it('links frontend SERVER → CLIENT → backend SERVER into one trace', async () => {
    tracer.finished.length = 0;
    const res = await fetch(`${base(frontend)}/checkout`, { headers: { traceparent: EXAMPLE } });
    expect(await res.json()).toEqual({ price: 42 });
    await waitForSpans(tracer, 3);

    const byName = Object.fromEntries(tracer.finished.map((s) => [`${s.kind} ${s.name}`, s]));
    const front = byName['SERVER GET /checkout']!;
    const client = byName['CLIENT GET /prices/abc']!;
    const back = byName['SERVER GET /prices/:sku']!;
    expect(new Set(tracer.finished.map((s) => s.context.traceId))).toEqual(new Set(['4bf92f3577b34da6a3ce929d0e0e4736']));
    expect(front.parentSpanId).toBe('00f067aa0ba902b7'); // the caller's span, from the header
    expect(client.parentSpanId).toBe(front.context.spanId);
    expect(back.parentSpanId).toBe(client.context.spanId);
    expect(back.attributes).toMatchObject({ 'http.route': '/prices/:sku', 'http.response.status_code': 200 });
  });

  it('starts a new trace when the incoming header is invalid', async () => {
    tracer.finished.length = 0;
    await (await fetch(`${base(backend)}/prices/x`, { headers: { traceparent: 'garbage' } })).text();
    await waitForSpans(tracer, 1);
    expect(tracer.finished[0]!.parentSpanId).toBeUndefined();
    expect(tracer.finished[0]!.context.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('step 4: logs correlated with traces', () => {
  it('adds trace_id and span_id inside a span, nothing outside', async () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    const tracer = new Tracer();
    log.info('boot');
    await tracer.startActiveSpan('GET /orders', { kind: 'SERVER' }, async () => {
      log.warn('slow query', { ms: 180 });
    });
    const [boot, slow] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(boot).not.toHaveProperty('trace_id');
    expect(slow).toMatchObject({
      level: 'warn',
      msg: 'slow query',
      ms: 180,
      trace_id: tracer.finished[0]!.context.traceId,
      span_id: tracer.finished[0]!.context.spanId,
    });
  });
});
