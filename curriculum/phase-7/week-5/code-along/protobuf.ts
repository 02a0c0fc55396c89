// Step 1 — the protobuf wire format, by hand. Each field is a key (field number
// and wire type, as a varint) followed by its value. proto3 does not send fields
// that hold their default value ('' / 0 / false).

export const WireType = { VARINT: 0, I64: 1, LEN: 2, I32: 5 } as const;

/** Base-128 varint, least significant group first; the high bit means "more bytes follow". */
export function encodeVarint(value: number | bigint): number[] {
  // Negative int32/int64 values are sent as 64-bit two's complement: always 10 bytes.
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

export function decodeVarint(buf: Uint8Array, offset: number): { value: bigint; offset: number } {
  let value = 0n;
  for (let i = 0; i < 10 && offset + i < buf.length; i++) {
    const byte = buf[offset + i] ?? 0;
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) return { value, offset: offset + i + 1 };
  }
  throw new Error('truncated or over-long varint');
}

export type FieldValue = string | number | boolean;

/** Encodes singular string / int32 / bool fields: strings as LEN, numbers and booleans as VARINT. */
export function encodeFields(fields: ReadonlyArray<readonly [number, FieldValue]>): Uint8Array {
  const out: number[] = [];
  for (const [field, value] of fields) {
    if (value === '' || value === 0 || value === false) continue; // proto3 default: not on the wire
    if (typeof value === 'string') {
      const bytes = new TextEncoder().encode(value);
      out.push(...encodeVarint((field << 3) | WireType.LEN), ...encodeVarint(bytes.length), ...bytes);
    } else {
      out.push(...encodeVarint((field << 3) | WireType.VARINT), ...encodeVarint(value === true ? 1 : value));
    }
  }
  return Uint8Array.from(out);
}

/** Field number → raw value (varint as bigint, LEN as bytes). Unknown fields are kept, not fatal. */
export function decodeFields(buf: Uint8Array): Map<number, bigint | Uint8Array> {
  const fields = new Map<number, bigint | Uint8Array>();
  let offset = 0;
  while (offset < buf.length) {
    const key = decodeVarint(buf, offset);
    offset = key.offset;
    const field = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    if (wireType === WireType.VARINT) {
      const v = decodeVarint(buf, offset);
      offset = v.offset;
      fields.set(field, v.value); // for singular fields, the last value on the wire wins
    } else if (wireType === WireType.LEN) {
      const len = decodeVarint(buf, offset);
      const end = len.offset + Number(len.value);
      if (end > buf.length) throw new Error('truncated length-delimited field');
      fields.set(field, buf.subarray(len.offset, end));
      offset = end;
    } else if (wireType === WireType.I64 || wireType === WireType.I32) {
      offset += wireType === WireType.I64 ? 8 : 4; // skip fixed-width fields we do not know
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}

const text = (v: bigint | Uint8Array | undefined) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : '');
const int32 = (v: bigint | Uint8Array | undefined) => (typeof v === 'bigint' ? Number(BigInt.asIntN(32, v)) : 0);

export interface AskRequest {
  question: string;
  topK: number;
  tenantId: string;
}

export const encodeAskRequest = (m: AskRequest) =>
  encodeFields([
    [1, m.question],
    [2, m.topK],
    [3, m.tenantId],
  ]);

export function decodeAskRequest(buf: Uint8Array): AskRequest {
  const f = decodeFields(buf);
  return { question: text(f.get(1)), topK: int32(f.get(2)), tenantId: text(f.get(3)) };
}

export const encodeAskChunk = (m: { text: string; done: boolean }) =>
  encodeFields([
    [1, m.text],
    [2, m.done],
  ]);

export function decodeAskChunk(buf: Uint8Array): { text: string; done: boolean } {
  const f = decodeFields(buf);
  return { text: text(f.get(1)), done: f.get(2) === 1n };
}
