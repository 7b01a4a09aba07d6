// Property tests (fast-check) for the safetensors reader: any bytes give a file or a SafetensorsError; written files round-trip.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSafetensors, SafetensorsError, writeSafetensors, type SafetensorsInput } from "./safetensors";

function readsOrRefuses(bytes: Uint8Array): void {
  try {
    readSafetensors(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(SafetensorsError);
  }
}

/** A file whose 8-byte size prefix matches `header`: the parser gets past the framing to the JSON. */
function framed(header: string, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const shape = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 });
const tensor: fc.Arbitrary<SafetensorsInput> = fc
  .record({ dtype: fc.constantFrom("F32", "I32", "U8", "F16", "BOOL", "I64" as const), shape })
  .chain(({ dtype, shape }) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const data: fc.Arbitrary<ArrayBufferView> =
      dtype === "F32"
        ? fc.float32Array({ minLength: n, maxLength: n, noDefaultInfinity: true, noNaN: true })
        : dtype === "I32"
          ? fc.int32Array({ minLength: n, maxLength: n })
          : dtype === "I64"
            ? fc.bigInt64Array({ minLength: n, maxLength: n })
            : dtype === "F16"
              ? fc.uint16Array({ minLength: n, maxLength: n })
              : fc.uint8Array({ minLength: n, maxLength: n }).map((b) => (dtype === "BOOL" ? b.map((x) => x & 1) : b));
    return data.map((d) => ({ name: "", dtype, shape, data: d }));
  });
const tensors = fc
  .uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s !== "__metadata__"), tensor), {
    maxLength: 4,
    selector: ([name]) => name,
  })
  .map((list) => list.map(([name, t]) => ({ ...t, name })));

describe("safetensors (property)", () => {
  it("written files read back the same tensors, names, shapes, dtypes and metadata", () => {
    fc.assert(
      fc.property(tensors, fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }), (list, meta) => {
        const file = readSafetensors(writeSafetensors(list, meta));
        expect(file.metadata).toEqual(meta);
        expect([...file.tensors.keys()].sort()).toEqual(list.map((t) => t.name).sort());
        for (const t of list) {
          const got = file.tensors.get(t.name)!;
          expect(got.dtype).toBe(t.dtype);
          expect(got.shape).toEqual(t.shape);
          expect(new Uint8Array(got.data.buffer)).toEqual(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("random bytes, and headers of random JSON, never crash with anything but a SafetensorsError", () => {
    const entry = fc.record(
      { dtype: fc.oneof(fc.constantFrom("F32", "U8", "toString", "__proto__", "F64"), fc.jsonValue()), shape: fc.oneof(shape, fc.jsonValue()), data_offsets: fc.oneof(fc.tuple(fc.nat(64), fc.nat(64)), fc.jsonValue()) },
      { requiredKeys: [] },
    );
    const header = fc.oneof(
      fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(entry, fc.jsonValue()), { maxKeys: 3 }).map((h) => JSON.stringify(h)),
      fc.json(),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), header, fc.uint8Array({ maxLength: 64 }), (raw, h, data) => {
        readsOrRefuses(raw);
        readsOrRefuses(framed(h, data));
      }),
      { numRuns: 400 },
    );
  });

  it("a written file with a byte changed or cut short reads or gets a SafetensorsError", () => {
    const mutated = tensors.filter((l) => l.length > 0).chain((list) => {
      const file = writeSafetensors(list);
      return fc.tuple(fc.constant(file), fc.nat(file.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(file.length - 1));
    });
    fc.assert(
      fc.property(mutated, ([file, at, value, cut]) => {
        const changed = file.slice();
        changed[at] = value;
        readsOrRefuses(changed);
        expect(() => readSafetensors(file.subarray(0, cut))).toThrow(SafetensorsError);
      }),
      { numRuns: 200 },
    );
  });

  it("a dtype named like an Object.prototype key is refused by name, not read as a size", () => {
    const file = framed(JSON.stringify({ w: { dtype: "toString", shape: [1], data_offsets: [0, 4] } }), new Uint8Array(4));
    expect(() => readSafetensors(file)).toThrow(/dtype "toString"; Gradbook reads F32/);
  });
});
