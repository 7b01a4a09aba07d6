// The site built for a sub-path (GRADBOOK_BASE=/gradbook/) on a plain static server: every request stays under it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { setCodeCell, waitIdle } from "./helpers";
import { startStaticServer, type StaticServer } from "./static-server";
import { SOFTMAX_CI_PARAMS, STATIC_PORT, buildBase, lastAccuracy, mnistCached, waitReady } from "./static-site";

const BASE = "/gradbook/";
let server: StaticServer;
let built: string | undefined; // a build this spec made, removed afterwards

test.beforeAll(async () => {
  test.setTimeout(10 * 60_000);
  // GRADBOOK_E2E_SUBPATH_DIST: a build made with GRADBOOK_BASE=/gradbook/; else this spec builds one (a minute or two).
  let dir = process.env.GRADBOOK_E2E_SUBPATH_DIST;
  if (!dir || !existsSync(path.join(dir, "index.html"))) {
    dir = dir ?? (built = mkdtempSync(path.join(tmpdir(), "gradbook-subpath-")));
    execFileSync("npx", ["vite", "build", "--outDir", dir, "--emptyOutDir"], { env: { ...process.env, GRADBOOK_BASE: BASE }, stdio: "inherit" });
  }
  expect(buildBase(dir)).toBe(BASE);
  server = await startStaticServer(dir, STATIC_PORT, BASE);
});
test.afterAll(async () => {
  await server?.close();
  if (built) rmSync(built, { recursive: true, force: true });
});

test("under /gradbook/: the app isolates itself, trains mnist-softmax at CI size, and asks for nothing outside its base", async ({ page }) => {
  await page.goto(`${server.url}?notebook=mnist-softmax`);
  await waitReady(page);
  await expect(page.getByTestId("isolation")).toHaveAttribute("data-source", "service-worker");
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.url}sw.js`);
  await setCodeCell(page, 0, SOFTMAX_CI_PARAMS);
  await page.getByTestId("run-all").click();
  await expect(page.getByTestId("kernel-status")).toHaveText("busy");
  await waitIdle(page);
  expect(await lastAccuracy(page)).toBeGreaterThanOrEqual(80);
  await expect.poll(() => mnistCached(page), { timeout: 120_000 }).toBe(4);
  const outside = server.requests.filter((p) => !p.startsWith(BASE));
  expect(outside).toEqual([]);
  // wasm, MNIST, workers and the manifest all came from under the base.
  for (const part of ["/gradbook/tfjs-wasm/", "/gradbook/mnist/", "/gradbook/assets/kernel.worker-", "/gradbook/manifest.webmanifest"]) {
    expect(server.requests.some((p) => p.startsWith(part)), part).toBe(true);
  }
});
