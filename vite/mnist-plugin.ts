// Vite plugin: serves GET <base>mnist/<file>.gz in dev and preview from disk (see mnist-store.ts) and emits the files into the build.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Plugin } from "vite";
import { ALL_MNIST_FILES } from "../src/data/mnist-files";
import { MnistServeError, mnistSearchDirs, resolveMnistFile, type MnistStoreOptions } from "./mnist-store";

/** Folder (under the app's base) the page and the worker fetch the files from. */
export const MNIST_DIR = "mnist";
/** URL prefix of the files when the app's base is "/". */
export const MNIST_URL_PREFIX = `/${MNIST_DIR}/`;

type Next = (err?: unknown) => void;

/** A connect middleware answering `/mnist/*`; anything else goes to `next`. */
export function createMnistMiddleware(options: () => MnistStoreOptions, prefix = MNIST_URL_PREFIX) {
  const announced = new Set<string>();
  return async function mnistMiddleware(req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!pathname.startsWith(prefix)) return next();
    if (req.method !== "GET" && req.method !== "HEAD") {
      const message = `${req.method} ${pathname}: only GET and HEAD are served here.`;
      return sendText(res, 405, message, { Allow: "GET, HEAD" });
    }
    const name = pathname.slice(prefix.length);
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

/** What the build found: the files to emit (md5-checked), or why it ships none. */
export interface BuildMnist {
  files: Array<{ name: string; path: string }>;
  /** Said in the build log when `files` is empty. */
  missing?: string;
}

/**
 * Finds the four files for the build in the places the dev server looks (GRADBOOK_MNIST_DIR, ../shared/mnist,
 * .cache/mnist), never downloading. All four or none: a half set would fail later, in the learner's browser.
 * GRADBOOK_BUILD_MNIST=0 builds without them (the learner uploads the files, or a mirror serves them).
 */
export function findBuildMnist(root: string, env: Record<string, string | undefined> = process.env): BuildMnist {
  if (env.GRADBOOK_BUILD_MNIST === "0") return { files: [], missing: "GRADBOOK_BUILD_MNIST=0: the build ships no MNIST" };
  const dirs = mnistSearchDirs(root, env);
  const problems: string[] = [];
  for (const { dir } of dirs) {
    const files = ALL_MNIST_FILES.map((info) => ({ info, path: path.join(dir, info.name) }));
    const absent = files.filter((f) => !existsSync(f.path)).map((f) => f.info.name);
    if (absent.length === ALL_MNIST_FILES.length) continue;
    if (absent.length > 0) {
      problems.push(`${dir} lacks ${absent.join(", ")}`);
      continue;
    }
    const bad = files.filter((f) => createHash("md5").update(readFileSync(f.path)).digest("hex") !== f.info.md5);
    if (bad.length > 0) {
      problems.push(`${dir}: ${bad.map((f) => f.info.name).join(", ")} fail the md5 check`);
      continue;
    }
    return { files: files.map((f) => ({ name: f.info.name, path: f.path })) };
  }
  const where = dirs.map((d) => d.dir).join(", ");
  return {
    files: [],
    missing:
      `no complete, md5-good set of the four MNIST .gz files in ${where}${problems.length ? ` (${problems.join("; ")})` : ""}; ` +
      `the build ships without MNIST: learners upload the files, or put them in ../shared/mnist or GRADBOOK_MNIST_DIR and rebuild`,
  };
}

/**
 * Serves the four MNIST files under `<base>mnist/` in `vite` and `vite preview`, and emits them into the build at the
 * same path (11 MB, md5-checked here; the kernel checks them again), so a plain static host serves them too.
 */
export function mnistPlugin(overrides: Partial<MnistStoreOptions> = {}): Plugin {
  let root = process.cwd();
  let base = "/";
  let log: (message: string) => void = (m) => console.info(`[mnist] ${m}`);
  let warn: (message: string) => void = (m) => console.warn(`[mnist] ${m}`);
  const options = (): MnistStoreOptions => ({ root, log, ...overrides });
  // A relative base ("./") still serves from the site root in dev and preview.
  const prefix = () => `${base.startsWith("/") ? base : "/"}${MNIST_DIR}/`;
  return {
    name: "gradbook-mnist",
    configResolved(config) {
      root = config.root;
      base = config.base.endsWith("/") ? config.base : config.base + "/";
      log = (m) => config.logger.info(`[mnist] ${m}`, { timestamp: true });
      warn = (m) => config.logger.warn(`[mnist] ${m}`, { timestamp: true });
    },
    configureServer(server) {
      server.middlewares.use(createMnistMiddleware(options, prefix()));
    },
    configurePreviewServer(server) {
      server.middlewares.use(createMnistMiddleware(options, prefix()));
    },
    generateBundle() {
      const found = findBuildMnist(root, overrides.env);
      if (found.missing) warn(found.missing);
      for (const f of found.files) {
        this.emitFile({ type: "asset", fileName: `${MNIST_DIR}/${f.name}`, source: readFileSync(f.path) });
      }
      if (found.files.length) log(`emitted the four MNIST files into ${MNIST_DIR}/ (from ${path.dirname(found.files[0].path)})`);
    },
  };
}
