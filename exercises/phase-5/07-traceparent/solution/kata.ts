export interface TraceParent {
  version: string;
  traceId: string;
  parentId: string;
  flags: number;
  sampled: boolean;
}

export interface IdSource {
  newTraceId: () => string; // 32 lowercase hex chars
  newSpanId: () => string; // 16 lowercase hex chars
  sampleNewTrace: () => boolean;
}

export interface Continued {
  traceId: string;
  spanId: string;
  sampled: boolean;
  isNewTrace: boolean;
  outgoing: string;
}

const VERSION = /^[0-9a-f]{2}$/;
const TRACE_ID = /^[0-9a-f]{32}$/;
const PARENT_ID = /^[0-9a-f]{16}$/;
const FLAGS = /^[0-9a-f]{2}$/;
const SAMPLED = 0x01;

export function parseTraceparent(header: string | undefined): TraceParent | null {
  if (header === undefined) return null;
  const value = header.trim();
  const fields = value.split('-');
  const [version, traceId, parentId, flags] = fields;
  if (version === undefined || traceId === undefined || parentId === undefined || flags === undefined) return null;

  if (!VERSION.test(version) || version === 'ff') return null;
  // Version 00 is exactly four fields. Later versions may append fields after the flags, and we
  // must still read the first four (forward compatibility) rather than drop the whole trace.
  if (version === '00' && fields.length !== 4) return null;

  // Anchored, lowercase-only patterns: 'ABC…' and 31-char ids are rejected, not "mostly parsed".
  if (!TRACE_ID.test(traceId) || /^0+$/.test(traceId)) return null;
  if (!PARENT_ID.test(parentId) || /^0+$/.test(parentId)) return null;
  if (!FLAGS.test(flags)) return null;

  const flagBits = parseInt(flags, 16);
  // A bit test, not `flags === '01'`: other bits may be set by newer versions (e.g. 03).
  return { version, traceId, parentId, flags: flagBits, sampled: (flagBits & SAMPLED) === SAMPLED };
}

export function formatTraceparent(ctx: { traceId: string; parentId: string; sampled: boolean }): string {
  return `00-${ctx.traceId}-${ctx.parentId}-${ctx.sampled ? '01' : '00'}`;
}

export function continueTrace(incoming: string | undefined, ids: IdSource): Continued {
  const parent = parseTraceparent(incoming);
  const spanId = ids.newSpanId(); // our span; it becomes the parent of everything we call
  if (parent) {
    // Continue: same trace, the caller's sampling decision wins.
    const outgoing = formatTraceparent({ traceId: parent.traceId, parentId: spanId, sampled: parent.sampled });
    return { traceId: parent.traceId, spanId, sampled: parent.sampled, isNewTrace: false, outgoing };
  }
  // Missing or invalid: never fail the request over tracing; start a fresh root trace.
  const traceId = ids.newTraceId();
  const sampled = ids.sampleNewTrace();
  return { traceId, spanId, sampled, isNewTrace: true, outgoing: formatTraceparent({ traceId, parentId: spanId, sampled }) };
}
