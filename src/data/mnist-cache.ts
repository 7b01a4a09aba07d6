// Where the browser keeps MNIST between visits: Cache Storage (in the kernel's worker and the page alike; no DOM).

/** Keeps md5-checked MNIST bytes by URL (`<base>mnist/<file>.gz`, or without `.gz` for an uploaded IDX file). */
export interface MnistStore {
  get(url: string): Promise<Uint8Array | undefined>;
  put(url: string, bytes: Uint8Array): Promise<void>;
}

/** The cache's name; the service worker's version clean-up (src/sw/service-worker.ts) leaves it alone. */
export const MNIST_CACHE = "gradbook-mnist-v1";

/** Cache Storage, where this context has it (browsers on https or localhost); undefined in Node. */
export function cacheStorageStore(name = MNIST_CACHE): MnistStore | undefined {
  const storage = (globalThis as { caches?: CacheStorage }).caches;
  if (!storage) return undefined;
  return {
    async get(url) {
      try {
        const hit = await (await storage.open(name)).match(url);
        return hit ? new Uint8Array(await hit.arrayBuffer()) : undefined;
      } catch {
        return undefined; // storage blocked or evicted: the caller downloads
      }
    },
    async put(url, bytes) {
      const cache = await storage.open(name);
      await cache.put(url, new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "Content-Type": "application/octet-stream" } }));
    },
  };
}

/** A store in memory, for tests. */
export function memoryStore(): MnistStore & { entries: Map<string, Uint8Array> } {
  const entries = new Map<string, Uint8Array>();
  return {
    entries,
    get: async (url) => entries.get(url),
    put: async (url, bytes) => void entries.set(url, bytes),
  };
}
