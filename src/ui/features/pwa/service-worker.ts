// The page's side of the service worker (src/sw/service-worker.ts): register it, reload once into cross-origin
// isolation where the host sends no COOP/COEP, report how isolation was obtained, and offer updates.

/** How the page got cross-origin isolation (the thread pool needs it): the host's headers, our service worker, or not. */
export type IsolationSource = "headers" | "service-worker" | "none";

export interface Isolation {
  source: IsolationSource;
  /** Why there is none, or a detail worth showing. */
  why?: string;
}

/** Set before the one reload into isolation, so a browser that ignores the worker's headers does not reload forever. */
const RELOAD_KEY = "gradbook-isolation-reload";
const INSTALL_TIMEOUT_MS = 5 * 60_000;

type Listener = (waiting: ServiceWorker | null) => void;
let waiting: ServiceWorker | null = null;
const listeners = new Set<Listener>();

function setWaiting(w: ServiceWorker | null): void {
  waiting = w;
  for (const l of listeners) l(w);
}

/** Calls `fn` with the new version's worker when one is installed and waiting (and null when none), until unsubscribed. */
export function onUpdateReady(fn: Listener): () => void {
  listeners.add(fn);
  fn(waiting);
  return () => listeners.delete(fn);
}

/** Switches to the waiting version: it takes over, then the page reloads onto its files (all of them, none old). */
export function applyUpdate(): void {
  const w = waiting;
  if (!w) return;
  navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
  w.postMessage({ type: "skip-waiting" });
}

function watchUpdates(reg: ServiceWorkerRegistration): void {
  // A waiting worker only counts when a controller exists: the first install is not an "update".
  if (reg.waiting && navigator.serviceWorker.controller) setWaiting(reg.waiting);
  reg.addEventListener("updatefound", () => {
    const w = reg.installing;
    w?.addEventListener("statechange", () => {
      if (w.state === "installed" && navigator.serviceWorker.controller) setWaiting(w);
    });
  });
  // Look for a new deploy when the learner comes back to the tab, and hourly.
  const check = () => void reg.update().catch(() => undefined);
  addEventListener("focus", check);
  setInterval(check, 60 * 60_000);
}

/** Asks the controlling worker how this page was isolated. */
function askWorker(controller: ServiceWorker): Promise<IsolationSource> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve("service-worker"), 2000);
    channel.port1.onmessage = (e: MessageEvent<{ how?: IsolationSource }>) => {
      clearTimeout(timer);
      resolve(e.data.how === "headers" ? "headers" : "service-worker");
    };
    controller.postMessage({ type: "isolation" }, [channel.port2]);
  });
}

/** Resolves true when the worker controls the page, false when its install fails (a file it could not cache) or times out. */
function untilControlled(reg: ServiceWorkerRegistration): Promise<boolean> {
  if (navigator.serviceWorker.controller) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), INSTALL_TIMEOUT_MS);
    const done = (ok: boolean) => (clearTimeout(timer), resolve(ok));
    navigator.serviceWorker.addEventListener("controllerchange", () => done(true), { once: true });
    const w = reg.installing ?? reg.waiting;
    w?.addEventListener("statechange", () => w.state === "redundant" && done(false));
  });
}

/**
 * Registers `${base}sw.js` (production builds only) and makes sure the page is cross-origin isolated if it can be.
 * Never resolves when it reloads the page. `enabled` is false in `npm run dev`, where Vite's headers isolate.
 * `onWait` shows a line while the first visit waits for the worker to cache the app (before React mounts).
 * `notBefore` delays the registration of a page that is already isolated (main.tsx: until the kernel is ready).
 */
export async function setUpServiceWorker(
  base: string,
  enabled: boolean,
  onWait: (text: string) => void = () => {},
  notBefore: Promise<unknown> = Promise.resolve(),
): Promise<Isolation> {
  const headersOnly = (why: string): Isolation =>
    crossOriginIsolated ? { source: "headers" } : { source: "none", why };
  if (!enabled) return headersOnly("the dev server sends no COOP/COEP headers");
  if (!("serviceWorker" in navigator)) return headersOnly("this browser has no service workers (private window?)");
  const register = async (): Promise<ServiceWorkerRegistration | string> => {
    try {
      const reg = await navigator.serviceWorker.register(`${base}sw.js`, { scope: base });
      watchUpdates(reg);
      // MNIST into the browser's cache in the background, so the tutorials train offline after this visit.
      void navigator.serviceWorker.ready.then((r) => r.active?.postMessage({ type: "warm-mnist" }));
      return reg;
    } catch (e) {
      return `the service worker did not register: ${(e as Error).message}`;
    }
  };
  if (crossOriginIsolated) {
    sessionStorage.removeItem(RELOAD_KEY);
    // Isolated already (the host's headers, or our worker on a later visit): the worker is only needed for offline
    // use, so it registers once the kernel is up (`notBefore`). On a first visit its install downloads the whole
    // app (~6 MB) and MNIST, which on a 2-core machine slowed the kernel's own start by about a second.
    void notBefore.then(register);
    const controller = navigator.serviceWorker.controller;
    return { source: controller ? await askWorker(controller) : "headers" };
  }
  const reg = await register();
  if (typeof reg === "string") return headersOnly(reg);
  if (sessionStorage.getItem(RELOAD_KEY)) {
    sessionStorage.removeItem(RELOAD_KEY);
    return { source: "none", why: "the service worker's COOP/COEP headers did not isolate the page in this browser" };
  }
  // Not controlled yet (first visit, or a hard reload that bypassed the worker): once it controls, reload into isolation.
  if (!navigator.serviceWorker.controller && !reg.active) {
    onWait("Setting Gradbook up for threads and offline use (first visit only)…");
    if (!(await untilControlled(reg))) return { source: "none", why: "the service worker did not finish installing" };
  }
  sessionStorage.setItem(RELOAD_KEY, "1");
  location.reload();
  return new Promise<Isolation>(() => {});
}
