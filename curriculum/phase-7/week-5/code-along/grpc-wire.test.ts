import { describe, it, expect } from 'vitest';
import { encodeGrpcTimeout, frameMessage, MessageDecoder, parseGrpcTimeout } from './grpc-wire.js';

describe('step 2: length-prefixed message framing', () => {
  it('prefixes a message with a 0 flag and a big-endian 32-bit length', () => {
    const framed = frameMessage(Uint8Array.from([0xaa, 0xbb, 0xcc]));
    expect(Array.from(framed)).toEqual([0, 0, 0, 0, 3, 0xaa, 0xbb, 0xcc]);
  });

  it('reassembles messages from chunks cut at arbitrary points', () => {
    const a = frameMessage(Uint8Array.from([1, 2, 3]));
    const b = frameMessage(Uint8Array.from([4]));
    const stream = Uint8Array.from([...a, ...b]);
    const decoder = new MessageDecoder();
    const out: number[][] = [];
    for (let i = 0; i < stream.length; i += 2) {
      for (const m of decoder.push(stream.subarray(i, i + 2))) out.push(Array.from(m));
    }
    expect(out).toEqual([[1, 2, 3], [4]]);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('returns several messages from one chunk, and an empty message for length 0', () => {
    const chunk = Uint8Array.from([...frameMessage(new Uint8Array(0)), ...frameMessage(Uint8Array.from([7]))]);
    expect(new MessageDecoder().push(chunk).map((m) => Array.from(m))).toEqual([[], [7]]);
  });

  it('refuses a message larger than the configured limit before buffering it', () => {
    const header = Uint8Array.from([0, 0, 0, 4, 0]); // claims 1024 bytes
    expect(() => new MessageDecoder(100).push(header)).toThrow(/exceeds the limit/);
  });
});

describe('step 3: grpc-timeout header', () => {
  it('encodes milliseconds with at most 8 digits, rounding up', () => {
    expect(encodeGrpcTimeout(250)).toBe('250m');
    expect(encodeGrpcTimeout(0.5)).toBe('1m');
    expect(encodeGrpcTimeout(200_000_000)).toBe('200000S');
  });

  it('parses every unit back to milliseconds', () => {
    expect(parseGrpcTimeout('2S')).toBe(2000);
    expect(parseGrpcTimeout('1M')).toBe(60_000);
    expect(parseGrpcTimeout('1H')).toBe(3_600_000);
    expect(parseGrpcTimeout('500u')).toBeCloseTo(0.5);
  });

  it('rejects malformed values', () => {
    expect(() => parseGrpcTimeout('123456789m')).toThrow(/invalid/);
    expect(() => parseGrpcTimeout('10s')).toThrow(/invalid/);
  });
});
