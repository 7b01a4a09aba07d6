// Tests for mnist-upload.ts and the store path of mnist-files.ts: good uploads are kept and used; bad ones say why, keep nothing.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DataFileError } from "./idx";
import { memoryStore } from "./mnist-cache";
import { MNIST_FILES, loadMnistSplit } from "./mnist-files";
import { checkMnistFile, storeMnistUpload } from "./mnist-upload";
import { MNIST_DIR } from "./test-mnist-source";

const BASE = "http://127.0.0.1:4308/gradbook/mnist/";
const gz = (name: string) => new Uint8Array(readFileSync(resolve(MNIST_DIR, name)));
const idx = (name: string) => new Uint8Array(gunzipSync(gz(name)));
const TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
const TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
const noFetch = async (url: string): Promise<Response> => {
  throw new Error(`no download expected, asked for ${url}`);
};

async function rejection(p: Promise<unknown>): Promise<DataFileError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DataFileError);
  return e as DataFileError;
}

describe("checkMnistFile", () => {
  it("knows the published .gz by its md5 and an IDX file by header and md5", async () => {
    expect(await checkMnistFile({ name: "a.gz", bytes: gz(TEST_LABELS) })).toMatchObject({ kind: "gz", info: MNIST_FILES.test.labels });
    const raw = await checkMnistFile({ name: "labels", bytes: idx(TEST_LABELS) });
    expect(raw).toMatchObject({ kind: "idx", info: MNIST_FILES.test.labels });
    // Re-gzipped (different bytes than published, same content) is accepted and kept as IDX.
    const again = await checkMnistFile({ name: "x.gz", bytes: new Uint8Array(gzipSync(idx(TEST_LABELS))) });
    expect(again.kind).toBe("idx");
  });

  it("rejects a wrong magic number, naming both and what to upload", async () => {
    const bytes = idx(TEST_LABELS).slice();
    bytes[3] = 0x07;
    const e = await rejection(checkMnistFile({ name: "notes.txt", bytes }));
    expect(e.message).toMatch(/notes\.txt is not an MNIST file: its magic number is 2055, MNIST's are 2051 \(images\) and 2049 \(labels\)/);
  });

  it("rejects a truncated IDX file and a truncated .gz", async () => {
    const raw = idx(TEST_LABELS);
    const e1 = await rejection(checkMnistFile({ name: "labels", bytes: raw.subarray(0, raw.length - 100) }));
    expect(e1.message).toMatch(/truncated: expected 10000 bytes of data .* got 9900/);
    const g = gz(TEST_IMAGES);
    const e2 = await rejection(checkMnistFile({ name: "images.gz", bytes: g.subarray(0, g.length >> 1) }));
    expect(e2.message).toMatch(/images\.gz is gzip data that does not un-gzip .*truncated or corrupt/);
    const e3 = await rejection(checkMnistFile({ name: "tiny", bytes: new Uint8Array(5) }));
    expect(e3.message).toMatch(/tiny is 5 bytes, too short for an IDX header/);
  });

  it("rejects wrong sizes: a count that is not MNIST's, images that are not 28×28, changed content", async () => {
    const few = idx(TEST_LABELS).slice(0, 8 + 100);
    new DataView(few.buffer).setUint32(4, 100, false);
    const e1 = await rejection(checkMnistFile({ name: "few", bytes: few }));
    expect(e1.message).toMatch(/few holds 100 labels; MNIST's training set has 60000 and its test set 10000/);
    const wide = idx(TEST_IMAGES).slice();
    const v = new DataView(wide.buffer);
    v.setUint32(8, 56, false);
    v.setUint32(12, 14, false); // same byte count, wrong shape
    const e2 = await rejection(checkMnistFile({ name: "wide", bytes: wide }));
    expect(e2.message).toMatch(/wide holds 56×14 images; MNIST's are 28×28/);
    const changed = idx(TEST_LABELS).slice();
    changed[100] = (changed[100] + 1) % 10;
    const e3 = await rejection(checkMnistFile({ name: "changed", bytes: changed }));
    expect(e3.message).toMatch(/has the shape of t10k-labels-idx1-ubyte but not its content .*upload the original file/);
  });
});

describe("storeMnistUpload", () => {
  it("stores nothing when any file is bad", async () => {
    const store = memoryStore();
    const bad = idx(TEST_IMAGES).subarray(0, 5000);
    await rejection(storeMnistUpload(BASE, [{ name: "ok.gz", bytes: gz(TEST_LABELS) }, { name: "bad", bytes: bad }], store));
    expect(store.entries.size).toBe(0);
  });

  it("keeps good uploads where the loader finds them: the test split loads with no download", async () => {
    const store = memoryStore();
    const names = await storeMnistUpload(BASE, [{ name: "l.gz", bytes: gz(TEST_LABELS) }, { name: "i", bytes: idx(TEST_IMAGES) }], store);
    expect(names.sort()).toEqual(["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]);
    expect([...store.entries.keys()].sort()).toEqual([`${BASE}t10k-images-idx3-ubyte`, `${BASE}${TEST_LABELS}`]);
    const data = await loadMnistSplit(BASE, "test", undefined, noFetch, store);
    expect(data.count).toBe(10000);
    expect(data.labels[0]).toBe(7);
  });
});

describe("loadMnistSplit with a store", () => {
  it("keeps a verified download and reads it back offline; a damaged copy is downloaded again", async () => {
    const store = memoryStore();
    const served: string[] = [];
    const fetchFiles = async (url: string) => (served.push(url), new Response(gz(url.split("/").pop()!)));
    await loadMnistSplit(BASE, "test", undefined, fetchFiles, store);
    expect(served.length).toBe(2);
    expect(store.entries.get(`${BASE}${TEST_IMAGES}`)?.length).toBe(MNIST_FILES.test.images.size);
    const offline = await loadMnistSplit(BASE, "test", undefined, noFetch, store);
    expect(offline.count).toBe(10000);
    store.entries.set(`${BASE}${TEST_LABELS}`, new Uint8Array([1, 2, 3]));
    await loadMnistSplit(BASE, "test", undefined, fetchFiles, store);
    expect(served.slice(2)).toEqual([`${BASE}${TEST_LABELS}`]);
    expect(store.entries.get(`${BASE}${TEST_LABELS}`)?.length).toBe(MNIST_FILES.test.labels.size);
  });

  it("never keeps a corrupt download", async () => {
    const store = memoryStore();
    const corrupt = async (url: string) => new Response(url.endsWith(TEST_LABELS) ? new Uint8Array(4542) : gz(url.split("/").pop()!));
    await rejection(loadMnistSplit(BASE, "test", undefined, corrupt, store));
    expect(store.entries.has(`${BASE}${TEST_LABELS}`)).toBe(false);
  });
});
