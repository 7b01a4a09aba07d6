// Bytes of the engine's binaries as they arrive: wraps the worker's fetch during start-up and counts a clone of each
// matching response, so tfjs-wasm still compiles the original as it streams in (and keeps its URL for the code cache).

/** Reports `done` of `total` bytes (total from Content-Length; undefined when the server does not say). */
export type BytesListener = (file: string, done: number, total: number | undefined) => void;

const REPORT_EVERY_MS = 100;

async function count(res: Response, file: string, on: BytesListener): Promise<void> {
  const length = Number(res.headers.get("Content-Length"));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const reader = res.body?.getReader();
  if (!reader) return;
  let done = 0;
  let last = 0;
  on(file, 0, total);
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    done += chunk.value.byteLength;
    const now = Date.now();
    if (now - last >= REPORT_EVERY_MS) {
      last = now;
      on(file, done, total);
    }
  }
  on(file, done, total ?? done);
}

/**
 * Replaces `scope.fetch` until the returned function is called: responses whose URL `match`es are reported to `on`
 * while they download. The clone is read alongside the original (no extra request, ~the file's size of buffering).
 */
export function watchFetches(scope: { fetch: typeof fetch }, match: RegExp, on: BytesListener): () => void {
  const original = scope.fetch;
  scope.fetch = async (input, init) => {
    const res = await original.call(scope, input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const bare = url.split(/[?#]/)[0];
    if (match.test(bare) && res.ok && res.body) {
      const file = bare.split("/").pop() || bare;
      void count(res.clone(), file, on).catch(() => undefined);
    }
    return res;
  };
  return () => {
    scope.fetch = original;
  };
}
