// The UI half of `npm run bench`: the built app in headless Chromium — open time, cold and warm start to a ready kernel
// (bench-ui-startup.ts), long tasks, chart redraws and typing while training.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "@playwright/test";
import { preview } from "vite";
import { CHROMIUM_ARGS } from "../playwright.config";
import { setCodeCell } from "../e2e/helpers";
import { parseNotebook, sourceToString } from "../src/io/ipynb";
import { installUiProbe, type ProbeState } from "./bench-ui-probe";
import { startupRuns } from "./bench-ui-startup";
import type { UiRun, UiScenario, UiTraining } from "./bench-ui-summary";
import { buildIsStale, buildProduction } from "./app-build";

const root = fileURLToPath(new URL("..", import.meta.url));
const say = (line: string) => process.stderr.write(line + "\n");

const NOTEBOOK = "mnist-mlp";

/**
 * The MLP tutorial's training cell (the first code cell that calls backward()) on `backend` (default: auto, the app's
 * own choice), sized to train for several seconds; the overrides are written into its parameters cell.
 */
function scenario(quick: boolean, backend: string): { scenario: UiScenario; paramsSource: string } {
  const file = path.join(root, `src/tutorials/${NOTEBOOK}.ipynb`);
  const code = parseNotebook(readFileSync(file, "utf8"), file).cells.filter((c) => c.cell_type === "code");
  const sources = code.map((c) => sourceToString(c.source));
  const trainCell = sources.findIndex((s) => s.includes(".backward()") && s.includes("epoch"));
  const paramsCell = code.findIndex((c) => ((c.metadata as { tags?: unknown[] }).tags ?? []).includes("parameters"));
  if (trainCell < 0 || paramsCell !== 0) throw new Error(`${file}: expected a parameters cell first and a training cell (one that calls backward())`);
  // wasm trains 36,000 images in several seconds here; the faster fastcpu gets the whole epoch.
  const params = { epochs: 1, trainLimit: quick ? 9600 : backend === "wasm" ? 36000 : 60000, testLimit: 2000 };
  let paramsSource = sources[paramsCell];
  for (const [name, value] of Object.entries(params)) {
    const declared = new RegExp(`^(\\s*(?:const|let|var)\\s+${name}\\s*=\\s*)[^;\\n]+`, "m");
    if (!declared.test(paramsSource)) throw new Error(`${file}: the parameters cell does not declare ${name}`);
    paramsSource = paramsSource.replace(declared, (_, head: string) => `${head}${value}`);
  }
  return { scenario: { notebook: NOTEBOOK, backend, params, trainCell }, paramsSource };
}

const codeCell = (page: Page, n: number) => page.locator('[data-testid="cell"][data-cell-type="code"]').nth(n);
const probe = (page: Page) => page.evaluate(() => window.gbProbe);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
/** Starts the typed comment, so the page can tell the typed text from the rest of the cell. */
const MARK = "typing:";

async function newProbedPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(); // a fresh context: empty HTTP cache and IndexedDB, a cold load
  const page = await context.newPage();
  page.on("pageerror", (e) => say(`[page] ${e.message}`));
  // The function is serialised into the page; a bundler's name helper must not follow it there.
  await page.addInitScript({ content: `var __name = (f) => f; (${installUiProbe.toString()})();` });
  return page;
}

async function coldLoads(browser: Browser, url: string, loads: number): Promise<UiRun["open"]> {
  const open: UiRun["open"] = { firstCellMs: [], firstCellPaintMs: [], editorReadyMs: [], fcpMs: [] };
  for (let i = 0; i < loads; i++) {
    const page = await newProbedPage(browser);
    try {
      await page.goto(url);
      await page.waitForFunction(() => window.gbProbe.firstCellPaintMs !== null && window.gbProbe.editorReadyMs !== null, undefined, {
        timeout: 60_000,
        polling: 100,
      });
      const p = await probe(page);
      open.firstCellMs.push(p.firstCellMs!);
      open.firstCellPaintMs.push(p.firstCellPaintMs!);
      open.editorReadyMs.push(p.editorReadyMs!);
      if (p.fcpMs !== null) open.fcpMs.push(p.fcpMs);
      say(`load ${i + 1}/${loads}: first cell ${p.firstCellMs!.toFixed(0)} ms, painted ${p.firstCellPaintMs!.toFixed(0)} ms, editor ${p.editorReadyMs!.toFixed(0)} ms`);
    } finally {
      await page.context().close();
    }
  }
  return open;
}

async function waitRunState(page: Page, n: number, state: string, timeout: number): Promise<void> {
  await codeCell(page, n).and(page.locator(`[data-run-state="${state}"]`)).waitFor({ timeout });
}

async function failIfErrors(page: Page, upTo: number): Promise<void> {
  for (let n = 0; n <= upTo; n++) {
    const error = codeCell(page, n).getByTestId("cell-error");
    if (await error.count()) throw new Error(`code cell ${n + 1} failed: ${(await error.first().innerText()).split("\n")[0]}`);
  }
}

/** Types letters into the focused editor, one at a time, while the cell runs; latency per key comes from the page. */
async function typeWhileRunning(page: Page, n: number, maxKeys: number): Promise<{ typed: number; lost: number }> {
  let typed = "";
  const running = async () => (await codeCell(page, n).getAttribute("data-run-state")) === "running";
  while (typed.length < maxKeys && (await running())) {
    typed += LETTERS[typed.length % LETTERS.length];
    await page.evaluate((s) => (window.gbProbe.expectTyped = s), MARK + typed);
    await page.keyboard.press(typed.at(-1)!);
    const shown = await page
      .waitForFunction((k) => window.gbProbe.keyLatencyMs.length >= k, typed.length, { timeout: 5000, polling: 20 })
      .then(() => true, () => false);
    if (!shown) return { typed: typed.length, lost: 1 }; // the next keys could not be told apart: stop here
    await sleep(200);
  }
  return { typed: typed.length, lost: 0 };
}

