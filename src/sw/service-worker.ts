// The service worker: precaches this build (one cache per version), serves it offline, and isolates the app's pages.
//
// Isolation is the coi-serviceworker technique (github.com/gzuidhof/coi-serviceworker): a response the worker hands
// to the page may carry headers the host never sent, so every same-origin response gets COOP same-origin + COEP
// require-corp, and documents and worker scripts the app's CSP (vite/csp-plugin.ts: PAGE_CSP for pages, SERVER_CSP
// for workers). The page reloads once when it was not yet controlled (src/ui/features/pwa/service-worker.ts). Cross-origin
// requests are never touched. Compiled to a classic script by vite/sw-plugin.ts, which prepends GRADBOOK_BUILD.

export {};

interface Build {
  version: string;
  /** URLs relative to the scope, with a content hash each. */
  entries: Array<{ url: string; revision: string }>;
  /** Files cached when first used, not at install (the font's unicode-range subsets: a page loads only the few it needs). */
  lazy: Array<{ url: string; revision: string }>;
  /** The MNIST files in the build (relative to the scope), fetched into the kernel's MNIST cache for offline use. */
  mnist: string[];
  /** vite/csp-plugin.ts: SERVER_CSP for worker scripts (cells may eval), PAGE_CSP for pages (no eval; ?open= may fetch https). */
  csp: string;
  pageCsp: string;
}
declare const GRADBOOK_BUILD: Build;

// The DOM library has no service-worker types and the WebWorker library clashes with it: the few we use.
interface SwEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface SwFetchEvent extends SwEvent {
  request: Request;
  resultingClientId: string;
  respondWith(r: Promise<Response>): void;
}
interface SwMessageEvent extends SwEvent {
  data: unknown;
  source: { id: string } | null;
  ports: readonly MessagePort[];
}
interface SwScope {
  registration: { scope: string; active: unknown };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", fn: (e: SwEvent) => void): void;
  addEventListener(type: "fetch", fn: (e: SwFetchEvent) => void): void;
  addEventListener(type: "message", fn: (e: SwMessageEvent) => void): void;
}

const sw = globalThis as unknown as SwScope;
const SHELL_PREFIX = "gradbook-shell-";
const CACHE = SHELL_PREFIX + GRADBOOK_BUILD.version;
/** Inside each shell cache: the build's url → revision map, so the next version copies unchanged files. */
const REVISIONS_KEY = "__gradbook-revisions.json";
const scope = new URL(sw.registration.scope);
const revisions = new Map(GRADBOOK_BUILD.entries.map((e) => [new URL(e.url, scope).href, e.revision]));
const lazy = new Map(GRADBOOK_BUILD.lazy.map((e) => [new URL(e.url, scope).href, e.revision]));
const indexUrl = new URL("index.html", scope).href;
/** The kernel's MNIST cache (src/data/mnist-cache.ts): not versioned, the kernel md5-checks every read. */
const MNIST_CACHE = "gradbook-mnist-v1";
/** How each page got isolated, by client id, for the status bar ("headers" when the host sent COEP itself). */
const isolation = new Map<string, "headers" | "service-worker">();

async function previousRevisions(): Promise<Array<{ cache: Cache; revs: Record<string, string> }>> {
  const out: Array<{ cache: Cache; revs: Record<string, string> }> = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(SHELL_PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    const saved = await cache.match(new URL(REVISIONS_KEY, scope).href);
    if (saved) out.push({ cache, revs: (await saved.json()) as Record<string, string> });
  }
  return out;
}

/** Fills this version's cache; a file that fails to download fails the install, so no half version is ever used. */
async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  const old = await previousRevisions();
  // Lazy files already cached by an older version carry over when unchanged; the rest wait for first use.
  await Promise.all(
    [...lazy].map(async ([url, rev]) => {
      const same = old.find((o) => o.revs[url] === rev);
      const kept = same && (await same.cache.match(url));
      if (kept) await cache.put(url, kept);
    }),
  );
  await Promise.all(
    [...revisions].map(async ([url, rev]) => {
      if (await cache.match(url)) return;
      const same = old.find((o) => o.revs[url] === rev);
      const kept = same && (await same.cache.match(url));
      if (kept) return cache.put(url, kept);
      // no-cache: revalidate with the host, so a stale HTTP cache cannot slip an old file into the new version.
      const res = await fetch(new Request(url, { cache: "no-cache" }));
      if (!res.ok) throw new Error(`precache: ${url} answered HTTP ${res.status}`);
      await cache.put(url, res);
    }),
  );
  const all = { ...Object.fromEntries(lazy), ...Object.fromEntries(revisions) };
  await cache.put(new URL(REVISIONS_KEY, scope).href, new Response(JSON.stringify(all)));
}

