// Start-up you can read (issue 15 point 5): while the kernel starts, the status bar says what it is doing, phase by
// phase, in the UI language; editors are highlighted before the kernel is ready; a start that fails names its phase.
// The engine is slowed down deterministically by holding back the tfjs wasm binaries (no test hooks in the app).
import { expect, test, type BrowserContext, type Page } from "@playwright/test";

// No service worker: it would serve the app's files from its cache, past the routes below (the preview server's
// headers isolate the page without it). Its script answers 404, so it does not register and the app says why.
test.beforeEach(async ({ context }) => {
  await context.route(/\/sw\.js(\?.*)?$/, (route) => route.fulfill({ status: 404, body: "no service worker in this test" }));
});

/** Holds back, for `ms` before the server answers, every request whose URL matches. */
async function holdBack(context: BrowserContext, url: RegExp, ms: number): Promise<void> {
  await context.route(url, async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

/** Holds every tfjs wasm binary back for `ms`: the engine's longest step. */
const slowEngine = (context: BrowserContext, ms: number) => holdBack(context, /\/tfjs-wasm\/.*\.wasm(\?.*)?$/, ms);

/** Records, from the first paint on, each start-up line the status bar shows (phase and text), in order. */
async function recordStartupLines(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { phase: string; text: string; title: string; state: string }[] = [];
    (window as unknown as { startupLines: typeof seen }).startupLines = seen;
    new MutationObserver(() => {
      const line = document.querySelector('[data-testid="kernel-startup"]');
      if (!line) return;
      const entry = {
        phase: line.getAttribute("data-phase") ?? "",
        text: line.textContent ?? "",
        title: line.getAttribute("title") ?? "",
        state: document.querySelector('[data-testid="kernel-status"]')?.textContent ?? "",
      };
      const last = seen[seen.length - 1];
      if (!last || last.phase !== entry.phase || last.text !== entry.text) seen.push(entry);
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

const lines = (page: Page) =>
  page.evaluate(() => (window as unknown as { startupLines: { phase: string; text: string; title: string; state: string }[] }).startupLines);

/** Phases in the order shown, each run of the same phase once. */
const phaseRuns = (seen: { phase: string }[]) => seen.map((s) => s.phase).filter((p, i, all) => i === 0 || all[i - 1] !== p);

test("the start-up phases show in order while the kernel starts, with the engine's bytes", async ({ page, context }) => {
  // Held back so each shows on any machine: the wasm binary (the engine), then the code that starts the threads (the
  // binary's bytes are in by then: the line shows them meanwhile). The threads phase lasts while the pool's workers
  // start (a nested worker each, whose requests the routes do not see).
  await slowEngine(context, 2500);
  await holdBack(context, /\/assets\/spawn-[^/]*\.js(\?.*)?$/, 1500);
  await recordStartupLines(page);
  await page.goto("/?notebook=mnist-softmax&backend=fastcpu");
  // Held back on the wasm binary: the line says the engine is loading, not a bare "starting".
  await expect(page.getByTestId("kernel-status")).toHaveText("starting");
  await expect(page.getByTestId("kernel-startup")).toHaveAttribute("data-phase", "engine");
  await expect(page.getByTestId("kernel-startup")).toContainText("loading the engine");
  await expect(page.getByTestId("kernel-status")).toHaveText("idle", { timeout: 120_000 });
  await expect(page.getByTestId("kernel-startup")).toHaveCount(0);
  const seen = await lines(page);
  console.log(`[startup] ${seen.map((s) => `${s.phase}: ${s.text}`).join(" | ")}`);
  // fastcpu: the engine (script, then the wasm binary), its threads (the page is cross-origin isolated), then the
  // warm-up (one tiny op, ready right after it: a busy page may draw the two in one frame, so it may not be seen).
  expect(["engine,threads", "engine,threads,warmup"]).toContain(phaseRuns(seen).join(","));
  expect(seen.some((s) => /^loading the engine \d+ \/ 415 KB$/.test(s.text))).toBe(true);
  expect(seen.some((s) => s.title.endsWith(": tfjs-backend-wasm-simd.wasm"))).toBe(true);
  expect(seen.some((s) => /^starting threads \d \/ \d$/.test(s.text))).toBe(true);
  expect(seen.every((s) => s.state === "starting")).toBe(true);
});

test("editors are highlighted while the kernel is still starting", async ({ page, context }) => {
  await slowEngine(context, 25_000);
  // When an editor's lines first show, and when a token first has a colour of its own (Monaco's default token class
  // is mtk1; a keyword, a string or a number gets another), with the kernel's state at that moment.
  await page.addInitScript(() => {
    const seen: { linesAt: number | null; coloredAt: number | null; stateThen: string | null } = { linesAt: null, coloredAt: null, stateThen: null };
    (window as unknown as { editorLook: typeof seen }).editorLook = seen;
    new MutationObserver(() => {
      const lines = document.querySelector('[data-testid="cell"][data-cell-type="code"] .monaco-editor .view-lines');
      if (!lines || !lines.querySelector("span[class*=mtk]")) return;
      seen.linesAt ??= performance.now();
      if (seen.coloredAt !== null) return;
      const plain = lines.querySelector(".mtk1");
      const base = plain ? getComputedStyle(plain).color : "";
      const colored = [...lines.querySelectorAll<HTMLElement>("span[class*=mtk]")].some(
        (t) => !t.classList.contains("mtk1") && (t.textContent ?? "").trim() !== "" && getComputedStyle(t).color !== base,
      );
      if (!colored) return;
      seen.coloredAt = performance.now();
      seen.stateThen = document.querySelector('[data-testid="kernel-status"]')?.textContent ?? null;
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.goto("/?notebook=mnist-softmax");
  const look = () => page.evaluate(() => (window as unknown as { editorLook: { linesAt: number | null; coloredAt: number | null; stateThen: string | null } }).editorLook);
  // The engine is held back 25 s, so the kernel cannot be ready within this wait.
  await expect.poll(async () => (await look()).coloredAt !== null, { timeout: 20_000 }).toBe(true);
  const seen = await look();
  console.log(`[startup] editor lines at ${seen.linesAt?.toFixed(0)} ms, coloured at ${seen.coloredAt?.toFixed(0)} ms, kernel ${seen.stateThen}`);
  expect(seen.stateThen).toBe("starting");
  // Coloured as they first show, not a plain-text editor coloured later in the browser's idle time.
  expect(seen.coloredAt! - seen.linesAt!).toBeLessThan(300);
});

test("the Korean UI says what the kernel is doing in Korean", async ({ page, context }) => {
  await slowEngine(context, 6000);
  await page.addInitScript(() => localStorage.setItem("gradbook.lang", "ko"));
  await page.goto("/?notebook=mnist-softmax&backend=fastcpu");
  await expect(page.getByTestId("kernel-status")).toHaveText("starting");
  await expect(page.getByTestId("kernel-startup")).toContainText("엔진 불러오는 중");
  await expect(page.getByTestId("kernel-startup")).not.toContainText("loading");
  await expect(page.getByTestId("kernel-status")).toHaveText("idle", { timeout: 120_000 });
});

test("a kernel that fails to start says which phase failed", async ({ page, context }) => {
  // The kernel's worker script never arrives: the engine (tfjs is bundled in it) cannot load.
  await context.route(/\/assets\/kernel\.worker-[^/]*\.js(\?.*)?$/, (route) => route.fulfill({ status: 404, body: "gone" }));
  await page.goto("/?notebook=mnist-softmax");
  await expect(page.getByTestId("kernel-status")).toHaveText("error", { timeout: 60_000 });
  await expect(page.getByTestId("kernel-startup-failed")).toHaveText("failed while loading the engine");
  await expect(page.getByTestId("kernel-startup-failed")).toHaveAttribute("data-phase", "engine");
});
