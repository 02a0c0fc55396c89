// Step 1: the W3C Trace Context `traceparent` header: version-traceid-parentid-flags.
//   00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
import { randomBytes } from 'node:crypto';

export interface SpanContext {
  traceId: string; // 16 bytes, 32 lowercase hex chars
  spanId: string; // 8 bytes, 16 lowercase hex chars
  sampled: boolean; // trace-flags bit 0
}

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;
const HEX2 = /^[0-9a-f]{2}$/;

export const newTraceId = () => randomBytes(16).toString('hex');
export const newSpanId = () => randomBytes(8).toString('hex');

/** Returns null for anything invalid: the receiver then starts a new trace instead of failing. */
export function parseTraceparent(header: string | undefined): SpanContext | null {
  if (header === undefined) return null;
  const value = header.trim();
  const [version, traceId, spanId, flags, ...rest] = value.split('-');
  if (!version || !HEX2.test(version) || version === 'ff') return null;
  if (version === '00' && (value.length !== 55 || rest.length > 0)) return null;
  // A future version may append fields after the flags; parse the part we understand.
  if (version !== '00' && value.length > 55 && value[55] !== '-') return null;
  if (!traceId || !HEX32.test(traceId) || /^0+$/.test(traceId)) return null;
  if (!spanId || !HEX16.test(spanId) || /^0+$/.test(spanId)) return null;
  if (!flags || !HEX2.test(flags)) return null;
  return { traceId, spanId, sampled: (parseInt(flags, 16) & 0x01) === 1 };
}

export function formatTraceparent(ctx: SpanContext): string {
  return `00-${ctx.traceId}-${ctx.spanId}-${ctx.sampled ? '01' : '00'}`;
}
