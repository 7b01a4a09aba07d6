// Vite plugin: serves tfjs-backend-wasm's .wasm binaries under /tfjs-wasm/ in dev and preview, and emits them into the build.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Plugin } from "vite";

/** Folder name (under the app's base) the kernel loads the binaries from. */
export const TFJS_WASM_DIR = "tfjs-wasm";
const VIRTUAL_ID = "virtual:tfjs-wasm";
const RESOLVED_ID = "\0" + VIRTUAL_ID;

/** The `.wasm` files shipped by @tensorflow/tfjs-backend-wasm (plain, SIMD, threaded SIMD). */
export function findWasmFiles(root: string): { dir: string; files: string[] } {
  const dir = path.join(root, "node_modules/@tensorflow/tfjs-backend-wasm/dist");
  if (!existsSync(dir)) {
    throw new Error(`tfjs-wasm-plugin: ${dir} is missing; run npm install (the wasm backend needs its binaries).`);
  }
  const files = readdirSync(dir).filter((f) => f.endsWith(".wasm")).sort();
  if (files.length === 0) throw new Error(`tfjs-wasm-plugin: no .wasm files in ${dir}; reinstall @tensorflow/tfjs-backend-wasm.`);
  return { dir, files };
}

type Next = (err?: unknown) => void;

/** Connect middleware for `<base>tfjs-wasm/<file>.wasm`; other URLs go to `next`. */
export function createWasmMiddleware(prefix: string, dir: string, files: string[]) {
  return function wasmMiddleware(req: IncomingMessage, res: ServerResponse, next: Next): void {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!pathname.startsWith(prefix)) return next();
    const name = pathname.slice(prefix.length);
    if (!files.includes(name)) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`${pathname}: not a tfjs wasm binary; there are ${files.join(", ")}\n`);
      return;
    }
    const file = path.join(dir, name);
    res.writeHead(200, {
      // application/wasm lets the kernel use WebAssembly.instantiateStreaming.
      "Content-Type": "application/wasm",
      "Content-Length": String(statSync(file).size),
      // COEP require-corp on the page and worker: the binary must say who may embed it.
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "public, max-age=86400",
    });
    res.end(req.method === "HEAD" ? undefined : readFileSync(file));
  };
}

/**
 * Serves and emits the tfjs wasm binaries, and provides `virtual:tfjs-wasm` exporting `wasmPath` (the folder's URL
 * path, with the app's base, ending in "/") and `wasmFiles`.
 */
export function tfjsWasmPlugin(): Plugin {
  let root = process.cwd();
  let base = "/";
  const load = () => findWasmFiles(root);
  // A relative base ("./") still serves from the site root in dev and preview.
  const serverPrefix = () => `${base.startsWith("/") ? base : "/"}${TFJS_WASM_DIR}/`;
  return {
    name: "gradbook:tfjs-wasm",
    configResolved(config) {
      root = config.root;
      base = config.base.endsWith("/") ? config.base : config.base + "/";
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const { files } = load();
      return `export const wasmPath = ${JSON.stringify(`${base}${TFJS_WASM_DIR}/`)};\nexport const wasmFiles = ${JSON.stringify(files)};\n`;
    },
    configureServer(server) {
      const { dir, files } = load();
      server.middlewares.use(createWasmMiddleware(serverPrefix(), dir, files));
    },
    configurePreviewServer(server) {
      // The build holds copies, but serving from node_modules here keeps the headers identical to dev.
      const { dir, files } = load();
      server.middlewares.use(createWasmMiddleware(serverPrefix(), dir, files));
    },
    generateBundle() {
      const { dir, files } = load();
      for (const name of files) {
        this.emitFile({ type: "asset", fileName: `${TFJS_WASM_DIR}/${name}`, source: readFileSync(path.join(dir, name)) });
      }
    },
  };
}
