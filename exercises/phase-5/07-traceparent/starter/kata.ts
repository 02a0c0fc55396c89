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

export function parseTraceparent(header: string | undefined): TraceParent | null {
  // Naive: trusts the shape.
  if (!header) return null;
  const [version = '', traceId = '', parentId = '', flags = ''] = header.split('-');
  return { version, traceId, parentId, flags: parseInt(flags, 16), sampled: flags === '01' };
}

export function formatTraceparent(ctx: { traceId: string; parentId: string; sampled: boolean }): string {
  throw new Error(`TODO: format ${ctx.traceId}`);
}

export function continueTrace(incoming: string | undefined, ids: IdSource): Continued {
  throw new Error(`TODO: continue ${String(incoming)} ${typeof ids}`);
}
