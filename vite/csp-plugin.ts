// Vite plugin: the app's Content-Security-Policy, as a <meta> in every page and as a header in `vite preview` and `vite` (dev).
import { createHash } from "node:crypto";
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

/**
 * The dev server's header: the production header plus `'unsafe-inline'` scripts, for the one thing Vite's HMR needs
 * that the build does not, the inline React Refresh preamble. Workers (the kernel) have no inline script, so for
 * them it is the production policy; the page also enforces its <meta> (devPageCsp), which allows only that preamble,
 * by hash. The HMR WebSocket is same-origin, which `connect-src 'self'` allows: nothing else is relaxed.
 */
export const DEV_SERVER_CSP = [...BASE, "script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'"].join("; ");

/** The page's policy on the dev server: PAGE_CSP plus the hashes of the inline scripts Vite put in this page. */
export function devPageCsp(inlineScripts: readonly string[]): string {
  const hashes = inlineScripts.map((code) => `'sha256-${createHash("sha256").update(code).digest("base64")}'`);
  return [...BASE, ["script-src 'self' 'wasm-unsafe-eval'", ...hashes].join(" ")].join("; ");
}

const cspMeta = (content: string) => `<meta http-equiv="Content-Security-Policy" content="${content.replace(/"/g, "&quot;")}">`;

export function cspPlugin(): Plugin {
  return {
    name: "gradbook-csp",
    // Dev: every response carries the header (the kernel worker takes its policy from it, as in preview).
    configureServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader("Content-Security-Policy", DEV_SERVER_CSP);
        next();
      });
    },
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        if (!ctx.server) {
          return [{ tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: PAGE_CSP }, injectTo: "head-prepend" }];
        }
        // Dev: the policy must come before the first script, and allow exactly the inline ones Vite injected.
        const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
        return html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${cspMeta(devPageCsp(inline))}`);
      },
    },
  };
}

/** For `preview.headers` in vite.config.ts. */
export const cspHeaders = { "Content-Security-Policy": SERVER_CSP };
