// Reading H.264 configuration records and NAL units bit by bit: shared by the slice-type reader
// (workers/webcodecs/pictureType.ts) and the SPS reader (workers/probe/h264Fields.ts).

/** The bytes of a decoder config's `description` (an avcC record); empty when there is none. */
export function descriptionBytes(description: AllowSharedBufferSource | undefined): Uint8Array {
  if (!description) return new Uint8Array();
  return ArrayBuffer.isView(description)
    ? new Uint8Array(description.buffer, description.byteOffset, description.byteLength)
    : new Uint8Array(description as ArrayBuffer);
}

/**
 * The NAL units of a packet: length-prefixed (AVCC, `lengthSize` 1-4) or,
 * with `lengthSize` 0, Annex B (MPEG-TS).
 */
export function* nalUnits(data: Uint8Array, lengthSize: number): Generator<Uint8Array> {
  if (lengthSize > 0) {
    for (let at = 0; at + lengthSize <= data.length; ) {
      let length = 0;
      for (let i = 0; i < lengthSize; i++) length = length * 256 + (data[at + i] ?? 0);
      at += lengthSize;
      yield data.subarray(at, at + length);
      at += length;
    }
    return;
  }
  // Annex B: units separated by 00 00 01 (or 00 00 00 01).
  let start = -1;
  for (let i = 0; i + 2 < data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      if (start >= 0) yield data.subarray(start, i);
      start = i + 3;
      i += 2;
    }
  }
  if (start >= 0) yield data.subarray(start);
}

/** Drops the emulation-prevention bytes (00 00 03 -> 00 00). */
export function unescapeNal(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const b of bytes) {
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}

/** Bits, most significant first; reads past the end give 0 and set `exhausted`. */
export class BitReader {
  private bit = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get exhausted(): boolean {
    return this.bit > this.bytes.length * 8;
  }

  u(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const byte = this.bytes[this.bit >> 3] ?? 0;
      value = value * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return value;
  }

  /** Exp-Golomb, unsigned. */
  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0 && zeros < 32) zeros++;
    return 2 ** zeros - 1 + this.u(zeros);
  }

  /** Exp-Golomb, signed. */
  se(): number {
    const k = this.ue();
    return k % 2 ? (k + 1) / 2 : -(k / 2);
  }
}
