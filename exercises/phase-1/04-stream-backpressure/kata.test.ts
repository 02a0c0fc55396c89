import { Writable } from 'node:stream';
import { describe, it, expect } from 'vitest';
import { writeAll } from './kata.js';

const HIGH_WATER_MARK = 16; // bytes
const line = (i: number) => `line-${String(i).padStart(3, '0')}\n`; // 9 bytes

/** A slow consumer: every chunk takes one event loop turn to "write". Records what it sees. */
class SlowSink extends Writable {
  readonly received: string[] = [];
  maxBuffered = 0;
  constructor(private readonly failAtChunk?: number) {
    super({ highWaterMark: HIGH_WATER_MARK, decodeStrings: false });
  }
  override _write(chunk: string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // writableLength = bytes waiting in the buffer, including this chunk
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    setImmediate(() => {
      if (this.received.length === this.failAtChunk) return callback(new Error('disk full'));
      this.received.push(chunk);
      callback();
    });
  }
}

describe('writeAll', () => {
  it('writes every chunk in order and resolves only after the stream has finished', async () => {
    const sink = new SlowSink();
    const chunks = Array.from({ length: 10 }, (_, i) => line(i));
    await writeAll(sink, chunks);
    expect(sink.received).toEqual(chunks);
    expect(sink.writableFinished).toBe(true);
  });

  it('never lets the buffer grow beyond highWaterMark plus one chunk', async () => {
    const sink = new SlowSink();
    await writeAll(
      sink,
      Array.from({ length: 200 }, (_, i) => line(i)),
    );
    expect(sink.received).toHaveLength(200);
    expect(sink.maxBuffered).toBeLessThanOrEqual(HIGH_WATER_MARK + line(0).length);
  });

  it('pulls a lazy source at the pace of the consumer', async () => {
    const sink = new SlowSink();
    let pulled = 0;
    let maxAhead = 0;
    async function* produce() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - sink.received.length);
        yield line(i);
      }
    }
    await writeAll(sink, produce());
    expect(sink.received).toHaveLength(100);
    expect(maxAhead).toBeLessThanOrEqual(4);
  });

  it('rejects with the stream error instead of hanging when the stream fails', async () => {
    const sink = new SlowSink(5);
    const result = writeAll(
      sink,
      Array.from({ length: 100 }, (_, i) => line(i)),
    );
    await expect(result).rejects.toThrow('disk full');
    expect(sink.received).toHaveLength(5);
  }, 2000);
});
