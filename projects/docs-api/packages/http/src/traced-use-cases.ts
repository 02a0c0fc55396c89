import { SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';

/** The instrumentation scope of the use-case spans. */
export const TRACER_NAME = '@docs-api/http';

/**
 * Wraps every method of a use-case object (DocumentService) in a span named `<name>.<method>`, e.g.
 * `DocumentService.search`, active while the method runs, so the pg and ioredis spans of the adapters nest under
 * it; a throw (or a rejection) is recorded on the span and marks it as an error. The decorator lives in the http
 * package so the application stays free of any telemetry import; without an SDK the API's tracer is a no-op.
 * Methods run with the original object as `this`, so its private fields keep working.
 */
export function traceUseCases<T extends object>(target: T, name: string, tracer: Tracer = trace.getTracer(TRACER_NAME)): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'constructor') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) =>
        tracer.startActiveSpan(`${name}.${property}`, (span) => {
          const fail = (error: unknown): never => {
            span.recordException(error instanceof Error ? error : String(error));
            span.setStatus({ code: SpanStatusCode.ERROR, ...(error instanceof Error ? { message: error.message } : {}) });
            span.end();
            throw error;
          };
          let result: unknown;
          try {
            result = method.apply(object, args);
          } catch (error) {
            return fail(error);
          }
          if (!(result instanceof Promise)) {
            span.end();
            return result;
          }
          return result.then((resolved: unknown) => {
            span.end();
            return resolved;
          }, fail);
        });
    },
  });
}
