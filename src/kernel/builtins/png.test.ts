// Tests for png.ts: every chunk's CRC is right (Node's zlib crc32) and the PNG decodes, with an independent decoder
// (Node's zlib + the five PNG filters), to the same pixels.
import { crc32, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodePng, toBase64 } from "./png";

/** Undoes one PNG row filter (types 0–4, PNG spec section 9) given the previous unfiltered row. */
function unfilter(type: number, row: Uint8Array, above: number[], bpp: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < row.length; i++) {
    const a = i >= bpp ? out[i - bpp] : 0;
    const b = above[i];
    const c = i >= bpp ? above[i - bpp] : 0;
    const p = a + b - c;
    const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
    const pred = [0, a, b, (a + b) >> 1, paeth][type];
    if (pred === undefined) throw new Error(`unknown PNG filter type ${type}`);
    out.push((row[i] + pred) & 0xff);
  }
  return out;
}

/** Decodes our PNGs (8-bit grey or RGB) back to rows, checking the signature and each chunk's CRC. */
function decode(png: Uint8Array): { width: number; height: number; channels: number; rows: number[][] } {
  const view = new DataView(png.buffer, png.byteOffset);
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (at < png.length) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    // The CRC covers the chunk type and data, not the length (PNG spec 5.3).
    expect(view.getUint32(at + 8 + len), `${type} chunk CRC`).toBe(crc32(png.subarray(at + 4, at + 8 + len)));
    if (type === "IHDR") {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      channels = data[9] === 0 ? 1 : 3;
    }
    if (type === "IDAT") idat.push(data);
    at += len + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows: number[][] = [];
  let above = new Array(stride).fill(0);
  for (let y = 0; y < height; y++) {
    const row = unfilter(raw[y * (stride + 1)], raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), above, channels);
    rows.push(row);
    above = row;
  }
  return { width, height, channels, rows };
}

describe("png", () => {
  it("encodes grey pixels as a 1-channel PNG and colour as RGB, both decoding to the input", () => {
    const w = 5;
    const h = 3;
    const grey = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) grey.set([i * 10, i * 10, i * 10, 255], i * 4);
    const g = decode(encodePng(grey, w, h));
    expect([g.width, g.height, g.channels]).toEqual([5, 3, 1]);
    expect(g.rows.flat()).toEqual(Array.from({ length: w * h }, (_, i) => i * 10));
    const colour = grey.slice();
    colour[0] = 255; // one red-ish pixel
    const c = decode(encodePng(colour, w, h));
    expect(c.channels).toBe(3);
    expect(c.rows[0].slice(0, 6)).toEqual([255, 0, 0, 10, 10, 10]);
  });

  it("compresses a scaled-up digit grid well", () => {
    const w = 466;
    const h = 150;
    const px = new Uint8ClampedArray(w * h * 4).fill(255);
    for (let y = 10; y < 60; y++) for (let x = 10; x < 60; x++) px.fill(0, (y * w + x) * 4, (y * w + x) * 4 + 3);
    const png = encodePng(px, w, h);
    expect(png.length).toBeLessThan(3000);
    expect(toBase64(png)).toMatch(/^iVBORw0KGgo/);
    expect(decode(png).rows[20].slice(0, 12)).toEqual([...Array(10).fill(255), 0, 0]);
  });

  it("refuses pixels that are not width × height RGBA", () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2)).toThrow(/10 bytes is not 2×2 RGBA \(16 bytes\)/);
  });
});
