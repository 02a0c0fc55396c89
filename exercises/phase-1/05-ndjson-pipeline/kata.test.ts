import { Readable, Writable } from 'node:stream';
import { describe, it, expect } from 'vitest';
import { importNdjson, parseNdjson } from './kata.js';

/** A byte stream (like fs.createReadStream) that emits exactly these chunks. */
function byteSource(chunks: Array<string | Buffer>): Readable {
  return Readable.from(
    chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)),
    { objectMode: false },
  );
}

class CollectSink extends Writable {
  readonly records: unknown[] = [];
  constructor(private readonly failOnRecord?: number) {
    super({ objectMode: true });
  }
  override _write(record: unknown, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.records.length + 1 === this.failOnRecord) return cb(new Error('sink rejected record'));
    this.records.push(record);
    cb();
  }
}

async function collect(chunks: Array<string | Buffer>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const value of parseNdjson(byteSource(chunks))) out.push(value);
  return out;
}

describe('parseNdjson', () => {
  it('parses one value per line', async () => {
    await expect(collect(['{"id":1}\n{"id":2}\n'])).resolves.toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('joins lines that are split across chunks', async () => {
    await expect(collect(['{"id":', '1}\n{"i', 'd":2}\n'])).resolves.toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('parses a last line that has no trailing newline', async () => {
    await expect(collect(['{"id":1}\n{"id":2}'])).resolves.toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('skips blank lines and accepts \\r\\n line endings', async () => {
    await expect(collect(['{"id":1}\r\n\r\n', '\n{"id":2}\r\n'])).resolves.toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('decodes a UTF-8 character split across two chunks', async () => {
    const bytes = Buffer.from('{"name":"José"}\n'); // 'é' is 2 bytes: 0xC3 0xA9
    const cut = bytes.indexOf(0xa9);
    await expect(collect([bytes.subarray(0, cut), bytes.subarray(cut)])).resolves.toEqual([{ name: 'José' }]);
  });

  it('throws "Invalid JSON on line N" with the physical line number', async () => {
    await expect(collect(['{"id":1}\n{"id":2}\n{"id":\n{"id":4}\n'])).rejects.toThrow('Invalid JSON on line 3');
  });
});

describe('importNdjson', () => {
  it('writes every record to the sink and resolves when the sink has finished', async () => {
    const sink = new CollectSink();
    await importNdjson(byteSource(['{"a":1}\n{"a":', '2}\n{"a":3}']), sink);
    expect(sink.records).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(sink.writableFinished).toBe(true);
  });

  it('streams: records reach the sink while the source is still open', async () => {
    const source = new Readable({ read() {} });
    const sink = new CollectSink();
    const done = importNdjson(source, sink);
    source.push('{"n":1}\n{"n":2}\n');
    await new Promise((r) => setTimeout(r, 20));
    expect(sink.records).toEqual([{ n: 1 }, { n: 2 }]);
    source.push('{"n":3}\n');
    source.push(null);
    await done;
    expect(sink.records).toHaveLength(3);
  });

  it('rejects on invalid JSON and destroys the source (no leaked file handles)', async () => {
    let sourceClosed = false;
    async function* bigFile() {
      try {
        yield Buffer.from('{"ok":true}\nnot json\n');
        for (let i = 0; i < 1000; i++) {
          if (i % 100 === 0) await new Promise((r) => setTimeout(r, 1)); // a file takes a while to read
          yield Buffer.from('{"more":true}\n');
        }
      } finally {
        sourceClosed = true;
      }
    }
    const source = Readable.from(bigFile(), { objectMode: false });
    await expect(importNdjson(source, new CollectSink())).rejects.toThrow('Invalid JSON on line 2');
    expect(source.destroyed).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(sourceClosed).toBe(true); // closed early, not read to the end
  }, 2000);

  it('rejects when the sink fails and destroys the source too', async () => {
    const source = byteSource(Array.from({ length: 50 }, (_, i) => `{"i":${i}}\n`));
    const sink = new CollectSink(3);
    await expect(importNdjson(source, sink)).rejects.toThrow('sink rejected record');
    expect(source.destroyed).toBe(true);
  }, 2000);
});
