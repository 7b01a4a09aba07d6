// Tests for png.ts: the deflate stream inflates back (checked with Node's zlib), and the PNG decodes to the same pixels.
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflateFixed, encodePng, toBase64, zlibCompress } from "./png";

/** Decodes our PNGs (8-bit grey or RGB, filter Up) back to RGB rows, using Node's zlib. */
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
    expect(raw[y * (stride + 1)]).toBe(2);
    const row = Array.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), (v, i) => (v + above[i]) & 0xff);
    rows.push(row);
    above = row;
  }
  return { width, height, channels, rows };
}

describe("png", () => {
  it("deflates to a stream zlib inflates back, long runs and random bytes alike", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    const data = Uint8Array.from({ length: 70_000 }, (_, i) => (i < 30_000 ? 0 : i < 50_000 ? i % 7 : random()));
    const z = zlibCompress(data);
    expect(Buffer.from(inflateSync(z)).equals(Buffer.from(data))).toBe(true);
    expect(deflateFixed(new Uint8Array(0)).length).toBeGreaterThan(0);
    expect(inflateSync(zlibCompress(new Uint8Array(0))).length).toBe(0);
  });

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
  });
});