/**
 * Puts the build's MNIST files in the kernel's cache, so that after one visit the tutorials train offline even if the
 * learner never opened one online. Unchecked here: the kernel checks the md5 when it reads them and downloads again
 * if a copy is bad. A file already there (downloaded or uploaded, .gz or IDX) is left alone.
 */
async function warmMnist(): Promise<void> {
  const cache = await caches.open(MNIST_CACHE);
  for (const rel of GRADBOOK_BUILD.mnist) {
    const url = new URL(rel, scope).href;
    if ((await cache.match(url)) || (await cache.match(url.replace(/\.gz$/, "")))) continue;
    const res = await fetch(url).catch(() => undefined);
    if (res?.ok && !(res.headers.get("Content-Type") ?? "").startsWith("text/")) await cache.put(url, res);
  }
}

sw.addEventListener("install", (event) => {
  // The first version takes over at once (the page is waiting to reload into isolation); later ones wait for the
  // learner's "Reload" (the update prompt), so a page never mixes files of two versions.
  event.waitUntil(precache().then(() => (sw.registration.active ? undefined : sw.skipWaiting())));
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(SHELL_PREFIX) && name !== CACHE) await caches.delete(name);
      await sw.clients.claim();
      void warmMnist().catch(() => undefined); // best effort; the page asks again on every load ("warm-mnist")
    })(),
  );
});

sw.addEventListener("message", (event) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === "skip-waiting") {
    void sw.skipWaiting();
  } else if (data?.type === "warm-mnist") {
    event.waitUntil(warmMnist().catch(() => undefined));
  } else if (data?.type === "isolation") {
    const how = (event.source && isolation.get(event.source.id)) || "service-worker";
    event.ports[0]?.postMessage({ type: "isolation", how, version: GRADBOOK_BUILD.version });
  }
});

/** The cache key for a request: the app page for navigations to the scope, else the URL without its query. */
function precacheKey(request: Request, url: URL): string | undefined {
  if (request.mode === "navigate" && (url.pathname === scope.pathname || url.href.split("?")[0] === indexUrl)) return indexUrl;
  const bare = url.origin + url.pathname;
  return revisions.has(bare) || lazy.has(bare) ? bare : undefined;
}

function isolated(res: Response, request: Request, clientId: string): Response {
  // Opaque responses cannot be read or changed; they do not occur for same-origin requests.
  if (res.type === "opaque" || res.type === "opaqueredirect") return res;
  const headers = new Headers(res.headers);
  const fromHost = headers.has("Cross-Origin-Embedder-Policy");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  if (!fromHost) headers.set("Cross-Origin-Embedder-Policy", "require-corp");
  headers.set("Cross-Origin-Resource-Policy", "same-origin");
  const page = request.mode === "navigate";
  const worker = request.destination === "worker" || request.destination === "sharedworker";
  if ((page || worker) && !headers.has("Content-Security-Policy")) {
    headers.set("Content-Security-Policy", page ? GRADBOOK_BUILD.pageCsp : GRADBOOK_BUILD.csp);
  }
  if (request.mode === "navigate" && clientId) isolation.set(clientId, fromHost ? "headers" : "service-worker");
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

async function respond(request: Request, url: URL, clientId: string): Promise<Response> {
  const key = precacheKey(request, url);
  const cached = key ? await caches.match(key, { cacheName: CACHE }) : undefined;
  if (cached) return isolated(cached, request, clientId);
  try {
    const res = await fetch(request);
    if (key && lazy.has(key) && res.ok) await (await caches.open(CACHE)).put(key, res.clone());
    return isolated(res, request, clientId);
  } catch (e) {
    // Offline: any page under the scope opens the app (it reads ?notebook= itself).
    const page = request.mode === "navigate" ? await caches.match(indexUrl, { cacheName: CACHE }) : undefined;
    if (page) return isolated(page, request, clientId);
    throw e;
  }
}

sw.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
  event.respondWith(respond(request, url, event.resultingClientId));
});
