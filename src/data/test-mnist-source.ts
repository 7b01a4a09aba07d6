// Test helper: finds MNIST the way the dev server does (GRADBOOK_MNIST_DIR, ../shared/mnist, .cache/mnist) and serves it to datasets.MNIST.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { it, type TestFunction } from "vitest";
import { mnistSearchDirs } from "../../vite/mnist-store";
import { configureMnist } from "./mnist";
import { ALL_MNIST_FILES } from "./mnist-files";

/** The project root, which the app's search order is relative to. */
const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");

export type TestMnist =
  | { dir: string; source: string; missing: null }
  | { dir: null; source: null; missing: string };

/**
 * The first folder, in the dev server's order (vite/mnist-store.ts `mnistSearchDirs`), that holds all four files.
 * Unlike the server it never downloads: `missing` says where it looked and how to get the files.
 */
export function findTestMnist(root = ROOT, env: Record<string, string | undefined> = process.env): TestMnist {
  const dirs = mnistSearchDirs(root, env);
  for (const { dir, source } of dirs) {
    if (ALL_MNIST_FILES.every((f) => existsSync(resolve(dir, f.name)))) return { dir, source, missing: null };
  }
  const where = dirs.map((d) => `${d.dir} (${d.source})`).join(", ");
  return {
    dir: null,
    source: null,
    missing:
      `no folder holds the four MNIST .gz files; looked in ${where}. Set GRADBOOK_MNIST_DIR to a folder with them, ` +
      `put them in ../shared/mnist, or run \`npm run dev\` and open an MNIST tutorial once to fill .cache/mnist.`,
  };
}

export const MNIST = findTestMnist();
/** The folder the tests read; a path that does not exist when no source was found (those tests skip or fail). */
export const MNIST_DIR = MNIST.dir ?? resolve(ROOT, ".cache/mnist");

/**
 * `it` for a test that needs the real MNIST files. Without them it is skipped, the reason in its name, on a
 * developer's machine; in CI (`CI` set) it fails with that reason, so a CI without MNIST cannot pass quietly.
 */
export function itWithMnist(name: string, fn: TestFunction, timeout?: number): void {
  const missing = MNIST.missing;
  if (!missing) return void it(name, fn, timeout);
  if (process.env.CI) {
    return void it(name, () => {
      throw new Error(`MNIST needed: ${missing}`);
    });
  }
  it.skip(`${name} (skipped, CI not set: ${missing})`, fn, timeout);
}

/** Serves `${MNIST_DIR}/<name>` for URLs under mem://mnist/. */
export async function fileFetch(url: string): Promise<Response> {
  const name = url.split("/").pop()!;
  try {
    const bytes = await readFile(resolve(MNIST_DIR, name));
    return new Response(bytes, { status: 200, headers: { "Content-Length": String(bytes.length) } });
  } catch {
    return new Response("not found", { status: 404 });
  }
}

export function useLocalMnist(): void {
  configureMnist({ baseUrl: "mem://mnist/", fetchImpl: fileFetch });
}
