// Step 2: a minimal tracer with the same shape as @opentelemetry/api. AsyncLocalStorage carries
// the active span across awaits, timers and callbacks — OpenTelemetry's Node context manager does the same.
import { AsyncLocalStorage } from 'node:async_hooks';
import { newSpanId, newTraceId, type SpanContext } from './traceparent.js';

export type SpanKind = 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
export type Attributes = Record<string, string | number | boolean>;

export interface FinishedSpan {
  name: string;
  kind: SpanKind;
  context: SpanContext;
  parentSpanId: string | undefined;
  attributes: Attributes;
  status: 'UNSET' | 'OK' | 'ERROR';
  durationMs: number;
}

export class Span {
  readonly attributes: Attributes = {};
  status: FinishedSpan['status'] = 'UNSET';
  private readonly start = performance.now();

  constructor(
    readonly name: string,
    readonly kind: SpanKind,
    readonly context: SpanContext,
    readonly parentSpanId: string | undefined,
    private readonly onEnd: (span: FinishedSpan) => void,
  ) {}

  setAttribute(key: string, value: string | number | boolean): this {
    this.attributes[key] = value;
    return this;
  }

  end(): void {
    const { name, kind, context, parentSpanId, attributes, status } = this;
    this.onEnd({ name, kind, context, parentSpanId, attributes, status, durationMs: performance.now() - this.start });
  }
}

const storage = new AsyncLocalStorage<SpanContext>();

/** The span context active in this async flow (what `trace.getActiveSpan()` gives you in OTel). */
export const activeContext = (): SpanContext | undefined => storage.getStore();

export class Tracer {
  readonly finished: FinishedSpan[] = []; // an in-memory exporter, like OTel's InMemorySpanExporter

  constructor(private readonly sampleRatio = 1) {}

  /** Run `fn` with a new span as the active one; the span ends when `fn` settles. */
  async startActiveSpan<T>(
    name: string,
    opts: { kind?: SpanKind; parent?: SpanContext },
    fn: (span: Span) => Promise<T>,
  ): Promise<T> {
    const parent = opts.parent ?? activeContext();
    const traceId = parent?.traceId ?? newTraceId();
    // Parent-based sampling: children follow the root's decision, so traces are never half-recorded.
    // The root decides from the trace id itself, so every service would reach the same answer.
    const sampled = parent ? parent.sampled : parseInt(traceId.slice(-8), 16) / 0xffffffff < this.sampleRatio;
    const ctx: SpanContext = { traceId, spanId: newSpanId(), sampled };
    const span = new Span(name, opts.kind ?? 'INTERNAL', ctx, parent?.spanId, (s) => {
      if (s.context.sampled) this.finished.push(s);
    });
    return storage.run(ctx, async () => {
      try {
        return await fn(span);
      } catch (err) {
        span.status = 'ERROR';
        span.setAttribute('exception.message', err instanceof Error ? err.message : String(err));
        throw err;
      } finally {
        span.end();
      }
    });
  }
}
