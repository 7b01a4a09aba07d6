// Tests for safetensors.ts: round trips, the reference implementation's own test bytes, and each validation error.
import { describe, expect, it } from "vitest";
import { halfToFloat32, readSafetensors, writeSafetensors, type SafetensorsInput } from "./safetensors";

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Builds a file from a raw header string (no padding) and a data buffer of `dataBytes` zeros. */
function file(header: string, dataBytes: number): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}
const entry = (dtype: string, shape: number[], begin: number, end: number) =>
  JSON.stringify({ dtype, shape, data_offsets: [begin, end] });

describe("writeSafetensors", () => {
  it("matches the bytes the reference implementation writes (bindings/python test_serialization)", () => {
    const out = writeSafetensors([{ name: "test", dtype: "I32", shape: [2, 2], data: new Int32Array(4) }]);
    const expected = latin1(
      "@\x00\x00\x00\x00\x00\x00\x00" +
        '{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}    ' +
        "\x00".repeat(16),
    );
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it("puts __metadata__ first, pads the header to 8 bytes, lays tensors out in order", () => {
    const out = writeSafetensors(
      [
        { name: "b", dtype: "U8", shape: [3], data: new Uint8Array([1, 2, 3]) },
        { name: "0", dtype: "F32", shape: [], data: new Float32Array([1.5]) },
      ],
      { format: "pt" },
    );
    const n = Number(new DataView(out.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = text(out.subarray(8, 8 + n));
    expect(header.trimEnd()).toBe(
      '{"__metadata__":{"format":"pt"},"b":{"dtype":"U8","shape":[3],"data_offsets":[0,3]},' +
        '"0":{"dtype":"F32","shape":[],"data_offsets":[3,7]}}',
    );
    expect(Array.from(out.subarray(8 + n, 8 + n + 3))).toEqual([1, 2, 3]);
  });

  it("rejects inputs it cannot write, saying why", () => {
    const f32 = (name: string, shape: number[], n: number): SafetensorsInput =>
      ({ name, dtype: "F32", shape, data: new Float32Array(n) });
    expect(() => writeSafetensors([f32("w", [2, 3], 5)])).toThrow(
      'tensor "w" has shape [2,3] (6 F32 = 24 bytes) but its data is 20 bytes',
    );
    expect(() => writeSafetensors([f32("w", [1], 1), f32("w", [1], 1)])).toThrow(/appears twice/);
    expect(() => writeSafetensors([f32("__metadata__", [1], 1)])).toThrow(/reserved/);
    expect(() => writeSafetensors([f32("w", [-1], 1)])).toThrow(/non-negative integers/);
    expect(() => writeSafetensors([{ name: "w", dtype: "F32", shape: [1], data: new Int32Array(1) }])).toThrow(
      'tensor "w" is F32 but its data is a Int32Array; pass a Float32Array',
    );
    const f64 = { name: "w", dtype: "F64" as "F32", shape: [1], data: new Float64Array(1) };
    expect(() => writeSafetensors([f64])).toThrow(
      /dtype "F64"; use one of F32, I32, I64, U8, BOOL, F16/,
    );
    expect(() => writeSafetensors([], { epochs: 3 as unknown as string })).toThrow(/must be strings/);
  });
});

describe("readSafetensors", () => {
  it("round-trips every dtype, views with offsets, and metadata", () => {
    const backing = new Float32Array([9, 1, 2, 3, 4, 5, 6]);
    const inputs: SafetensorsInput[] = [
      { name: "fc1.weight", dtype: "F32", shape: [2, 3], data: backing.subarray(1) },
      { name: "flag", dtype: "BOOL", shape: [3], data: new Uint8Array([1, 0, 1]) },
      { name: "steps", dtype: "I64", shape: [2], data: new BigInt64Array([2n ** 40n, -1n]) },
      { name: "idx", dtype: "I32", shape: [1, 1], data: new Int32Array([-7]) },
      { name: "half", dtype: "F16", shape: [2], data: new Uint16Array([0x3c00, 0xc000]) },
      { name: "px", dtype: "U8", shape: [0], data: new Uint8Array(0) },
    ];
    const { metadata, tensors } = readSafetensors(writeSafetensors(inputs, { format: "pt", note: "ünï" }));
    expect(metadata).toEqual({ format: "pt", note: "ünï" });
    expect([...tensors.keys()]).toEqual(inputs.map((t) => t.name));
    for (const t of inputs) {
      const got = tensors.get(t.name)!;
      expect([got.dtype, got.shape]).toEqual([t.dtype, t.shape]);
      expect(got.data.constructor).toBe(t.data.constructor);
      expect(Array.from(got.data as ArrayLike<unknown>)).toEqual(Array.from(t.data as unknown as ArrayLike<unknown>));
    }
    expect(Array.from(halfToFloat32(tensors.get("half")!.data as Uint16Array))).toEqual([1, -2]);
  });

  it("reads the reference test bytes, and an unpadded header with metadata", () => {
    const ref = latin1('@\x00\x00\x00\x00\x00\x00\x00{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}    ');
    const bytes = new Uint8Array(ref.length + 16);
    bytes.set(ref);
    bytes.set(new Uint8Array(new Int32Array([1, 2, 3, 4]).buffer), ref.length);
    expect(Array.from(readSafetensors(bytes).tensors.get("test")!.data as Int32Array)).toEqual([1, 2, 3, 4]);
    const odd = file(`{"__metadata__":{"framework":"pt"},"t":${entry("I32", [2, 2], 0, 16)}}`, 16);
    const read = readSafetensors(odd); // header length not a multiple of 8: still valid
    expect(read.metadata).toEqual({ framework: "pt" });
    expect(read.tensors.get("t")!.data).toBeInstanceOf(Int32Array);
  });

  it("accepts tensors listed out of offset order", () => {
    const f = file(`{"b":${entry("U8", [2], 2, 4)},"a":${entry("U8", [2], 0, 2)}}`, 4);
    expect([...readSafetensors(f).tensors.keys()]).toEqual(["a", "b"]);
  });

  it("reports a file too short, a header size beyond the file, and a huge header size", () => {
    expect(() => readSafetensors(new Uint8Array(5))).toThrow(/5 bytes, too short/);
    const f = file("{}", 0);
    new DataView(f.buffer).setBigUint64(0, 50n, true);
    expect(() => readSafetensors(f)).toThrow("Header size 50 reaches beyond the end of the 10-byte file");
    new DataView(f.buffer).setBigUint64(0, 2n ** 60n, true);
    expect(() => readSafetensors(f)).toThrow(/over 100000000 bytes/);
  });

  it("reports bad JSON, a non-object header and bad UTF-8", () => {
    expect(() => readSafetensors(file('{"a":', 0))).toThrow(/Header is not valid UTF-8 JSON/);
    expect(() => readSafetensors(file("[1,2]", 0))).toThrow(/starts with "\[1,2\]", not "\{"/);
    const bad = file("{}", 0);
    bad[9] = 0xff;
    expect(() => readSafetensors(bad)).toThrow(/not valid UTF-8 JSON/);
    expect(() => readSafetensors(file('{"__metadata__":{"a":1}}', 0))).toThrow(/__metadata__\["a"\] is 1/);
  });

  it("reports unknown dtypes and malformed entries", () => {
    expect(() => readSafetensors(file(`{"w":${entry("BF16", [1], 0, 2)}}`, 2))).toThrow(
      'Tensor "w" has dtype "BF16"; Gradbook reads F32, I32, I64, U8, BOOL, F16',
    );
    expect(() => readSafetensors(file(`{"w":${entry("F32", [1.5], 0, 4)}}`, 4))).toThrow(/has shape \[1\.5\]/);
    expect(() => readSafetensors(file('{"w":{"dtype":"F32","shape":[1]}}', 4))).toThrow(/data_offsets undefined/);
  });

  it("reports offsets that do not match shape × itemsize, or run past the end", () => {
    expect(() => readSafetensors(file(`{"w":${entry("F32", [2, 2], 0, 12)}}`, 12))).toThrow(
      'Tensor "w" has data_offsets [0, 12] (12 bytes), but F32 [2,2] needs 16',
    );
    expect(() => readSafetensors(file(`{"w":${entry("F32", [4], 0, 16)}}`, 10))).toThrow(
      'Tensor "w" ends at byte 16, past the end of the 10-byte data buffer',
    );
  });

  it("reports holes, overlaps and trailing bytes", () => {
    const hole = file(`{"a":${entry("U8", [2], 0, 2)},"b":${entry("U8", [2], 3, 5)}}`, 5);
    expect(() => readSafetensors(hole)).toThrow('Hole in the data buffer: bytes 2..3 belong to no tensor (before "b")');
    const lead = file(`{"a":${entry("U8", [2], 1, 3)}}`, 3);
    expect(() => readSafetensors(lead)).toThrow(/bytes 0\.\.1 belong to no tensor/);
    const overlap = file(`{"a":${entry("U8", [2], 0, 2)},"b":${entry("U8", [2], 1, 3)}}`, 3);
    expect(() => readSafetensors(overlap)).toThrow('Tensor "b" overlaps the tensor before it');
    const tail = file(`{"a":${entry("U8", [2], 0, 2)}}`, 6);
    expect(() => readSafetensors(tail)).toThrow("4 trailing bytes that belong to no tensor");
  });
});

describe("halfToFloat32", () => {
  it("decodes normals, subnormals, zeros, infinities and NaN", () => {
    const got = halfToFloat32(new Uint16Array([0x3555, 0x0001, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0x7bff]));
    expect(got[0]).toBeCloseTo(0.33325, 5);
    expect(got[1]).toBe(2 ** -24);
    expect(Object.is(got[2], -0)).toBe(true);
    expect([got[3], got[4]]).toEqual([Infinity, -Infinity]);
    expect(got[5]).toBeNaN();
    expect(got[6]).toBe(65504);
  });
});

describe("readSafetensors on a Node Buffer", () => {
  it("copies each tensor's own bytes even when the Buffer is a view into a shared pool (regression)", () => {
    const bytes = writeSafetensors([{ name: "w", dtype: "F32", shape: [2], data: new Float32Array([1.5, -2]) }]);
    const pooled = Buffer.from(bytes); // small Buffers share one pooled ArrayBuffer; Buffer.slice is a view
    const w = readSafetensors(pooled).tensors.get("w")!;
    expect(Array.from(w.data as Float32Array)).toEqual([1.5, -2]);
  });
});
