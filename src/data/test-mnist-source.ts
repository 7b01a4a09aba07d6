// Test helper: points datasets.MNIST at the real files in ../shared/mnist (or GRADBOOK_MNIST_DIR) via a file-backed fetch.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { configureMnist } from "./mnist";

export const MNIST_DIR = process.env.GRADBOOK_MNIST_DIR ?? resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../shared/mnist");

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
