// Finds the MNIST .gz files for the dev/preview server: GRADBOOK_MNIST_DIR, ../shared/mnist, .cache/mnist, or a mirror.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ALL_MNIST_FILES, type MnistFileInfo } from "../src/data/mnist-files";

/** Public mirrors of the original files, tried in order (yann.lecun.com no longer serves them reliably). */
export const MNIST_MIRRORS = [
  "https://storage.googleapis.com/cvdf-datasets/mnist/",
  "https://ossci-datasets.s3.amazonaws.com/mnist/",
];

export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface MnistStoreOptions {
  /** The project root (vite's `config.root`); `../shared/mnist` and `.cache/mnist` are relative to it. */
  root: string;
  /** Environment to read `GRADBOOK_MNIST_DIR` from; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  fetchImpl?: FetchLike;
  mirrors?: string[];
  /** Per-mirror download time limit in milliseconds. */
  timeoutMs?: number;
  log?: (message: string) => void;
}

/** Where a file was found: the path to stream, and which source it came from (for logs). */
export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
  source: "GRADBOOK_MNIST_DIR" | "shared" | "cache" | "download";
}

/** A file that cannot be served, with the HTTP status and a text body that says what to do. */
export class MnistServeError extends Error {
  override name = "MnistServeError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The known file with this name, or undefined. */
export function mnistFileInfo(name: string): MnistFileInfo | undefined {
  return ALL_MNIST_FILES.find((f) => f.name === name);
}

/** The directories searched before downloading, in order, with the source each stands for. */
export function mnistSearchDirs(
  root: string,
  env: Record<string, string | undefined> = process.env,
): Array<{ dir: string; source: FoundFile["source"] }> {
  const fromEnv = env.GRADBOOK_MNIST_DIR;
  // An explicit directory is the only place looked at: a typo there should fail loudly, not download silently.
  if (fromEnv) return [{ dir: path.resolve(root, fromEnv), source: "GRADBOOK_MNIST_DIR" }];
  return [
    { dir: path.resolve(root, "../shared/mnist"), source: "shared" },
    { dir: mnistCacheDir(root), source: "cache" },
  ];
}

export function mnistCacheDir(root: string): string {
  return path.resolve(root, ".cache/mnist");
}

function found(file: string, source: FoundFile["source"]): FoundFile | undefined {
  if (!existsSync(file)) return undefined;
  const st = statSync(file);
  return st.isFile() ? { path: file, size: st.size, mtimeMs: st.mtimeMs, source } : undefined;
}

const inFlight = new Map<string, Promise<FoundFile>>();

/** Finds `name` locally or downloads it into the cache; throws MnistServeError with status and advice. */
export async function resolveMnistFile(name: string, options: MnistStoreOptions): Promise<FoundFile> {
  const info = mnistFileInfo(name);
  if (!info) {
    const known = ALL_MNIST_FILES.map((f) => f.name).join(", ");
    throw new MnistServeError(404, `Unknown MNIST file "${name}". This server serves only: ${known}.`);
  }
  const env = options.env ?? process.env;
  const dirs = mnistSearchDirs(options.root, env);
  for (const { dir, source } of dirs) {
    const hit = found(path.join(dir, name), source);
    if (hit) return hit;
  }
  if (dirs[0].source === "GRADBOOK_MNIST_DIR") {
    throw new MnistServeError(
      404,
      `GRADBOOK_MNIST_DIR is set to ${dirs[0].dir}, but ${name} is not there. ` +
        `Put the four MNIST .gz files there, or unset GRADBOOK_MNIST_DIR to use ../shared/mnist or a download.`,
    );
  }
  // One download per file even when the page asks twice at once.
  const key = path.join(mnistCacheDir(options.root), name);
  let pending = inFlight.get(key);
  if (!pending) {
    pending = downloadToCache(info, options).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/** Tries each mirror; only bytes with the right md5 reach the cache, written to a temp file then renamed. */
async function downloadToCache(info: MnistFileInfo, options: MnistStoreOptions): Promise<FoundFile> {
  const fetchImpl = options.fetchImpl ?? ((url, init) => fetch(url, init));
  const mirrors = options.mirrors ?? MNIST_MIRRORS;
  const log = options.log ?? (() => {});
  const failures: string[] = [];
  for (const mirror of mirrors) {
    const url = mirror.replace(/\/*$/, "/") + info.name;
    log(`downloading ${url}`);
    let bytes: Uint8Array;
    try {
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 300_000) });
      if (!response.ok) {
        failures.push(`${url}: HTTP ${response.status}`);
        continue;
      }
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      failures.push(`${url}: ${(e as Error).message}`);
      continue;
    }
    const sum = createHash("md5").update(bytes).digest("hex");
    if (sum !== info.md5) {
      failures.push(`${url}: md5 ${sum}, expected ${info.md5} (${bytes.length} bytes); not cached`);
      continue;
    }
    const cacheDir = mnistCacheDir(options.root);
    const target = path.join(cacheDir, info.name);
    const tmp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await mkdir(cacheDir, { recursive: true });
      await writeFile(tmp, bytes);
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      const why = (e as Error).message;
      throw new MnistServeError(500, `Could not write ${target}: ${why}; check the folder's permissions.`);
    }
    log(`cached ${info.name} in ${cacheDir}`);
    return found(target, "download")!;
  }
  throw new MnistServeError(
    502,
    `${info.name} is not on this machine and no mirror gave a good copy:\n  ${failures.join("\n  ")}\n` +
      `Put the four MNIST .gz files in ../shared/mnist (next to the project) or in a folder named by ` +
      `GRADBOOK_MNIST_DIR, then reload; or upload them in the notebook.`,
  );
}
