// Vite plugin: serves GET /mnist/<file>.gz in dev and preview from disk (see mnist-store.ts); the build bundles none.
import { createReadStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Plugin } from "vite";
import { MnistServeError, resolveMnistFile, type MnistStoreOptions } from "./mnist-store";

/** URL prefix the page and the worker fetch the files from. */
export const MNIST_URL_PREFIX = "/mnist/";

type Next = (err?: unknown) => void;

/** A connect middleware answering `/mnist/*`; anything else goes to `next`. */
export function createMnistMiddleware(options: () => MnistStoreOptions) {
  const announced = new Set<string>();
  return async function mnistMiddleware(req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!pathname.startsWith(MNIST_URL_PREFIX)) return next();
    if (req.method !== "GET" && req.method !== "HEAD") {
      const message = `${req.method} ${pathname}: only GET and HEAD are served here.`;
      return sendText(res, 405, message, { Allow: "GET, HEAD" });
    }
    const name = pathname.slice(MNIST_URL_PREFIX.length);
    const opts = options();
    try {
      const file = await resolveMnistFile(name, opts);
      if (!announced.has(file.source)) {
        announced.add(file.source);
        opts.log?.(`serving MNIST from ${file.path.slice(0, -name.length - 1)} (${file.source})`);
      }
      const etag = `"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
      const headers = {
        "Content-Type": "application/gzip",
        "Cross-Origin-Resource-Policy": "same-origin",
        // Revalidate daily; the ETag makes that a cheap 304. Never set Content-Encoding: the client checks the .gz md5.
        "Cache-Control": "public, max-age=86400",
        ETag: etag,
        "Last-Modified": new Date(file.mtimeMs).toUTCString(),
      };
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, "Content-Length": String(file.size) });
      if (req.method === "HEAD") {
        res.end();
        return;
      }
      const stream = createReadStream(file.path);
      stream.on("error", (e) => res.destroy(e));
      stream.pipe(res);
    } catch (e) {
      if (e instanceof MnistServeError) {
        opts.log?.(e.message);
        return sendText(res, e.status, e.message);
      }
      next(e);
    }
  };
}

function sendText(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  const bytes = Buffer.from(body + "\n", "utf8");
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(bytes.length),
    "Cache-Control": "no-store",
    ...extra,
  });
  res.end(bytes);
}

/**
 * Serves the four MNIST files under `/mnist/` in `vite` and `vite preview`. They are not in `public/` and no
 * build hook emits them, so `vite build` copies nothing (the files are 11 MB; they are served, not bundled).
 */
export function mnistPlugin(overrides: Partial<MnistStoreOptions> = {}): Plugin {
  let root = process.cwd();
  let log: (message: string) => void = (m) => console.info(`[mnist] ${m}`);
  const options = (): MnistStoreOptions => ({ root, log, ...overrides });
  return {
    name: "gradbook-mnist",
    configResolved(config) {
      root = config.root;
      log = (m) => config.logger.info(`[mnist] ${m}`, { timestamp: true });
    },
    configureServer(server) {
      server.middlewares.use(createMnistMiddleware(options));
    },
    configurePreviewServer(server) {
      server.middlewares.use(createMnistMiddleware(options));
    },
  };
}
