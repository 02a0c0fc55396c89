import { describe, it, expect } from 'vitest';
import {
  decodeAskChunk,
  decodeAskRequest,
  decodeFields,
  decodeVarint,
  encodeAskChunk,
  encodeAskRequest,
  encodeFields,
  encodeVarint,
} from './protobuf.js';

const hex = (bytes: Uint8Array | number[]) => Buffer.from(Uint8Array.from(bytes)).toString('hex');

describe('step 1: protobuf varints and fields', () => {
  it('encodes varints 7 bits at a time, least significant group first', () => {
    expect(encodeVarint(1)).toEqual([0x01]);
    expect(encodeVarint(150)).toEqual([0x96, 0x01]); // the example from the protobuf encoding guide
    expect(encodeVarint(300)).toEqual([0xac, 0x02]);
  });

  it('sends a negative int32 as ten bytes (64-bit two\'s complement)', () => {
    const bytes = encodeVarint(-1);
    expect(bytes).toHaveLength(10);
    expect(BigInt.asIntN(32, decodeVarint(Uint8Array.from(bytes), 0).value)).toBe(-1n);
  });

  it('rejects a truncated varint', () => {
    expect(() => decodeVarint(Uint8Array.from([0x96]), 0)).toThrow(/truncated/);
  });

  it('encodes a string field as key, length, UTF-8 bytes (guide example: field 2 = "testing")', () => {
    expect(hex(encodeFields([[2, 'testing']]))).toBe('120774657374696e67');
  });

  it('encodes an AskRequest the way generated code would', () => {
    const bytes = encodeAskRequest({ question: 'hi', topK: 5, tenantId: 'acme' });
    // 0a 02 "hi" | 10 05 | 1a 04 "acme"
    expect(hex(bytes)).toBe('0a02686910051a0461636d65');
    expect(decodeAskRequest(bytes)).toEqual({ question: 'hi', topK: 5, tenantId: 'acme' });
  });

  it('does not put default values on the wire, and decodes missing fields as defaults', () => {
    expect(encodeAskRequest({ question: '', topK: 0, tenantId: '' })).toHaveLength(0);
    expect(decodeAskRequest(new Uint8Array(0))).toEqual({ question: '', topK: 0, tenantId: '' });
  });

  it('skips unknown fields, so old readers accept messages from newer writers', () => {
    const newer = Uint8Array.from([...encodeAskRequest({ question: 'q', topK: 3, tenantId: '' }), ...encodeFields([[9, 'new field']])]);
    expect(decodeAskRequest(newer)).toEqual({ question: 'q', topK: 3, tenantId: '' });
    expect(decodeFields(newer).has(9)).toBe(true);
  });

  it('round-trips booleans and non-ASCII text in AskChunk', () => {
    expect(decodeAskChunk(encodeAskChunk({ text: 'olá [1]', done: true }))).toEqual({ text: 'olá [1]', done: true });
  });
});
