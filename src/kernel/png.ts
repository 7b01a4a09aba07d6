// A small synchronous PNG encoder (zlib deflate with fixed Huffman codes and LZ77), so an image output keeps its place among a cell's outputs.
// Canvas's convertToBlob is asynchronous: an image made with it would land after the prints that follow it.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

class BitWriter {
  private out: number[] = [];
  private bits = 0;
  private count = 0;
  /** Writes `n` bits of `value`, least significant first (deflate's order for headers and extra bits). */
  write(value: number, n: number): void {
    this.bits |= value << this.count;
    this.count += n;
    while (this.count >= 8) {
      this.out.push(this.bits & 0xff);
      this.bits >>>= 8;
      this.count -= 8;
    }
  }
  /** Huffman codes go most significant bit first. */
  writeCode(code: number, n: number): void {
    let reversed = 0;
    for (let i = 0; i < n; i++) reversed |= ((code >> i) & 1) << (n - 1 - i);
    this.write(reversed, n);
  }
  bytes(): number[] {
    if (this.count > 0) this.out.push(this.bits & 0xff);
    this.bits = 0;
    this.count = 0;
    return this.out;
  }
}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/** The fixed Huffman code of a literal/length symbol (RFC 1951 §3.2.6). */
function writeSymbol(w: BitWriter, sym: number): void {
  if (sym < 144) w.writeCode(0x30 + sym, 8);
  else if (sym < 256) w.writeCode(0x190 + sym - 144, 9);
  else if (sym < 280) w.writeCode(sym - 256, 7);
  else w.writeCode(0xc0 + sym - 280, 8);
}

/** Index of the last table entry ≤ value. */
function bucket(table: number[], value: number): number {
  let i = table.length - 1;
  while (table[i] > value) i--;
  return i;
}

const WINDOW = 32768;
const MAX_MATCH = 258;
const MAX_CHAIN = 64;

/** Raw deflate, one final block with fixed codes; LZ77 over a hash chain of 3-byte prefixes. */
export function deflateFixed(data: Uint8Array): Uint8Array {
  const w = new BitWriter();
  w.write(1, 1); // BFINAL
  w.write(1, 2); // BTYPE = fixed Huffman
  const head = new Int32Array(1 << 16).fill(-1);
  const prev = new Int32Array(data.length);
  const hash = (i: number) => ((data[i] << 8) ^ (data[i + 1] << 4) ^ data[i + 2]) & 0xffff;
  const insert = (i: number) => {
    if (i + 2 >= data.length) return;
    const h = hash(i);
    prev[i] = head[h];
    head[h] = i;
  };
  let i = 0;
  while (i < data.length) {
    let bestLen = 0;
    let bestDist = 0;
    if (i + 2 < data.length) {
      let candidate = head[hash(i)];
      for (let chain = 0; candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
        let len = 0;
        const max = Math.min(MAX_MATCH, data.length - i);
        while (len < max && data[candidate + len] === data[i + len]) len++;
        if (len > bestLen) {
          bestLen = len;
          bestDist = i - candidate;
          if (len === max) break;
        }
        candidate = prev[candidate];
      }
    }
    if (bestLen >= 3) {
      const li = bucket(LENGTH_BASE, bestLen);
      writeSymbol(w, 257 + li);
      w.write(bestLen - LENGTH_BASE[li], LENGTH_EXTRA[li]);
      const di = bucket(DIST_BASE, bestDist);
      w.writeCode(di, 5);
      w.write(bestDist - DIST_BASE[di], DIST_EXTRA[di]);
      for (let k = 0; k < bestLen; k++) insert(i + k);
      i += bestLen;
    } else {
      writeSymbol(w, data[i]);
      insert(i);
      i += 1;
    }
  }
  writeSymbol(w, 256); // end of block
  return Uint8Array.from(w.bytes());
}

/** zlib stream (RFC 1950) around the deflate data. */
export function zlibCompress(data: Uint8Array): Uint8Array {
  const body = deflateFixed(data);
  const out = new Uint8Array(body.length + 6);
  out[0] = 0x78;
  out[1] = 0x01;
  out.set(body, 2);
  new DataView(out.buffer).setUint32(body.length + 2, adler32(data));
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 12);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** Encodes RGBA pixels as an 8-bit PNG: greyscale when every pixel is grey, else RGB (alpha is dropped). */
export function encodePng(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  let grey = true;
  for (let i = 0; i < rgba.length && grey; i += 4) grey = rgba[i] === rgba[i + 1] && rgba[i] === rgba[i + 2];
  const channels = grey ? 1 : 3;
  const stride = width * channels;
  // Filter "Up" on every row: scaled-up images repeat rows, which then compress to almost nothing.
  const raw = new Uint8Array((stride + 1) * height);
  const row = new Uint8Array(stride);
  const above = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      if (grey) row[x] = rgba[p];
      else row.set([rgba[p], rgba[p + 1], rgba[p + 2]], x * 3);
    }
    const at = y * (stride + 1);
    raw[at] = 2;
    for (let k = 0; k < stride; k++) raw[at + 1 + k] = (row[k] - above[k]) & 0xff;
    above.set(row);
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, grey ? 0 : 2, 0, 0, 0], 8);
  const parts = [Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10), chunk("IHDR", header), chunk("IDAT", zlibCompress(raw)), chunk("IEND", new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Base64 of bytes, in chunks (String.fromCharCode takes a bounded number of arguments). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
