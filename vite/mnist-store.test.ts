// Tests for mnist-store.ts: resolution order and the download cache, with temp dirs and a fake fetch (no network).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MnistServeError, mnistSearchDirs, resolveMnistFile, type FetchLike } from "./mnist-store";

const SHARED = new URL("../../shared/mnist/", import.meta.url);
const NAME = "t10k-labels-idx1-ubyte.gz";
const realBytes = () => readFileSync(new URL(NAME, SHARED));

let tmp: string;
let root: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "gradbook-mnist-"));
  root = path.join(tmp, "project");
  mkdirSync(root);
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function put(dir: string, bytes: Uint8Array = realBytes()): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, NAME), bytes);
  return dir;
}

/** A fake fetch: `answers` maps URL to a Response factory; anything else is a network error. */
function fakeFetch(answers: Record<string, () => Response> = {}): FetchLike & { urls: string[] } {
  const urls: string[] = [];
  const impl = async (url: string) => {
    urls.push(url);
    if (answers[url]) return answers[url]();
    throw new TypeError("fetch failed (no network in tests)");
  };
  return Object.assign(impl, { urls });
}
const MIRRORS = ["https://a.example/mnist/", "https://b.example/mnist"];

async function serveError(p: Promise<unknown>): Promise<MnistServeError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(MnistServeError);
  return e as MnistServeError;
}

describe("resolveMnistFile", () => {
  it("prefers GRADBOOK_MNIST_DIR over ../shared/mnist and the cache", async () => {
    put(path.join(tmp, "shared/mnist"));
    put(path.join(root, ".cache/mnist"));
    const custom = put(path.join(tmp, "custom"));
    const env = { GRADBOOK_MNIST_DIR: "../custom" }; // relative to the project root
    const file = await resolveMnistFile(NAME, { root, env, fetchImpl: fakeFetch() });
    expect(file).toMatchObject({ path: path.join(custom, NAME), source: "GRADBOOK_MNIST_DIR", size: 4542 });
  });

  it("fails loudly, without downloading, when GRADBOOK_MNIST_DIR lacks the file", async () => {
    put(path.join(tmp, "shared/mnist"));
    const fetch = fakeFetch();
    const env = { GRADBOOK_MNIST_DIR: "/nope" };
    const e = await serveError(resolveMnistFile(NAME, { root, env, fetchImpl: fetch }));
    expect(e.status).toBe(404);
    expect(e.message).toMatch(/GRADBOOK_MNIST_DIR is set to \/nope, but t10k-labels-idx1-ubyte\.gz is not there/);
    expect(fetch.urls).toEqual([]);
  });

  it("uses ../shared/mnist before the cache, and the cache when shared is missing", async () => {
    put(path.join(root, ".cache/mnist"));
    expect((await resolveMnistFile(NAME, { root, env: {}, fetchImpl: fakeFetch() })).source).toBe("cache");
    put(path.join(tmp, "shared/mnist"));
    expect((await resolveMnistFile(NAME, { root, env: {}, fetchImpl: fakeFetch() })).source).toBe("shared");
  });

  it("lists the search order", () => {
    expect(mnistSearchDirs("/p/app", {}).map((d) => d.dir)).toEqual(["/p/shared/mnist", "/p/app/.cache/mnist"]);
    expect(mnistSearchDirs("/p/app", { GRADBOOK_MNIST_DIR: "/data" })).toEqual([
      { dir: "/data", source: "GRADBOOK_MNIST_DIR" },
    ]);
  });

  it("rejects unknown names with 404 and the list of known files", async () => {
    const e = await serveError(resolveMnistFile("../../etc/passwd", { root, env: {}, fetchImpl: fakeFetch() }));
    expect(e.status).toBe(404);
    expect(e.message).toMatch(/Unknown MNIST file "\.\.\/\.\.\/etc\/passwd".*train-images-idx3-ubyte\.gz/);
  });

  it("downloads from the next mirror after a failure, verifies md5 and caches atomically", async () => {
    const fetch = fakeFetch({
      [`https://a.example/mnist/${NAME}`]: () => new Response("gone", { status: 404 }),
      [`https://b.example/mnist/${NAME}`]: () => new Response(realBytes()),
    });
    const logs: string[] = [];
    const log = (m: string) => logs.push(m);
    const file = await resolveMnistFile(NAME, { root, env: {}, fetchImpl: fetch, mirrors: MIRRORS, log });
    expect(fetch.urls).toEqual([`https://a.example/mnist/${NAME}`, `https://b.example/mnist/${NAME}`]);
    expect(file).toMatchObject({ path: path.join(root, ".cache/mnist", NAME), source: "download" });
    expect(readFileSync(file.path).equals(realBytes())).toBe(true);
    expect(readdirSync(path.join(root, ".cache/mnist"))).toEqual([NAME]); // no temp file left behind
    expect(logs.join("\n")).toMatch(/cached/);
    // Next time it comes from the cache, no fetch.
    const again = fakeFetch();
    expect((await resolveMnistFile(NAME, { root, env: {}, fetchImpl: again, mirrors: MIRRORS })).source).toBe("cache");
    expect(again.urls).toEqual([]);
  });

  it("never caches a download with the wrong md5, and says what every mirror did", async () => {
    const bad = realBytes();
    bad[100] ^= 1;
    const fetch = fakeFetch({
      [`https://a.example/mnist/${NAME}`]: () => new Response(bad),
      [`https://b.example/mnist/${NAME}`]: () => new Response(bad.subarray(0, 10)),
    });
    const e = await serveError(resolveMnistFile(NAME, { root, env: {}, fetchImpl: fetch, mirrors: MIRRORS }));
    expect(e.status).toBe(502);
    expect(e.message).toMatch(/a\.example.*md5 [0-9a-f]{32}, expected ec29112dd5afa0611ce80d1b7f02629c/);
    expect(e.message).toMatch(/\(4542 bytes\); not cached/);
    expect(e.message).toMatch(/b\.example.*\(10 bytes\)/);
    expect(e.message).toMatch(/\.\.\/shared\/mnist.*GRADBOOK_MNIST_DIR/s);
    const cache = path.join(root, ".cache/mnist");
    expect(readdirSync(root).includes(".cache") ? readdirSync(cache) : []).toEqual([]);
  });

  it("reports network errors per mirror and downloads a file only once for concurrent requests", async () => {
    const e = await serveError(resolveMnistFile(NAME, { root, env: {}, fetchImpl: fakeFetch(), mirrors: MIRRORS }));
    expect(e.message).toMatch(/a\.example.*fetch failed \(no network in tests\)/);
    const fetch = fakeFetch({ [`https://a.example/mnist/${NAME}`]: () => new Response(realBytes()) });
    const opts = { root, env: {}, fetchImpl: fetch, mirrors: MIRRORS };
    const [x, y] = await Promise.all([resolveMnistFile(NAME, opts), resolveMnistFile(NAME, opts)]);
    expect(x.path).toBe(y.path);
    expect(fetch.urls).toHaveLength(1);
  });
});
