// Step 2 — gRPC's own framing on top of HTTP/2 DATA frames ("Length-Prefixed-Message"):
//   1 byte  compressed flag (0 = not compressed)
//   4 bytes message length, big-endian unsigned
//   N bytes the protobuf message
// Step 3 — deadlines travel as the `grpc-timeout` request header.

/** A few of gRPC's status codes (the full list has 17, from OK = 0 to UNAUTHENTICATED = 16). */
export const Status = { OK: 0, CANCELLED: 1, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14 } as const;

export function frameMessage(message: Uint8Array, compressed = false): Uint8Array {
  const out = new Uint8Array(5 + message.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, compressed ? 1 : 0);
  view.setUint32(1, message.length); // DataView is big-endian by default
  out.set(message, 5);
  return out;
}

/** Re-assembles messages from arbitrary chunks: a chunk may hold half a header or three messages. */
export class MessageDecoder {
  private buffer = new Uint8Array(0);

  // 4 MiB is the usual default max receive size in gRPC libraries.
  constructor(private readonly maxMessageBytes = 4 * 1024 * 1024) {}

  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const messages: Uint8Array[] = [];
    let offset = 0;
    while (joined.length - offset >= 5) {
      const view = new DataView(joined.buffer, joined.byteOffset + offset, 5);
      if (view.getUint8(0) !== 0) throw new Error('compressed messages are not supported');
      const length = view.getUint32(1);
      if (length > this.maxMessageBytes) throw new Error(`message of ${length} bytes exceeds the limit`);
      if (joined.length - offset - 5 < length) break; // wait for the rest
      messages.push(joined.slice(offset + 5, offset + 5 + length));
      offset += 5 + length;
    }
    this.buffer = joined.slice(offset);
    return messages;
  }

  get pendingBytes(): number {
    return this.buffer.length;
  }
}

const UNITS: Array<[string, number]> = [
  ['n', 1e-6],
  ['u', 1e-3],
  ['m', 1],
  ['S', 1_000],
  ['M', 60_000],
  ['H', 3_600_000],
];

/** Milliseconds → `grpc-timeout` value: at most 8 digits plus a unit (H M S m u n). Rounds up. */
export function encodeGrpcTimeout(ms: number): string {
  if (!(ms >= 0)) throw new RangeError('timeout must be >= 0');
  for (const [unit, msPerUnit] of UNITS.slice(2)) {
    const value = Math.ceil(ms / msPerUnit);
    if (value < 1e8) return `${value}${unit}`;
  }
  throw new RangeError('timeout too large');
}

export function parseGrpcTimeout(header: string): number {
  const m = /^(\d{1,8})([HMSmun])$/.exec(header);
  const unit = m && UNITS.find(([u]) => u === m[2]);
  if (!m || !unit) throw new Error(`invalid grpc-timeout: ${header}`);
  return Number(m[1]) * unit[1];
}
