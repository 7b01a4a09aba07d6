// Tests for sw-plugin.ts: the precache list (what the app reaches, nothing the tests alone use), the worker script, and
// mnist-plugin.ts's choice of MNIST files for the build.
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findBuildMnist } from "./mnist-plugin";
import { compileServiceWorker, precacheList, serviceWorkerScript, type BuiltFile } from "./sw-plugin";

const text = (t: string): BuiltFile => ({ text: t });

describe("precacheList", () => {
  it("walks from index.html through the files that name others, leaving out test pages, maps, MNIST and files never loaded", () => {
    const files = new Map<string, BuiltFile>([
      ["index.html", text('<script src="/assets/main-A.js"></script><link href="/assets/main-A.css">')],
      ["assets/main-A.js", text('import("./editor-B.js"); new Worker(new URL("kernel.worker-C.js", import.meta.url)); ["tfjs-backend-wasm-simd.wasm"]')],
      // Named by chunks, never loaded: Monaco's own TypeScript worker (ours replaces it) and tfjs-wasm's threaded binary.
      ["assets/editor-B.js", text('new Worker(new URL("ts.worker-F.js", import.meta.url)); ["tfjs-backend-wasm-threaded-simd.wasm"]')],
      ["assets/ts.worker-F.js", text("self.onmessage = () => {}")],
      ["tfjs-wasm/tfjs-backend-wasm-threaded-simd.wasm", { bytes: new Uint8Array([0, 97, 115, 109]) }],
      ["assets/main-A.css", text("@font-face { src: url(./codicon-D.ttf) }")],
      ["assets/kernel.worker-C.js", text('fetch("mnist/")')],
      ["assets/codicon-D.ttf", { bytes: new Uint8Array([1, 2]) }],
      ["tfjs-wasm/tfjs-backend-wasm-simd.wasm", { bytes: new Uint8Array([0, 97, 115, 109]) }],
      ["runner.html", text('<script src="/assets/runner-E.js"></script>')],
      ["assets/runner-E.js", text("headless")],
      ["assets/main-A.js.map", text("{}")],
      ["mnist/t10k-labels-idx1-ubyte.gz", { bytes: new Uint8Array(10) }],
    ]);
    const list = precacheList(files, ["index.html"]);
    expect(list.map((e) => e.url)).toEqual([
      "assets/codicon-D.ttf",
      "assets/editor-B.js",
      "assets/kernel.worker-C.js",
      "assets/main-A.css",
      "assets/main-A.js",
      "index.html",
      "tfjs-wasm/tfjs-backend-wasm-simd.wasm",
    ]);
    // A revision changes with the content and only then.
    const again = precacheList(new Map([...files, ["assets/editor-B.js", text("export const x = 1")]]), ["index.html"]);
    const rev = (l: typeof list, u: string) => l.find((e) => e.url === u)!.revision;
    expect(rev(again, "assets/editor-B.js")).not.toBe(rev(list, "assets/editor-B.js"));
    expect(rev(again, "index.html")).toBe(rev(list, "index.html"));
  });
});

describe("the service worker script", () => {
  it("compiles to a classic script with the build's constants and a version that follows the files", () => {
    const source = readFileSync(fileURLToPath(new URL("../src/sw/service-worker.ts", import.meta.url)), "utf8");
    const compiled = compileServiceWorker(source);
    expect(compiled).not.toMatch(/^\s*(export|import)\b/m);
    const a = serviceWorkerScript(compiled, [{ url: "index.html", revision: "1" }], ["mnist/x.gz"]);
    const b = serviceWorkerScript(compiled, [{ url: "index.html", revision: "2" }], ["mnist/x.gz"]);
    const version = (s: string) => /"version":"([0-9a-f]+)"/.exec(s)![1];
    expect(version(a)).not.toBe(version(b));
    expect(a).toContain('"mnist":["mnist/x.gz"]');
    // Font subsets are cached on first use, not at install.
    const withFont = serviceWorkerScript(compiled, [{ url: "index.html", revision: "1" }, { url: "assets/ko-3.woff2", revision: "9" }]);
    expect(withFont).toContain('"entries":[{"url":"index.html","revision":"1"}],"lazy":[{"url":"assets/ko-3.woff2","revision":"9"}]');
    expect(a).toMatch(/"csp":"default-src 'self'; connect-src 'self';/);
    // It parses as a script (no syntax a classic worker would reject).
    expect(() => new Function(a)).not.toThrow();
  });
});

describe("findBuildMnist", () => {
  const shared = fileURLToPath(new URL("../../shared/mnist/", import.meta.url));
  it("takes a complete, md5-good set, and ships none (saying why) for a partial or corrupt one", () => {
    expect(findBuildMnist("/nowhere", { GRADBOOK_MNIST_DIR: shared }).files.map((f) => f.name).sort()).toEqual([
      "t10k-images-idx3-ubyte.gz",
      "t10k-labels-idx1-ubyte.gz",
      "train-images-idx3-ubyte.gz",
      "train-labels-idx1-ubyte.gz",
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), "mnist-build-"));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "t10k-labels-idx1-ubyte.gz"), "x");
    const partial = findBuildMnist("/nowhere", { GRADBOOK_MNIST_DIR: dir });
    expect(partial.files).toEqual([]);
    expect(partial.missing).toMatch(/lacks train-images-idx3-ubyte\.gz, train-labels-idx1-ubyte\.gz, t10k-images-idx3-ubyte\.gz\).*ships without MNIST/);
    for (const n of ["t10k-images-idx3-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"]) writeFileSync(path.join(dir, n), "x");
    expect(findBuildMnist("/nowhere", { GRADBOOK_MNIST_DIR: dir }).missing).toMatch(/fail the md5 check/);
    expect(findBuildMnist("/nowhere", { GRADBOOK_MNIST_DIR: shared, GRADBOOK_BUILD_MNIST: "0" })).toEqual({ files: [], missing: expect.stringMatching(/GRADBOOK_BUILD_MNIST=0/) });
  });
});
