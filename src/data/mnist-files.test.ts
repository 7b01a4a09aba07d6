// Tests for mnist-files.ts with a fake fetch serving the real MNIST files and broken variants of them.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { md5Hex } from "../lib/md5";
import { DataFileError } from "./idx";
import { MNIST_FILES, decodeMnistSplit, loadMnistSplit, mnistUrl, type MnistProgress } from "./mnist-files";
import { MNIST_DIR, itWithMnist } from "./test-mnist-source";

const real = (name: string) => new Uint8Array(readFileSync(resolve(MNIST_DIR, name)));
const BASE = "http://localhost:5173/mnist/";

/** A Response whose body arrives in 64 KiB chunks, like a real network stream. */
function chunked(bytes: Uint8Array, headers: Record<string, string> = {}): Response {
  let pos = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pos >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(pos, pos + 65536));
      pos += 65536;
    },
  });
  return new Response(body, { headers });
}

/** A fake fetch serving the real files under BASE, with `override` replacing some of them by name. */
function fakeFetch(override: Record<string, () => Response | Promise<Response>> = {}, withLength = true) {
  const urls: string[] = [];
  const impl = async (url: string) => {
    urls.push(url);
    const name = url.slice(BASE.length);
    if (override[name]) return override[name]();
    const bytes = real(name);
    return chunked(bytes, withLength ? { "Content-Length": String(bytes.length) } : {});
  };
  return Object.assign(impl, { urls });
}

async function rejection(p: Promise<unknown>): Promise<DataFileError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataFileError);
  return e as DataFileError;
}

// Tests that patch MNIST_FILES (to get past the md5 check with crafted bytes) restore it here.
const saved = structuredClone(MNIST_FILES.test);
afterEach(() => Object.assign(MNIST_FILES.test, structuredClone(saved)));

/** Serves `bytes` as the test label file, patching its md5 and size so it passes verification. */
function serveAsTestLabels(bytes: Uint8Array) {
  MNIST_FILES.test.labels.md5 = md5Hex(bytes);
  MNIST_FILES.test.labels.size = bytes.length;
  return fakeFetch({ "t10k-labels-idx1-ubyte.gz": () => chunked(bytes) });
}

