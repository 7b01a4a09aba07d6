// Helpers for the specs of the built site on a plain static server: where the build is, its base, and what the page shows.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** The build under test: GRADBOOK_E2E_DIST, else dist/. */
export const DIST = path.resolve(process.env.GRADBOOK_E2E_DIST ?? "dist");
/** The static server's port: GRADBOOK_E2E_STATIC_PORT, else any free one (the preview server keeps GRADBOOK_E2E_PORT). */
export const STATIC_PORT = Number(process.env.GRADBOOK_E2E_STATIC_PORT ?? 0);

/** The base a build was made with (GRADBOOK_BASE), read from its index.html. */
export function buildBase(dir: string): string {
  const html = readFileSync(path.join(dir, "index.html"), "utf8");
  const m = /src="([^"]*)assets\/main-[^"]*\.js"/.exec(html);
  if (!m) throw new Error(`${dir}/index.html names no assets/main-*.js; is it a Gradbook build?`);
  return m[1];
}

/** A writable copy of a build (a spec that changes sw.js must not touch the shared one). */
export function copyBuild(dir: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), "gradbook-site-"));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** The CI size of mnist-softmax (src/tutorials/ci-sizes.ts), typed into its parameters cell. */
export const SOFTMAX_CI_PARAMS = "const epochs = 1;\nconst batchSize = 64;\nconst learningRate = 0.03;\nconst trainLimit = 4800;";

/** Waits for the kernel to be ready (idle) after a navigation, which may include the one reload into isolation. */
export async function waitReady(page: Page, timeout = 180_000): Promise<void> {
  await expect(page.getByTestId("kernel-status")).toHaveText("idle", { timeout });
}

/** The final "Accuracy: n/10000 (x%)" of the cell outputs. */
export async function lastAccuracy(page: Page): Promise<number> {
  const text = (await page.getByTestId("cell-output").allInnerTexts()).join("\n");
  expect(text).not.toMatch(/Error/);
  const all = [...text.matchAll(/Accuracy: (\d+)\/10000 \(([\d.]+)%\)/g)];
  expect(all.length).toBeGreaterThan(0);
  return Number(all[all.length - 1][2]);
}

/** How many MNIST files the browser keeps (the kernel's Cache Storage, src/data/mnist-cache.ts). */
export function mnistCached(page: Page): Promise<number> {
  return page.evaluate(async () => ((await caches.has("gradbook-mnist-v1")) ? (await (await caches.open("gradbook-mnist-v1")).keys()).length : 0));
}
