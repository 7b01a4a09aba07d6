// Property tests (fast-check) for the IDX parser: any bytes give a result or a DataFileError naming the file; valid files round-trip.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DataFileError, parseIdxImages, parseIdxLabels } from "./idx";

const NAME = "train-images-idx3-ubyte";

function u32(words: number[]): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, false));
  return out;
}
const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/** Calls `parse`; anything thrown must be our DataFileError, naming the file. */
function parsesOrNamesFile(parse: () => unknown): void {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    expect((e as DataFileError).message).toContain(NAME);
  }
}

const images = fc
  .record({ count: fc.integer({ min: 0, max: 4 }), rows: fc.integer({ min: 1, max: 5 }), cols: fc.integer({ min: 1, max: 5 }) })
  .chain((h) => fc.tuple(fc.constant(h), fc.uint8Array({ minLength: h.count * h.rows * h.cols, maxLength: h.count * h.rows * h.cols })));
const labels = fc.uint8Array({ maxLength: 40 }).map((ls) => ls.map((l) => l % 10));

describe("idx (property)", () => {
  it("random bytes never crash with anything but a DataFileError", () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 8 }).map((b) => concat(u32([2051, 1, 2, 2]), b)));
    fc.assert(
      fc.property(bytes, (b) => {
        parsesOrNamesFile(() => parseIdxImages(b, NAME));
        parsesOrNamesFile(() => parseIdxLabels(b, NAME));
      }),
      { numRuns: 300 },
    );
  });

  it("valid image and label files round-trip", () => {
    fc.assert(
      fc.property(images, labels, ([h, pixels], ls) => {
        const img = parseIdxImages(concat(u32([2051, h.count, h.rows, h.cols]), pixels), NAME);
        expect({ count: img.count, rows: img.rows, cols: img.cols }).toEqual(h);
        expect(Array.from(img.pixels)).toEqual(Array.from(pixels));
        const lab = parseIdxLabels(concat(u32([2049, ls.length]), ls), NAME);
        expect(Array.from(lab.labels)).toEqual(Array.from(ls));
      }),
      { numRuns: 100 },
    );
  });

  it("a valid file with one byte changed or cut short parses or gets a DataFileError", () => {
    const mutated = images.chain(([h, pixels]) => {
      const file = concat(u32([2051, h.count, h.rows, h.cols]), pixels);
      return fc.tuple(fc.constant(file), fc.nat(file.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(file.length));
    });
    fc.assert(
      fc.property(mutated, ([file, at, value, cut]) => {
        const changed = file.slice();
        changed[at] = value;
        parsesOrNamesFile(() => parseIdxImages(changed, NAME));
        parsesOrNamesFile(() => parseIdxImages(file.subarray(0, cut), NAME));
      }),
      { numRuns: 200 },
    );
  });
});