/** GRADBOOK_UI_PROFILE=file.cpuprofile: the page's main-thread CPU profile over the training run (open it in DevTools). */
async function startProfile(page: Page): Promise<{ stop(file: string): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  return {
    async stop(file) {
      const { profile } = await cdp.send("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
      say(`Wrote the training run's CPU profile to ${file}`);
    },
  };
}

async function training(browser: Browser, url: string, sc: UiScenario, paramsSource: string, maxKeys: number): Promise<UiTraining> {
  const page = await newProbedPage(browser);
  try {
    await page.goto(url);
    await page.getByTestId("kernel-status").filter({ hasText: /^idle$/ }).waitFor({ timeout: 120_000 });
    await setCodeCell(page, 0, paramsSource);
    // Set-up cells (parameters, data, model) run first, unmeasured; the buttons are clicked from script so the focus stays put.
    for (let n = 0; n < sc.trainCell; n++) await codeCell(page, n).getByTestId("cell-run").evaluate((b: HTMLElement) => b.click());
    await page.waitForFunction((n) => {
      const cells = [...document.querySelectorAll('[data-testid="cell"][data-cell-type="code"]')].slice(0, n);
      return cells.every((c) => c.getAttribute("data-run-state") === "idle" && /\d/.test(c.querySelector('[data-testid="execution-count"]')?.textContent ?? ""));
    }, sc.trainCell, { timeout: 5 * 60_000, polling: 250 });
    await failIfErrors(page, sc.trainCell - 1);
    // The keys go to a comment line at the end of the parameters cell, which has run already.
    await codeCell(page, 0).locator(".monaco-editor").first().click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type(`// ${MARK}`);
    await sleep(500);
    const profile = process.env.GRADBOOK_UI_PROFILE ? await startProfile(page) : null;
    const start = await page.evaluate(() => performance.now());
    await codeCell(page, sc.trainCell).getByTestId("cell-run").evaluate((b: HTMLElement) => b.click());
    await waitRunState(page, sc.trainCell, "running", 60_000);
    await sleep(1000);
    const keys = await typeWhileRunning(page, sc.trainCell, maxKeys);
    await waitRunState(page, sc.trainCell, "idle", 10 * 60_000);
    const end = await page.evaluate(() => performance.now());
    if (profile) await profile.stop(process.env.GRADBOOK_UI_PROFILE!);
    await failIfErrors(page, sc.trainCell);
    const printed = (await codeCell(page, sc.trainCell).getByTestId("cell-output").innerText()).trim().split("\n");
    say(`cell ${sc.trainCell + 1} printed: … ${printed.slice(-2).join(" | ")}`);
    const p: ProbeState = await probe(page);
    const backendNote = (await page.getByTestId("backend-name").getAttribute("title")) ?? "";
    say(`backend: ${backendNote}`);
    const within = (t: number) => t >= start && t <= end;
    const longFrames = p.longFrames.filter((f) => within(f.start)).sort((a, b) => b.duration - a.duration).slice(0, 8);
    return {
      durationMs: end - start,
      longTasks: p.longTasks.filter((t) => within(t.start)).map((t) => ({ start: t.start - start, duration: t.duration })),
      longFrames: longFrames.map((f) => ({ ...f, start: f.start - start })),
      chartRedraws: p.chartRedraws.filter(within).map((t) => t - start),
      keyLatencyMs: p.keyLatencyMs,
      keysLost: keys.lost,
      backendNote,
    };
  } finally {
    await page.context().close();
  }
}

/** Builds dist/ when a source is newer (or serves `distDir` as it is), then runs both scenarios. */
export async function runUiBench(opts: { port: number; quick: boolean; distDir?: string; backend?: string }): Promise<UiRun> {
  const { scenario: sc, paramsSource } = scenario(opts.quick, opts.backend ?? "auto");
  if (!opts.distDir && buildIsStale()) {
    say("Building the app (vite build → dist/)…");
    await buildProduction({ root, logLevel: "warn" });
  }
  const outDir = opts.distDir ? path.resolve(opts.distDir) : path.join(root, "dist");
  const server = await preview({ root, logLevel: "warn", build: { outDir }, preview: { host: "127.0.0.1", port: opts.port, strictPort: true, open: false } });
  const url = `http://127.0.0.1:${opts.port}/?notebook=${sc.notebook}&backend=${sc.backend}`;
  const browser = await chromium
    .launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS })
    .catch(async (e: Error) => {
      await server.close();
      throw e;
    });
  const run: UiRun = { date: new Date().toISOString(), chromium: browser.version(), scenario: sc, open: { firstCellMs: [], firstCellPaintMs: [], editorReadyMs: [], fcpMs: [] } };
  try {
    say(`\n== UI: ${opts.quick ? 3 : 5} cold loads of ${url} ==`);
    run.open = await coldLoads(browser, url, opts.quick ? 3 : 5);
    say(`\n== UI: start to a ready kernel, cold (fresh profiles) and warm (reloads) ==`);
    run.startup = await startupRuns(url, 3, 3);
    say(`\n== UI: training (${sc.notebook}, code cell ${sc.trainCell + 1}, ${JSON.stringify(sc.params)}) ==`);
    run.training = await training(browser, url, sc, paramsSource, opts.quick ? 20 : 40);
    say(`trained in ${(run.training.durationMs / 1000).toFixed(1)} s`);
  } catch (e) {
    run.error = e instanceof Error ? e.message.split("\n")[0] : String(e);
    say(`UI bench: ${run.error}`);
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
  return run;
}
