// Vite plugin: the built app's Content-Security-Policy, as a <meta> in every built page and as a header in `vite preview`.
import type { Plugin } from "vite";

/**
 * Directives shared by page and worker. Everything is same-origin: MNIST is fetched by the Vite server's cache
 * (vite/mnist-store.ts), not by the browser, so connect-src needs no mirror. Markdown images from other origins are
 * blocked on purpose: opening a notebook sends no request anywhere. `'unsafe-inline'` is for styles only (Monaco
 * and React set element styles); scripts are never inline.
 */
const BASE = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
];

/**
 * The page's policy (the <meta>): no eval; wasm only where a page runs tfjs itself (the reference-suite harness).
 * connect-src adds https: for one thing, `?open=https://…/nb.ipynb` (src/ui/features/pwa/OpenFromUrl.tsx), a fetch
 * the learner confirms; the kernel worker, which runs cells, keeps connect-src 'self' (SERVER_CSP). Where a header
 * policy also applies to the page (`vite preview`), that header's 'self' wins and ?open= is refused there.
 */
export const PAGE_CSP = [...BASE.map((d) => (d === "connect-src 'self'" ? "connect-src 'self' https:" : d)), "script-src 'self' 'wasm-unsafe-eval'"].join("; ");

/**
 * The header `vite preview` sends with every response, workers included. A module worker does not inherit the
 * page's <meta>; it takes the policy of its own script's response. The kernel worker needs `'unsafe-eval'`: it
 * compiles each cell with the AsyncFunction constructor. The page stays eval-free because its <meta> also applies
 * (a document enforces every policy it is given).
 */
export const SERVER_CSP = [...BASE, "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'"].join("; ");

export function cspPlugin(): Plugin {
  return {
    name: "gradbook-csp",
    // Build only: the dev server injects an inline React Refresh preamble that a strict policy would block.
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: () => [{ tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: PAGE_CSP }, injectTo: "head-prepend" }],
    },
  };
}

/** For `preview.headers` in vite.config.ts. */
export const cspHeaders = { "Content-Security-Policy": SERVER_CSP };