describe("loadMnistSplit", () => {
  itWithMnist("the table matches the real files' md5 and sizes (and MD5SUMS where the folder has one)", () => {
    // ../shared/mnist ships MD5SUMS; the cache and GRADBOOK_MNIST_DIR may hold only the four .gz files.
    const sumsFile = resolve(MNIST_DIR, "MD5SUMS");
    const sums = existsSync(sumsFile) ? readFileSync(sumsFile, "utf8") : null;
    for (const split of ["train", "test"] as const) {
      for (const info of [MNIST_FILES[split].images, MNIST_FILES[split].labels]) {
        if (sums !== null) expect(sums).toContain(`${info.md5}  ${info.name}`);
        const bytes = real(info.name);
        expect(bytes.length).toBe(info.size);
        expect(createHash("md5").update(bytes).digest("hex"), info.name).toBe(info.md5);
      }
    }
  });

  itWithMnist("loads the test split with monotone progress for both files", async () => {
    const fetch = fakeFetch();
    const events: MnistProgress[] = [];
    const data = await loadMnistSplit(BASE, "test", (p) => events.push(p), fetch);
    expect([data.count, data.rows, data.cols]).toEqual([10000, 28, 28]);
    expect(data.images.length).toBe(10000 * 784);
    expect(Array.from(data.labels.subarray(0, 4))).toEqual([7, 2, 1, 0]);
    expect(fetch.urls.sort()).toEqual([BASE + "t10k-images-idx3-ubyte.gz", BASE + "t10k-labels-idx1-ubyte.gz"]);
    const imageEvents = events.filter((e) => e.file === "t10k-images-idx3-ubyte.gz");
    expect(imageEvents.length).toBeGreaterThan(10);
    for (let i = 1; i < imageEvents.length; i++) {
      expect(imageEvents[i].loaded).toBeGreaterThan(imageEvents[i - 1].loaded);
    }
    expect(imageEvents.at(-1)).toEqual({ file: "t10k-images-idx3-ubyte.gz", loaded: 1648877, total: 1648877 });
  });

  itWithMnist("loads the train split; without Content-Length the total is the known size", async () => {
    const events: MnistProgress[] = [];
    const data = await loadMnistSplit(BASE.slice(0, -1), "train", (p) => events.push(p), fakeFetch({}, false));
    expect(data.count).toBe(60000);
    expect(Array.from(data.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(events.filter((e) => e.file.startsWith("train-images")).every((e) => e.total === 9912422)).toBe(true);
  });

  it("joins base URLs with or without a trailing slash", () => {
    expect(mnistUrl("/mnist", "a.gz")).toBe("/mnist/a.gz");
    expect(mnistUrl("/mnist/", "a.gz")).toBe("/mnist/a.gz");
  });

  itWithMnist("explains a 404, naming the file, the URL and where to put the files", async () => {
    const fetch = fakeFetch({ "t10k-images-idx3-ubyte.gz": () => new Response("not found", { status: 404 }) });
    const e = await rejection(loadMnistSplit(BASE, "test", undefined, fetch));
    expect(e.fileName).toBe("t10k-images-idx3-ubyte.gz");
    expect(e.message).toContain(`from ${BASE}t10k-images-idx3-ubyte.gz: HTTP 404`);
    expect(e.message).toMatch(/dev server could not find it: put the four MNIST files in \.\.\/shared\/mnist/);
    expect(e.message).toMatch(/GRADBOOK_MNIST_DIR.*or upload them/);
  });

  itWithMnist("explains a network error", async () => {
    const fetch = fakeFetch({
      "t10k-labels-idx1-ubyte.gz": () => Promise.reject(new TypeError("fetch failed")),
    });
    const e = await rejection(loadMnistSplit(BASE, "test", undefined, fetch));
    expect(e.message).toMatch(/t10k-labels-idx1-ubyte\.gz from http:.*network error \(fetch failed\)/);
  });

  itWithMnist("rejects a corrupted download by md5 and says it was not cached", async () => {
    const bad = real("t10k-images-idx3-ubyte.gz");
    bad[5000] ^= 0xff;
    const fetch = fakeFetch({ "t10k-images-idx3-ubyte.gz": () => chunked(bad) });
    const e = await rejection(loadMnistSplit(BASE, "test", undefined, fetch));
    expect(e.message).toMatch(/has md5 [0-9a-f]{32}, expected 9fb629c4189551a2d022fa330f9573f3: /);
    expect(e.message).toMatch(/corrupt or incomplete download; it was not cached; retry/);
  });

  itWithMnist("reports the byte counts of an incomplete download", async () => {
    const cut = real("t10k-images-idx3-ubyte.gz").subarray(0, 1000);
    const fetch = fakeFetch({ "t10k-images-idx3-ubyte.gz": () => chunked(cut) });
    const e = await rejection(loadMnistSplit(BASE, "test", undefined, fetch));
    expect(e.message).toMatch(/got 1000 bytes, expected 1648877/);
  });

  itWithMnist("reports a stream that breaks off", async () => {
    let sent = 0;
    const broken = () =>
      new Response(
        new ReadableStream({
          pull(c) {
            if (sent++ === 0) c.enqueue(new Uint8Array(10));
            else c.error(new Error("connection reset"));
          },
        }),
      );
    const fetch = fakeFetch({ "t10k-labels-idx1-ubyte.gz": broken });
    const e = await rejection(loadMnistSplit(BASE, "test", undefined, fetch));
    expect(e.message).toMatch(/broke off after 10 of 4542 bytes \(connection reset\); it was not cached; retry/);
  });

  itWithMnist("recognises an HTML page and an already-decoded body", async () => {
    const html = () => chunked(new TextEncoder().encode("<!doctype html><html></html>"));
    let e = await rejection(loadMnistSplit(BASE, "test", undefined, fakeFetch({ "t10k-labels-idx1-ubyte.gz": html })));
    expect(e.message).toMatch(/sent a web page, not the file/);
    const decoded = () => chunked(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 0]));
    e = await rejection(loadMnistSplit(BASE, "test", undefined, fakeFetch({ "t10k-labels-idx1-ubyte.gz": decoded })));
    expect(e.message).toMatch(/Content-Encoding: gzip/);
  });

  itWithMnist("explains a gzip failure", async () => {
    const gz = gzipSync(new Uint8Array(100));
    const fetch = serveAsTestLabels(new Uint8Array(gz.subarray(0, gz.length - 12)));
    const e = await rejection(loadMnistSplit(BASE, "test", undefined, fetch));
    expect(e.message).toMatch(/t10k-labels-idx1-ubyte\.gz from http:.* could not be un-gzipped \(.*\): corrupt or incomplete/);
  });

  itWithMnist("names the file and URL when the gunzipped data is truncated", async () => {
    const idx = new Uint8Array([0, 0, 8, 1, 0, 0, 0x27, 0x10, 1, 2, 3]); // promises 10000 labels, has 3
    const e = await rejection(loadMnistSplit(BASE, "test", undefined, serveAsTestLabels(gzipSync(idx))));
    expect(e.message).toContain(`t10k-labels-idx1-ubyte.gz (from ${BASE}t10k-labels-idx1-ubyte.gz) is truncated`);
    expect(e.message).toMatch(/expected 10000 bytes .* got 3; re-download it/);
  });

  itWithMnist("rejects image and label files with different counts", async () => {
    const idx = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3]);
    const e = await rejection(loadMnistSplit(BASE, "test", undefined, serveAsTestLabels(gzipSync(idx))));
    expect(e.message).toMatch(/has 10000 images but t10k-labels-idx1-ubyte\.gz has 3 labels/);
  });
});

describe("decodeMnistSplit (uploaded files)", () => {
  itWithMnist("decodes the real test files", async () => {
    const gz = { images: real("t10k-images-idx3-ubyte.gz"), labels: real("t10k-labels-idx1-ubyte.gz") };
    const data = await decodeMnistSplit("test", gz);
    expect([data.count, data.rows, data.cols, data.labels[0]]).toEqual([10000, 28, 28, 7]);
  });

  itWithMnist("names the file when the wrong one is uploaded", async () => {
    const gz = { images: real("t10k-labels-idx1-ubyte.gz"), labels: real("t10k-labels-idx1-ubyte.gz") };
    const e = await rejection(decodeMnistSplit("test", gz));
    expect(e.message).toMatch(/^t10k-images-idx3-ubyte\.gz \(uploaded\) has md5 .*upload the original \.gz file/);
  });
});
