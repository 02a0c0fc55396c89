import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preloadTelemetry, startTelemetry, telemetryConfigFromEnv, type TelemetryConfig } from './telemetry.js';
import { startOtlpReceiver, type OtlpReceiver } from './testing/otlp-receiver.js';
import { TRACER_NAME, traceUseCases } from './traced-use-cases.js';

describe('telemetryConfigFromEnv', () => {
  it.each<[string, Record<string, string>, TelemetryConfig | undefined]>([
    ['no endpoint: off', {}, undefined],
    ['only a logs endpoint: off (traces are what turns it on)', { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://c:4318/v1/logs' }, undefined],
    ['OTEL_SDK_DISABLED wins over an endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'TRUE' }, undefined],
    [
      'the base endpoint: both signals, the spec paths appended',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/' },
      { serviceName: 'docs-api', tracesUrl: 'http://c:4318/v1/traces', logsUrl: 'http://c:4318/v1/logs', logBatch: {} },
    ],
    [
      'per-signal endpoints are used as they are',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t/x', OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://l/y' },
      { serviceName: 'docs-api', tracesUrl: 'http://t/x', logsUrl: 'http://l/y', logBatch: {} },
    ],
    ['only a traces endpoint: traces, no log export', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t/x' }, { serviceName: 'docs-api', tracesUrl: 'http://t/x', logBatch: {} }],
    [
      'OTEL_LOGS_EXPORTER=none, OTEL_SERVICE_NAME and the log batch',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_LOGS_EXPORTER: 'otlp, none', OTEL_SERVICE_NAME: 'docs-api-eu', OTEL_BLRP_SCHEDULE_DELAY: '100', OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '64', OTEL_BLRP_MAX_QUEUE_SIZE: ' ' },
      { serviceName: 'docs-api-eu', tracesUrl: 'http://c:4318/v1/traces', logBatch: { scheduledDelayMillis: 100, maxExportBatchSize: 64 } },
    ],
  ])('%s', (_name, env, expected) => {
    expect(telemetryConfigFromEnv(env)).toEqual(expected);
  });

  it.each(['-1', 'soon'])('refuses OTEL_BLRP_EXPORT_TIMEOUT=%s instead of ignoring it', (value) => {
    expect(() => telemetryConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_BLRP_EXPORT_TIMEOUT: value })).toThrow(
      `OTEL_BLRP_EXPORT_TIMEOUT must be a non-negative number, got "${value}"`,
    );
  });

  it('preloadTelemetry without an endpoint loads and starts nothing', async () => {
    expect(await preloadTelemetry({ OTEL_SERVICE_NAME: 'docs-api' })).toBeUndefined();
  });
});

/** A use-case object shaped like DocumentService: async and sync methods, a private field, a plain property. */
class Catalogue {
  readonly label = 'catalogue';
  #titles = ['Tracing', 'Logging'];

  async find(prefix: string): Promise<string[]> {
    // A child span, as the pg and ioredis instrumentations open one inside a use case.
    trace.getTracer('adapter').startSpan('adapter.query').end();
    return this.#titles.filter((t) => t.startsWith(prefix));
  }

  count(): number {
    return this.#titles.length;
  }

  async broken(): Promise<never> {
    throw new Error('the repository is down');
  }

  rejectsWithString(): Promise<never> {
    return Promise.reject('not an Error');
  }

  throwsAtOnce(): never {
    throw new Error('bad input');
  }
}

describe('startTelemetry and traceUseCases (in this process, to a real OTLP receiver)', () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('exports a span per use-case call, named Class.method, errors marked, children nested under it', async () => {
    const config = telemetryConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'docs-api-in-process' })!;
    const telemetry = await startTelemetry(config);
    const catalogue = traceUseCases(new Catalogue(), 'Catalogue');
    expect(await catalogue.find('Tr')).toEqual(['Tracing']);
    expect(catalogue.count()).toBe(2);
    expect(catalogue.label).toBe('catalogue');
    await expect(catalogue.broken()).rejects.toThrow('the repository is down');
    await expect(catalogue.rejectsWithString()).rejects.toBe('not an Error');
    expect(() => catalogue.throwsAtOnce()).toThrow('bad input');
    // shutdown flushes the batch; a second call is the same shutdown, not a second one.
    await Promise.all([telemetry.shutdown(), telemetry.shutdown()]);

    const spans = receiver.spans.filter((s) => s.serviceName === 'docs-api-in-process');
    const byName = new Map(spans.map((s) => [s.name, s]));
    expect([...byName.keys()].sort()).toEqual(['Catalogue.broken', 'Catalogue.count', 'Catalogue.find', 'Catalogue.rejectsWithString', 'Catalogue.throwsAtOnce', 'adapter.query']);
    expect(byName.get('Catalogue.find')!.scope).toBe(TRACER_NAME);
    expect(byName.get('adapter.query')!.parentSpanId).toBe(byName.get('Catalogue.find')!.spanId);
    expect(byName.get('adapter.query')!.traceId).toBe(byName.get('Catalogue.find')!.traceId);
    // Status codes: 0 unset, 2 error.
    expect(Object.fromEntries(spans.map((s) => [s.name, [s.status?.code ?? 0, s.status?.message]]))).toEqual({
      'Catalogue.find': [0, undefined],
      'Catalogue.count': [0, undefined],
      'Catalogue.broken': [2, 'the repository is down'],
      'Catalogue.rejectsWithString': [2, undefined],
      'Catalogue.throwsAtOnce': [2, 'bad input'],
      'adapter.query': [0, undefined],
    });
  });
});
