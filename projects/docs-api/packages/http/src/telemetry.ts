import { register } from 'node:module';
import type { Instrumentation } from '@opentelemetry/instrumentation';

/**
 * OpenTelemetry for `serve`: traces (http → fastify → use case → pg / ioredis) and the pino logs, both exported
 * over OTLP/HTTP with JSON bodies. Off unless OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
 * is set; then, and only then, the SDK packages are imported (dynamically, so the bundle dist/telemetry.js
 * costs one small module when off).
 */

export type TelemetryEnv = Readonly<Record<string, string | undefined>>;

export interface BatchSettings {
  readonly maxQueueSize?: number;
  readonly scheduledDelayMillis?: number;
  readonly exportTimeoutMillis?: number;
  readonly maxExportBatchSize?: number;
}

export interface TelemetryConfig {
  /** OTEL_SERVICE_NAME. @default 'docs-api' */
  readonly serviceName: string;
  /** Where spans are POSTed: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  readonly tracesUrl: string;
  /**
   * Where log records are POSTed (OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/logs);
   * undefined when neither is set or OTEL_LOGS_EXPORTER is `none`: the pino lines on stderr still carry the
   * trace and span ids.
   */
  readonly logsUrl?: string;
  /** OTEL_BLRP_*: the log record batch, as OTEL_BSP_* is the span batch (which the SDK reads itself). */
  readonly logBatch: BatchSettings;
}

/** The running SDK: `shutdown` flushes what is batched and stops exporting. */
export interface Telemetry {
  readonly config: TelemetryConfig;
  shutdown(): Promise<void>;
}

function signalUrl(env: TelemetryEnv, signal: 'traces' | 'logs'): string | undefined {
  const specific = env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`];
  if (specific) return specific;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  // The spec's rule: the base endpoint gets the signal's path appended, the per-signal one is used as is.
  return base ? `${base.replace(/\/+$/, '')}/v1/${signal}` : undefined;
}

function nonNegative(env: TelemetryEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${value}"`);
  return n;
}

/**
 * Reads the standard OTEL_* variables. Undefined (telemetry off) without a traces endpoint or with
 * OTEL_SDK_DISABLED=true; throws on a malformed batch setting, so a typo fails at start instead of silently.
 */
export function telemetryConfigFromEnv(env: TelemetryEnv): TelemetryConfig | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const tracesUrl = signalUrl(env, 'traces');
  if (tracesUrl === undefined) return undefined;
  const logsOff = (env.OTEL_LOGS_EXPORTER ?? '').split(',').some((e) => e.trim() === 'none');
  const logsUrl = logsOff ? undefined : signalUrl(env, 'logs');
  const batch: Record<string, number | undefined> = {
    maxQueueSize: nonNegative(env, 'OTEL_BLRP_MAX_QUEUE_SIZE'),
    scheduledDelayMillis: nonNegative(env, 'OTEL_BLRP_SCHEDULE_DELAY'),
    exportTimeoutMillis: nonNegative(env, 'OTEL_BLRP_EXPORT_TIMEOUT'),
    maxExportBatchSize: nonNegative(env, 'OTEL_BLRP_MAX_EXPORT_BATCH_SIZE'),
  };
  return {
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'docs-api',
    tracesUrl,
    ...(logsUrl === undefined ? {} : { logsUrl }),
    logBatch: Object.fromEntries(Object.entries(batch).filter(([, v]) => v !== undefined)),
  };
}

/**
 * Starts the OpenTelemetry Node SDK for `config`: the OTLP/HTTP JSON exporters, the sampler of
 * OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (read by the SDK; parentbased_always_on when unset), no metrics
 * (the API's metrics are Prometheus'), and the instrumentations of node:http, fastify (@fastify/otel, which
 * attaches itself to every Fastify instance through fastify's diagnostics channel), pg, ioredis and pino (trace_id
 * and span_id in every log line written inside a span, and each record sent to the logs SDK). The modules they
 * patch must be loaded after this returns; `preloadTelemetry` is the entry that guarantees it.
 */
export async function startTelemetry(config: TelemetryConfig): Promise<Telemetry> {
  const [{ NodeSDK }, { OTLPTraceExporter }, { OTLPLogExporter }, { BatchLogRecordProcessor }, http, fastify, pg, ioredis, pino] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/exporter-logs-otlp-http'),
    import('@opentelemetry/sdk-logs'),
    import('@opentelemetry/instrumentation-http'),
    import('@fastify/otel'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-ioredis'),
    import('@opentelemetry/instrumentation-pino'),
  ]);
  const instrumentations: Instrumentation[] = [
    new http.HttpInstrumentation(),
    // @fastify/otel builds on an older @opentelemetry/instrumentation than the SDK's; the two are compatible at
    // run time (the SDK only calls the Instrumentation interface) but not nominally, hence the cast.
    new fastify.FastifyOtelInstrumentation({ registerOnInitialization: true }) as unknown as Instrumentation,
    new pg.PgInstrumentation(),
    new ioredis.IORedisInstrumentation(),
    new pino.PinoInstrumentation({ disableLogSending: config.logsUrl === undefined }),
  ];
  const sdk = new NodeSDK({
    serviceName: config.serviceName,
    traceExporter: new OTLPTraceExporter({ url: config.tracesUrl }),
    logRecordProcessors: config.logsUrl === undefined ? [] : [new BatchLogRecordProcessor({ ...config.logBatch, exporter: new OTLPLogExporter({ url: config.logsUrl }) })],
    metricReaders: [],
    instrumentations,
  });
  sdk.start();
  let stopped: Promise<void> | undefined;
  return { config, shutdown: () => (stopped ??= sdk.shutdown()) };
}

/**
 * The preload `serve` runs before it imports the app (bin/docs-api.js, from the bundle dist/telemetry.js):
 * undefined and nothing loaded when telemetry is off; else it registers OpenTelemetry's ESM loader hook
 * (import-in-the-middle), which patches the ES modules imported after it (pg, ioredis), starts the SDK, whose
 * require hook patches the CommonJS ones (fastify, pino, node:http), and returns the handle to shut it down with.
 */
export async function preloadTelemetry(env: TelemetryEnv): Promise<Telemetry | undefined> {
  const config = telemetryConfigFromEnv(env);
  if (config === undefined) return undefined;
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  return startTelemetry(config);
}
