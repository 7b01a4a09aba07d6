// Tests for the engine-binary byte counter: matching responses are counted as they stream, the caller gets the original.
import { describe, expect, it } from "vitest";
import { watchFetches } from "./fetch-progress";

function streamed(chunks: number[], headers: Record<string, string> = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const n of chunks) c.enqueue(new Uint8Array(n));
      c.close();
    },
  });
  return new Response(body, { headers: { "Content-Type": "application/wasm", ...headers } });
}

describe("watchFetches", () => {
  it("reports a .wasm download's bytes up to its Content-Length, and hands the original response on", async () => {
    const reports: [string, number, number | undefined][] = [];
    const original = streamed([1000, 2000, 500], { "Content-Length": "3500" });
    const plain = (async () => original) as typeof fetch;
    const scope = { fetch: plain };
    const stop = watchFetches(scope, /\.wasm$/, (file, done, total) => reports.push([file, done, total]));
    const res = await scope.fetch("http://x/tfjs-wasm/tfjs-backend-wasm-simd.wasm");
    expect(res).toBe(original);
    expect((await res.arrayBuffer()).byteLength).toBe(3500);
    await new Promise((r) => setTimeout(r, 20));
    expect(reports[0]).toEqual(["tfjs-backend-wasm-simd.wasm", 0, 3500]);
    expect(reports.at(-1)).toEqual(["tfjs-backend-wasm-simd.wasm", 3500, 3500]);
    stop();
    expect(scope.fetch).toBe(plain);
  });

  it("without Content-Length the total is what arrived; other files are not counted; stop restores fetch", async () => {
    const reports: [string, number, number | undefined][] = [];
    const plain = (async (input: RequestInfo | URL) => (new URL(String(input)).pathname.endsWith(".wasm") ? streamed([10, 20]) : new Response("x"))) as typeof fetch;
    const scope = { fetch: plain };
    const stop = watchFetches(scope, /\.wasm$/, (file, done, total) => reports.push([file, done, total]));
    await (await scope.fetch("http://x/a.js")).text();
    await (await scope.fetch(new URL("http://x/b.wasm?v=1"))).arrayBuffer();
    await new Promise((r) => setTimeout(r, 20));
    expect(reports[0]).toEqual(["b.wasm", 0, undefined]);
    expect(reports.at(-1)).toEqual(["b.wasm", 30, 30]);
    expect(reports.every(([f]) => f === "b.wasm")).toBe(true);
    stop();
    expect(scope.fetch).toBe(plain);
  });
});
