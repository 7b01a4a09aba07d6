// A failed MNIST download (404, dropped connection, corrupt bytes) is a clear error naming the file; the next call retries.
import { describe, expect } from "vitest";
import { configureMnist, MNIST } from "./mnist";
import { fileFetch, itWithMnist } from "./test-mnist-source";

/** Fails the first `failures` requests for `file` in the given way, then serves the real bytes. */
function flakyFetch(file: string, failures: Array<"404" | "drop" | "corrupt">) {
  let n = 0;
  return async (url: string): Promise<Response> => {
    if (!url.endsWith(file) || n >= failures.length) return fileFetch(url);
    const how = failures[n++];
    if (how === "404") return new Response("not found", { status: 404 });
    const real = new Uint8Array(await (await fileFetch(url)).arrayBuffer());
    if (how === "corrupt") {
      const bad = real.slice();
      bad[100] ^= 0xff;
      return new Response(bad, { headers: { "Content-Length": String(bad.length) } });
    }
    // The connection drops after the first kilobyte.
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(real.subarray(0, 1024));
        c.error(new TypeError("network error"));
      },
    });
    return new Response(body, { headers: { "Content-Length": String(real.length) } });
  };
}

describe("datasets.MNIST retries after a failed download", () => {
  itWithMnist("404, a dropped connection and an md5 mismatch each fail naming the file, and the next call succeeds", async () => {
    const file = "t10k-labels-idx1-ubyte.gz";
    configureMnist({ baseUrl: "mem://mnist/", fetchImpl: flakyFetch(file, ["404", "drop", "corrupt"]) });
    const messages: string[] = [];
    for (let i = 0; i < 3; i++) {
      const e = await MNIST({ train: false }).then(
        () => new Error("expected a failure"),
        (err: Error) => err,
      );
      expect(e.message).toContain(file);
      messages.push(e.message);
    }
    expect(messages[0]).toMatch(/404/);
    expect(messages[2]).toMatch(/md5/i);
    const test = await MNIST({ train: false });
    expect(test.length).toBe(10000);
  });
});
