// The built site on a plain static server (no COOP/COEP, no CSP headers; not Vite): MNIST from the build, threads via
// the service worker's isolation, the CSP still holding, offline after one visit, bad MNIST uploads refused, updates.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PAGE_CSP } from "../vite/csp-plugin";
import { codeCellOutput, runCodeCell, setCodeCell, waitIdle } from "./helpers";
import { openNotebookId } from "./library-helpers";
import { startStaticServer, type StaticServer } from "./static-server";
import { DIST, SOFTMAX_CI_PARAMS, STATIC_PORT, buildBase, copyBuild, lastAccuracy, mnistCached, waitReady } from "./static-site";
import { probeEvalAndInlineScript } from "./csp-probe";

let site: string;
let server: StaticServer;

test.beforeAll(async () => {
  site = copyBuild(DIST);
  server = await startStaticServer(site, STATIC_PORT, buildBase(site));
});
test.afterAll(async () => {
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

test("mnist-softmax at CI size on a static host: MNIST from the build, thread pool via service-worker isolation", async ({ page }) => {
  page.on("console", (m) => m.type() === "error" && console.log(`[page error] ${m.text()}`));
  const t0 = Date.now();
  // fastcpu forced: auto picks by timing, and on a busy machine may pick wasm, which has no thread pool to check.
  await page.goto(`${server.url}?notebook=mnist-softmax&backend=fastcpu`);
  await waitReady(page);
  const cold = Date.now() - t0;
  // The host sent no COOP/COEP: the service worker did, after one reload.
  await expect(page.getByTestId("isolation")).toHaveAttribute("data-source", "service-worker");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const backend = (await page.getByTestId("backend-name").innerText()).trim();
  const note = (await page.getByTestId("backend-name").getAttribute("title")) ?? "";
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  console.log(`[backend] ${backend}: ${note}`);
  expect(backend).toBe("fastcpu");
  expect(note).toMatch(cores > 1 ? new RegExp(`${Math.min(cores, 4)} threads`) : /one thread: this machine reports one logical core/);

  await setCodeCell(page, 0, SOFTMAX_CI_PARAMS);
  await page.getByTestId("run-all").click();
  await expect(page.getByTestId("kernel-status")).toHaveText("busy");
  await waitIdle(page);
  const acc = await lastAccuracy(page);
  console.log(`[accuracy] ${acc}% on ${backend} (static host, CI size)`);
  expect(acc).toBeGreaterThanOrEqual(80);
  // The data came from the build's mnist/ folder on the static host.
  expect(server.requests.some((p) => p.endsWith("/mnist/t10k-images-idx3-ubyte.gz"))).toBe(true);

  // First-visit bytes: everything the host sent until the shell and MNIST were cached.
  await expect.poll(() => mnistCached(page), { timeout: 120_000 }).toBe(4);
  console.log(`[size] first visit: ${(server.bytes() / 1e6).toFixed(1)} MB from the host in ${server.requests.length} requests`);
  const t1 = Date.now();
  await page.reload();
  await waitReady(page);
  console.log(`[timing] cold open (first visit, incl. install + reload) ${cold} ms; warm open ${Date.now() - t1} ms`);
});

test("the production CSP holds on a static host: no eval or inline script in the page, the kernel's fetches stay same-origin", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  await page.goto(`${server.url}?notebook=tensors-autograd`);
  await waitReady(page);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content")).toBe(PAGE_CSP);
  const probe = await probeEvalAndInlineScript(page);
  expect(probe).toEqual({ evalRan: false, inlineRan: false });
  // The kernel worker gets the server policy from the service worker (a static host sends none): cells compile
  // (eval allowed there) but cannot reach another origin.
  await setCodeCell(
    page,
    0,
    [
      'let seen = "no violation";',
      'self.addEventListener("securitypolicyviolation", (e) => { seen = `${e.effectiveDirective} blocked ${e.blockedURI}`; });',
      'try { await fetch("http://127.0.0.2:9/leak"); } catch {}',
      "await new Promise((r) => setTimeout(r, 300));",
      "print(seen);",
    ].join("\n"),
  );
  await runCodeCell(page, 0);
  expect(await codeCellOutput(page, 0)).toBe("connect-src blocked http://127.0.0.2:9/leak");
});

test("offline after one visit: the app opens and mnist-softmax trains on the cached MNIST", async ({ page, context }) => {
  await page.goto(`${server.url}?notebook=mnist-softmax`);
  await waitReady(page);
  // One visit is enough: the service worker cached the shell and fetched MNIST in the background.
  await expect.poll(() => mnistCached(page), { timeout: 120_000 }).toBe(4);
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state)).toBe("activated");
  // Offline twice over: the browser's network emulation, and the host cutting off anything that still reaches it
  // (Chromium's service-worker update check for sw.js ignores the emulation).
  await context.setOffline(true);
  server.setDown(true);
  const before = server.requests.length;
  const t0 = Date.now();
  await page.reload();
  await waitReady(page);
  console.log(`[timing] offline open to a ready kernel: ${Date.now() - t0} ms`);
  await expect(page.getByTestId("isolation")).toHaveAttribute("data-source", "service-worker");
  await setCodeCell(page, 0, SOFTMAX_CI_PARAMS);
  await page.getByTestId("run-all").click();
  await expect(page.getByTestId("kernel-status")).toHaveText("busy");
  await waitIdle(page);
  expect(await lastAccuracy(page)).toBeGreaterThanOrEqual(80);
  // Nothing but the update check even tried the host (and it got no answer).
  expect(server.requests.slice(before).filter((p) => !p.endsWith("/sw.js"))).toEqual([]);
  server.setDown(false);
  await context.setOffline(false);
});

