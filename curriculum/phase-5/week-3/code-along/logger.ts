// Step 4: logs that carry trace_id/span_id, so a dashboard can jump from a span to its logs and back.
import { activeContext } from './tracer.js';

export function createLogger(write: (line: string) => void = (l) => process.stdout.write(l + '\n')) {
  const log = (level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}) => {
    const ctx = activeContext();
    const ids = ctx ? { trace_id: ctx.traceId, span_id: ctx.spanId } : {};
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...ids, ...fields }));
  };
  return {
    info: (msg: string, fields?: Record<string, unknown>) => log('info', msg, fields),
    warn: (msg: string, fields?: Record<string, unknown>) => log('warn', msg, fields),
    error: (msg: string, fields?: Record<string, unknown>) => log('error', msg, fields),
  };
}
