import { describe, it, expect } from 'vitest';
import { parseTraceparent, formatTraceparent, continueTrace, type IdSource } from './kata.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const VALID = `00-${TRACE}-${PARENT}-01`;

describe('parseTraceparent', () => {
  it('parses a valid version-00 header', () => {
    expect(parseTraceparent(VALID)).toEqual({ version: '00', traceId: TRACE, parentId: PARENT, flags: 1, sampled: true });
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-00`)?.sampled).toBe(false);
  });

  it('trims surrounding whitespace', () => {
    expect(parseTraceparent(`  ${VALID} `)?.traceId).toBe(TRACE);
  });

  it('treats sampled as bit 0 of the flags (03 is sampled, 02 is not)', () => {
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-03`)).toMatchObject({ flags: 3, sampled: true });
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-02`)).toMatchObject({ flags: 2, sampled: false });
  });

  it.each([
    ['missing header', undefined],
    ['empty string', ''],
    ['uppercase hex', `00-${TRACE.toUpperCase()}-${PARENT}-01`],
    ['trace-id too short', `00-${TRACE.slice(1)}-${PARENT}-01`],
    ['parent-id too long', `00-${TRACE}-${PARENT}0-01`],
    ['all-zero trace-id', `00-${'0'.repeat(32)}-${PARENT}-01`],
    ['all-zero parent-id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE}-${PARENT}-01`],
    ['non-hex flags', `00-${TRACE}-${PARENT}-0g`],
    ['version 00 with an extra field', `00-${TRACE}-${PARENT}-01-extra`],
    ['only three fields', `00-${TRACE}-${PARENT}`],
    ['non-hex characters in the trace-id', `00-${TRACE.slice(0, 31)}z-${PARENT}-01`],
  ])('rejects %s', (_name, header) => {
    expect(parseTraceparent(header)).toBeNull();
  });

  it('accepts a future version that appends fields (forward compatibility)', () => {
    expect(parseTraceparent(`01-${TRACE}-${PARENT}-01-what-the-future-holds`)).toEqual({
      version: '01',
      traceId: TRACE,
      parentId: PARENT,
      flags: 1,
      sampled: true,
    });
  });
});

describe('formatTraceparent', () => {
  it('emits version 00 with flags 01 or 00', () => {
    expect(formatTraceparent({ traceId: TRACE, parentId: PARENT, sampled: true })).toBe(VALID);
    expect(formatTraceparent({ traceId: TRACE, parentId: PARENT, sampled: false })).toBe(`00-${TRACE}-${PARENT}-00`);
  });
});

describe('continueTrace', () => {
  const OUR_SPAN = 'b7ad6b7169203331';
  const NEW_TRACE = '0af7651916cd43dd8448eb211c80319c';
  function ids(sampleNew: boolean): IdSource & { sampleCalls: number } {
    const source = {
      sampleCalls: 0,
      newTraceId: () => NEW_TRACE,
      newSpanId: () => OUR_SPAN,
      sampleNewTrace: () => {
        source.sampleCalls++;
        return sampleNew;
      },
    };
    return source;
  }

  it('continues a valid trace: same trace id, our span id as the outgoing parent id', () => {
    const c = continueTrace(VALID, ids(false));
    expect(c).toEqual({
      traceId: TRACE,
      spanId: OUR_SPAN,
      sampled: true,
      isNewTrace: false,
      outgoing: `00-${TRACE}-${OUR_SPAN}-01`,
    });
  });

  it('respects the caller\'s sampling decision and does not consult the sampler', () => {
    const source = ids(true);
    const c = continueTrace(`00-${TRACE}-${PARENT}-00`, source);
    expect(c.sampled).toBe(false);
    expect(c.outgoing).toBe(`00-${TRACE}-${OUR_SPAN}-00`);
    expect(source.sampleCalls).toBe(0);
  });

  it('downgrades a future version to 00 when propagating', () => {
    const c = continueTrace(`cc-${TRACE}-${PARENT}-01-extra`, ids(false));
    expect(c.outgoing).toBe(`00-${TRACE}-${OUR_SPAN}-01`);
  });

  it('starts a new trace when the header is missing, using the sampler', () => {
    const c = continueTrace(undefined, ids(true));
    expect(c).toEqual({
      traceId: NEW_TRACE,
      spanId: OUR_SPAN,
      sampled: true,
      isNewTrace: true,
      outgoing: `00-${NEW_TRACE}-${OUR_SPAN}-01`,
    });
  });

  it('starts a new trace (instead of throwing) when the header is invalid', () => {
    const c = continueTrace(`00-${'0'.repeat(32)}-${PARENT}-01`, ids(false));
    expect(c.isNewTrace).toBe(true);
    expect(c.traceId).toBe(NEW_TRACE);
    expect(c.outgoing).toBe(`00-${NEW_TRACE}-${OUR_SPAN}-00`);
  });
});
