// Tests for idx.ts: the real MNIST files, and each way a file can be wrong.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DataFileError, parseIdxImages, parseIdxLabels } from "./idx";
import { MNIST_DIR, itWithMnist } from "./test-mnist-source";

const gunzipped = (name: string) => new Uint8Array(gunzipSync(readFileSync(resolve(MNIST_DIR, name))));

/** Builds an IDX file from big-endian header words and a payload. */
function idx(words: number[], payload: Uint8Array | number[]): Uint8Array {
  const out = new Uint8Array(words.length * 4 + payload.length);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, false));
  out.set(payload, words.length * 4);
  return out;
}

function thrown(fn: () => unknown): DataFileError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return e as DataFileError;
  }
  throw new Error("expected a DataFileError, nothing was thrown");
}

describe("parseIdxImages / parseIdxLabels on the real MNIST files", () => {
  itWithMnist("reads the test split: 10000 28x28 images with labels 0..9", () => {
    const images = parseIdxImages(gunzipped("t10k-images-idx3-ubyte.gz"), "t10k-images-idx3-ubyte");
    expect([images.count, images.rows, images.cols]).toEqual([10000, 28, 28]);
    expect(images.pixels.length).toBe(10000 * 784);
    const labels = parseIdxLabels(gunzipped("t10k-labels-idx1-ubyte.gz"), "t10k-labels-idx1-ubyte");
    expect(labels.count).toBe(10000);
    // The first test digits are well known: 7 2 1 0 4 1 4 9 5 9.
    expect(Array.from(labels.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    const counts = new Array(10).fill(0);
    labels.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  itWithMnist("reads the train split: 60000 images, first labels 5 0 4 1 9", () => {
    const images = parseIdxImages(gunzipped("train-images-idx3-ubyte.gz"), "train-images-idx3-ubyte");
    expect([images.count, images.rows, images.cols]).toEqual([60000, 28, 28]);
    const labels = parseIdxLabels(gunzipped("train-labels-idx1-ubyte.gz"), "train-labels-idx1-ubyte");
    expect(labels.count).toBe(60000);
    expect(Array.from(labels.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
  });
});

describe("parseIdxImages errors", () => {
  it("names the file and both byte counts when truncated", () => {
    const e = thrown(() => parseIdxImages(idx([2051, 2, 28, 28], new Uint8Array(1000)), "x-images"));
    expect(e.fileName).toBe("x-images");
    expect(e.message).toMatch(/x-images is truncated: expected 1568 bytes .*2×28×28.*got 1000; re-download it/);
  });

  itWithMnist("rejects a truncated real file", () => {
    const real = gunzipped("t10k-images-idx3-ubyte.gz");
    const e = thrown(() => parseIdxImages(real.subarray(0, real.length - 1), "t10k-images-idx3-ubyte"));
    expect(e.message).toMatch(/expected 7840000 bytes .* got 7839999/);
  });

  it("rejects extra bytes after the data", () => {
    const e = thrown(() => parseIdxImages(idx([2051, 1, 2, 2], new Uint8Array(5)), "x-images"));
    expect(e.message).toMatch(/1 bytes more than the 4 its header promises/);
  });

  it("explains a wrong magic number", () => {
    const e = thrown(() => parseIdxImages(idx([1234, 1, 2, 2], new Uint8Array(4)), "x-images"));
    expect(e.message).toMatch(/magic number 1234, expected 2051 .*different IDX file, not gunzipped/);
  });

  it("spots a label file passed as images", () => {
    const e = thrown(() => parseIdxImages(idx([2049, 1, 0, 0], []), "x-labels"));
    expect(e.message).toMatch(/it is a label file \(magic 2049\).*swapped/);
  });

  itWithMnist("spots a file that is still gzipped", () => {
    const gz = new Uint8Array(readFileSync(resolve(MNIST_DIR, "t10k-images-idx3-ubyte.gz")));
    expect(thrown(() => parseIdxImages(gz, "t10k-images-idx3-ubyte.gz")).message).toMatch(/still gzip-compressed/);
  });

  it("rejects a header that is too short", () => {
    const e = thrown(() => parseIdxImages(new Uint8Array([0, 0, 8, 3, 0, 0]), "x-images"));
    expect(e.message).toMatch(/x-images is 6 bytes, too short for the 16-byte IDX header/);
    expect(thrown(() => parseIdxImages(new Uint8Array(0), "empty")).message).toMatch(/0 bytes/);
  });

  it("rejects zero-sized images", () => {
    expect(thrown(() => parseIdxImages(idx([2051, 1, 0, 28], []), "x")).message).toMatch(/0x28 images/);
  });
});

describe("parseIdxLabels errors", () => {
  it("parses a tiny valid file", () => {
    expect(Array.from(parseIdxLabels(idx([2049, 3], [0, 9, 5]), "l").labels)).toEqual([0, 9, 5]);
  });

  it("rejects a label out of range with its index", () => {
    const e = thrown(() => parseIdxLabels(idx([2049, 3], [0, 10, 5]), "x-labels"));
    expect(e.message).toMatch(/x-labels has label 10 at index 1, outside the digit range 0\.\.9/);
  });

  it("rejects a truncated label file and an image file passed as labels", () => {
    expect(thrown(() => parseIdxLabels(idx([2049, 3], [1]), "l")).message).toMatch(/expected 3 bytes .* got 1/);
    expect(thrown(() => parseIdxLabels(idx([2051, 0], []), "i")).message).toMatch(/it is an image file/);
    expect(thrown(() => parseIdxLabels(new Uint8Array(7), "l")).message).toMatch(/8-byte IDX header/);
  });
});