test("bad MNIST uploads get a clear error and keep nothing; a good one is kept", async ({ page }) => {
  await page.goto(`${server.url}?notebook=tensors-autograd`);
  await waitReady(page);
  const keys = () => page.evaluate(async () => (await (await caches.open("gradbook-mnist-v1")).keys()).map((r) => new URL(r.url).pathname));
  const good = readFileSync(path.join(site, "mnist/t10k-labels-idx1-ubyte.gz"));
  const before = await keys();
  const truncated = { name: "t10k-images-idx3-ubyte", mimeType: "application/octet-stream", buffer: Buffer.concat([Buffer.from([0, 0, 8, 3, 0, 0, 0x27, 0x10, 0, 0, 0, 28, 0, 0, 0, 28]), Buffer.alloc(1000)]) };
  await page.getByTestId("mnist-upload-input").setInputFiles([{ name: "labels.gz", mimeType: "application/gzip", buffer: good }, truncated]);
  const result = page.getByTestId("mnist-upload-result");
  await expect(result).toHaveAttribute("data-ok", "false");
  await expect(result).toContainText("t10k-images-idx3-ubyte (uploaded as t10k-images-idx3-ubyte) is truncated: expected 7840000 bytes");
  expect(await keys()).toEqual(before);
  await page.getByTestId("mnist-upload-input").setInputFiles([{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello, not MNIST") }]);
  await expect(result).toContainText("notes.txt is not an MNIST file: its magic number is");
  expect(await keys()).toEqual(before);
  await page.getByTestId("mnist-upload-input").setInputFiles([{ name: "labels.gz", mimeType: "application/gzip", buffer: good }]);
  await expect(result).toHaveAttribute("data-ok", "true");
  await expect(result).toContainText("t10k-labels-idx1-ubyte");
  expect(await keys()).toContain(`${buildBase(site)}mnist/t10k-labels-idx1-ubyte.gz`);

  // Dropped on the page: MNIST-looking files go to the same check, not to the notebook opener.
  const drop = (name: string, bytes: number[]) =>
    page.evaluate(
      ([n, b]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(b)], n));
        for (const type of ["dragenter", "dragover", "drop"]) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      [name, bytes] as const,
    );
  const gz = [...good];
  await drop("t10k-images-idx3-ubyte.gz", gz.slice(0, gz.length >> 1));
  await expect(result).toHaveAttribute("data-ok", "false");
  await expect(result).toContainText("t10k-images-idx3-ubyte.gz is gzip data that does not un-gzip");
  await drop("t10k-labels-idx1-ubyte.gz", gz);
  await expect(result).toHaveAttribute("data-ok", "true");
  expect(await openNotebookId(page)).toBe("tensors-autograd"); // no notebook was opened from the drop
});

test("a new deploy shows the update prompt; Reload switches to the new version's files only", async ({ page }) => {
  await page.goto(`${server.url}?notebook=tensors-autograd`);
  await waitReady(page);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const oldCaches = await page.evaluate(() => caches.keys());
  // A new deploy: same files, new version id in sw.js (what a rebuild with any change produces).
  const swPath = path.join(site, "sw.js");
  const sw = readFileSync(swPath, "utf8");
  const version = /"version":"([0-9a-f]+)"/.exec(sw)![1];
  writeFileSync(swPath, sw.replace(`"version":"${version}"`, `"version":"${version}b"`));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  await expect(page.getByTestId("update-prompt")).toBeVisible({ timeout: 120_000 });
  await page.getByTestId("update-reload").click();
  await waitReady(page);
  await expect(page.getByTestId("update-prompt")).toHaveCount(0);
  const shells = (await page.evaluate(() => caches.keys())).filter((k) => k.startsWith("gradbook-shell-"));
  expect(oldCaches).toContain(`gradbook-shell-${version}`);
  expect(shells).toEqual([`gradbook-shell-${version}b`]);
});

test("?open=https://… asks first, downloads the notebook (CORS) into the library; a bad file says why", async ({ page, context }) => {
  const url = "https://notebooks.example/course/failing-cell.ipynb";
  const cors = { "Access-Control-Allow-Origin": "*", "Content-Type": "application/x-ipynb+json" };
  await context.route(url, (route) => route.fulfill({ status: 200, headers: cors, body: readFileSync(new URL("./fixtures/failing-cell.ipynb", import.meta.url)) }));
  await context.route("https://notebooks.example/course/broken.ipynb", (route) => route.fulfill({ status: 200, headers: cors, body: "{ not json" }));
  await page.goto(`${server.url}?open=${encodeURIComponent(url)}`);
  await waitReady(page);
  await expect(page.getByTestId("open-url")).toContainText(url);
  expect(await openNotebookId(page)).not.toMatch(/^nb-/); // nothing fetched or opened before the learner says so
  await page.getByTestId("open-url-confirm").click();
  await expect.poll(() => openNotebookId(page)).toMatch(/^nb-/);
  expect(page.url()).not.toContain("open=");
  await expect(page.locator('[data-testid="cell"]').first()).toBeVisible();

  await page.goto(`${server.url}?open=${encodeURIComponent("https://notebooks.example/course/broken.ipynb")}`);
  await waitReady(page);
  await page.getByTestId("open-url-confirm").click();
  await expect(page.getByTestId("open-error")).toContainText("broken.ipynb");
  // http:// elsewhere is refused before any request (the page's CSP allows only https: besides itself).
  await page.goto(`${server.url}?open=${encodeURIComponent("http://notebooks.example/x.ipynb")}`);
  await waitReady(page);
  await expect(page.getByTestId("open-url-error")).toContainText("is not an https:// URL");
});

test("a deploy missing a file: the worker's install fails, and the app opens at once on one thread, saying why", async ({ page }) => {
  const broken = copyBuild(DIST);
  const font = readdirSync(path.join(broken, "assets")).find((f) => f.startsWith("codicon-"))!;
  rmSync(path.join(broken, "assets", font)); // precached, but the page can run without it
  const host = await startStaticServer(broken, 0, buildBase(broken));
  try {
    await page.goto(`${host.url}?notebook=tensors-autograd`);
    await waitReady(page, 120_000);
    await expect(page.getByTestId("isolation")).toHaveAttribute("data-source", "none");
    await expect(page.getByTestId("isolation")).toHaveAttribute("title", /the service worker did not finish installing/);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  } finally {
    await host.close();
    rmSync(broken, { recursive: true, force: true });
  }
});
