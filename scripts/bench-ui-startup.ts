// The UI bench's start-up part: navigation → ready kernel, cold (each start in a fresh browser profile: new
// user-data dir, empty caches, no service worker) and warm (reloads of one profile), with the app's phase marks.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_ARGS } from "../playwright.config";
import { installUiProbe } from "./bench-ui-probe";
import { phasesFromMarks, type StartupRun, type StartupSample } from "./bench-ui-summary";

const say = (line: string) => process.stderr.write(line + "\n");
const fmt = (x: number | null) => (x === null ? "–" : `${x.toFixed(0)} ms`);

async function persistentProfile(dir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
  await context.addInitScript({ content: `var __name = (f) => f; (${installUiProbe.toString()})();` });
  return context;
}

/** Waits for the ready kernel (and the first editor's colours), then reads the probe and the app's marks (page clock). */
async function sample(page: Page): Promise<StartupSample> {
  await page.waitForFunction(() => window.gbProbe?.kernelReadyMs !== null, undefined, { timeout: 120_000, polling: 50 });
  await page.waitForFunction(() => window.gbProbe.editorColoredMs !== null, undefined, { timeout: 20_000, polling: 50 }).catch(() => undefined);
  const { readyMs, linesMs, coloredMs, marks } = await page.evaluate(() => ({
    readyMs: window.gbProbe.kernelReadyMs!,
    linesMs: window.gbProbe.editorReadyMs,
    coloredMs: window.gbProbe.editorColoredMs,
    marks: performance.getEntriesByType("mark").map((m) => ({ name: m.name, startTime: m.startTime })),
  }));
  return { readyMs, phases: phasesFromMarks(marks), editorLinesMs: linesMs, editorColoredMs: coloredMs };
}

function line(kind: string, s: StartupSample): string {
  const phases = s.phases ? Object.entries(s.phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ") : "no phase marks";
  return `${kind}: ready ${fmt(s.readyMs)} (${phases}); editor lines ${fmt(s.editorLinesMs)}, coloured ${fmt(s.editorColoredMs)}`;
}

/**
 * Before a reload counts as warm, the profile must hold what a returning learner's does: the service worker active
 * (its precache done) and auto's measured choice kept (the status bar shows the measured numbers).
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker?.ready.then(() => undefined)).catch(() => undefined);
  await page.getByTestId("backend-measured").waitFor({ timeout: 20_000 }).catch(() => say("warm: auto's measured numbers did not show; reloading anyway"));
}

/** `cold` fresh profiles; the first one is then reloaded `warm` times. */
export async function startupRuns(url: string, cold: number, warm: number): Promise<StartupRun> {
  const run: StartupRun = { cold: [], warm: [] };
  for (let i = 0; i < cold; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), "gradbook-bench-profile-"));
    const context = await persistentProfile(dir);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      const s = await sample(page);
      run.cold.push(s);
      say(line(`cold ${i + 1}/${cold}`, s));
      if (i > 0) continue;
      for (let j = 0; j < warm; j++) {
        await settle(page);
        await page.reload();
        const w = await sample(page);
        run.warm.push(w);
        say(line(`warm ${j + 1}/${warm}`, w));
      }
    } finally {
      await context.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return run;
}
