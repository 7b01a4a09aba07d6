// `npm run dev` is as closed as the build (issue 16): the Vite dev server sends the app's CSP, relaxed only for the
// HMR preamble; the hostile notebook opened there makes no request to another origin, page or kernel worker.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEV_SERVER_CSP } from "../vite/csp-plugin";
import { codeCellOutput, runCodeCell } from "./helpers";
import { openNotebookId, uploadFile } from "./library-helpers";

const PORT = Number(process.env.GRADBOOK_E2E_DEV_PORT ?? 5173 + 131);
const ORIGIN = `http://127.0.0.1:${PORT}`;
let server: ChildProcess | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = spawn("npx", ["vite", "--host", "127.0.0.1", "--port", String(PORT), "--strictPort"], { detached: true, stdio: "ignore" });
  await expect
    .poll(async () => (await fetch(ORIGIN).catch(() => null))?.status ?? 0, { timeout: 150_000, intervals: [500] })
    .toBe(200);
});

test.afterAll(() => {
  try {
    if (server?.pid) process.kill(-server.pid, "SIGTERM"); // the whole group: npx and the Vite it started
  } catch {
    // already gone
  }
});

test("the dev server's hostile notebook reaches no other origin: images, media, SVG paints, and cell fetch/import()/WebSocket", async ({ page, context }) => {
  test.setTimeout(8 * 60_000);
  const leaked: string[] = [];
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => {
    leaked.push(route.request().url());
    return route.abort();
  });
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  page.on("dialog", (d) => void d.dismiss());

  const res = await page.goto(`${ORIGIN}/`);
  expect(res?.headers()["content-security-policy"]).toBe(DEV_SERVER_CSP);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(meta).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'$/);
  await expect(page.getByTestId("kernel-status")).toHaveText("idle", { timeout: 240_000 });
  // The app itself (the HMR client and its WebSocket, React Refresh, the kernel worker) trips nothing.
  expect(refused).toEqual([]);

  const buffer = readFileSync(new URL("./fixtures/hostile.ipynb", import.meta.url));
  await uploadFile(page, { name: "hostile.ipynb", mimeType: "application/x-ipynb+json", buffer });
  await expect.poll(() => openNotebookId(page)).toMatch(/^nb-/);
  await expect(page.getByText("Hostile notebook")).toBeVisible();
  await expect(page.getByText("poses as the drop overlay")).toBeVisible();

  // Cell code in the kernel worker: every call out is refused by the worker's policy (the header's).
  await runCodeCell(page, 1);
  const out = await codeCellOutput(page, 1);
  expect(out).toContain("connect-src https://evil.example/fetch");
  expect(out).toMatch(/script-src(-elem)? https:\/\/evil\.example\/module\.js/);
  expect(out).toContain("connect-src wss://evil.example/ws");

  console.log(`[dev CSP] requests to other origins: ${leaked.length}; loads refused by the policy: ${refused.length}`);
  expect(leaked).toEqual([]);
});
