// The headless runner CLI (`npm run notebook`): builds if needed, serves dist/, runs runner.html in Chromium, writes the .ipynb.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "@playwright/test";
import { preview, type PreviewServer } from "vite";
import { CHROMIUM_ARGS, WEBGPU_ARGS } from "../playwright.config";
import { NotebookFormatError, parseNotebook, serializeNotebook, type Notebook } from "../src/io/ipynb";
import type { RunnerEvent, RunResult } from "../src/notebook/headless/run-notebook";
import { buildIsStale, buildProduction } from "./app-build";
import { writePython } from "./notebook-to-python";
import { defaultOutPath, parseArgs, USAGE, UsageError, type CliArgs } from "./run-notebook-args";

const root = fileURLToPath(new URL("..", import.meta.url));
const say = (line: string) => process.stderr.write(line + "\n");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function readInput(file: string): { text: string; notebook: Notebook } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `${file}: no such file` : `${file}: cannot read it (${(e as Error).message})`);
  }
  try {
    return { text, notebook: parseNotebook(text, file) };
  } catch (e) {
    if (e instanceof NotebookFormatError) throw new UsageError(e.message);
    throw e;
  }
}

function reportFailure(result: RunResult): void {
  const { failedCell: f, error } = result.status;
  if (!f) {
    say(`Error: ${error ?? "the run failed"}`);
    return;
  }
  const at = f.line !== undefined ? ` at line ${f.line}` : "";
  say(`\nCell ${f.index + 1} of ${result.notebook.cells.length} (id ${f.cellId}, In [${f.executionCount ?? " "}]) failed${at}: ${f.ename}: ${f.evalue}`);
  if (f.sourceLine !== undefined) say(`    ${f.line} | ${f.sourceLine}`);
  // A traceback that is only the header line again adds nothing.
  const header = `${f.ename}: ${f.evalue}`;
  if (f.traceback.some((line) => line !== header)) for (const line of f.traceback) say(`  ${line}`);
}

/** Runs the notebook in an open Chromium page; progress goes to stderr as cells finish. */
async function runInBrowser(browser: Browser, url: string, args: CliArgs, text: string): Promise<RunResult> {
  const page = await browser.newPage();
  const started = Date.now();
  page.on("pageerror", (e) => say(`[page] ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") say(`[page] ${m.text()}`);
  });
  await page.exposeFunction("gradbookRunnerReport", (event: RunnerEvent) => {
    switch (event.type) {
      case "warning":
        return say(`Warning: ${event.message}`);
      case "ready":
        return say(`Kernel ready: ${event.note || event.backend}`);
      case "stream":
        if (args.logOutput) process.stderr.write(event.text);
        return;
      case "cell-done":
        return say(
          `[${event.done}/${event.total}] cell ${event.index + 1} (id ${event.cellId}) ${event.ok ? "ok" : "FAILED"} in ` +
            `${seconds(event.elapsedMs)} · ${seconds(Date.now() - started)} elapsed`,
        );
    }
  });
  const crashed = new Promise<never>((_, reject) => page.on("crash", () => reject(new Error("the browser page crashed (out of memory?)"))));
  await page.goto(`${url}/runner.html${args.backend ? `?backend=${args.backend}` : ""}`);
  await page.waitForFunction(() => "gradbookRunner" in window, undefined, { timeout: 60_000 });
  const input = { text, fileName: path.basename(args.notebook), parameters: args.parameters, cellTimeoutMs: args.timeoutMs };
  const run = page.evaluate(async ({ text, ...options }) => {
    const report = (window as unknown as { gradbookRunnerReport(e: unknown): Promise<void> }).gradbookRunnerReport;
    // Wait for every report to reach Node before resolving, so no progress line prints after the summary.
    const pending: Promise<void>[] = [];
    const result = await window.gradbookRunner.run(text, { ...options, onEvent: (e) => void pending.push(report(e)) });
    await Promise.all(pending);
    return result;
  }, input);
  return Promise.race([run, crashed]);
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs | null;
  let input: { text: string; notebook: Notebook };
  try {
    args = parseArgs(argv);
    if (!args) {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    input = readInput(args.notebook);
    if (args.toPython) return writePython(input.notebook, args.toPython, say);
    const outDir = path.dirname(args.out ?? defaultOutPath(args.notebook));
    if (!statSync(outDir, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError(`cannot write the executed notebook into ${outDir}: no such folder`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    say(`Error: ${e.message}\n(see npm run notebook -- --help)`);
    return 2;
  }
  // stdout carries only the output path: send Vite's and the MNIST server's info lines to stderr.
  console.log = console.info = (...parts: unknown[]) => say(parts.map(String).join(" "));
  // Vite's advice about a future config loader is for `vite build`'s users, not noise for every run here.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= "true";

  if (args.build === "never" && !statSync(path.join(root, "dist/runner.html"), { throwIfNoEntry: false })) {
    say("Error: dist/runner.html is missing; run `npm run build` first, or drop --no-build.");
    return 2;
  }
  if (args.build === "always" || (args.build === "auto" && buildIsStale())) {
    say("Building the app (vite build)…");
    await buildProduction({ root, logLevel: "warn" });
  }
  const out = args.out ?? defaultOutPath(args.notebook);
  let server: PreviewServer | null = null;
  let browser: Browser | null = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    browser = null;
    server = null;
  };
  let stopping = false;
  const onSignal = () => {
    stopping = true;
    say("Interrupted: closing the browser and the server.");
    void cleanup().then(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const port = args.port ?? (await freePort());
    server = await preview({ root, logLevel: "warn", preview: { host: "127.0.0.1", port, strictPort: true, open: false } });
    say(`Running ${args.notebook} in headless Chromium…`);
    const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
    browser = await chromium
      .launch({ executablePath, args: args.backend === "webgpu" ? [...CHROMIUM_ARGS, ...WEBGPU_ARGS] : CHROMIUM_ARGS })
      .catch((e: Error) => {
        const why = e.message.split("\n")[0];
        throw new Error(`could not start Chromium at ${executablePath} (${why}); install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
      });
    const result = await runInBrowser(browser, `http://127.0.0.1:${port}`, args, input.text);
    writeFileSync(out, serializeNotebook(result.notebook));
    if (!result.status.ok) reportFailure(result);
    say(result.status.ok ? `Wrote ${out}` : `Wrote ${out} (executed up to the failing cell)`);
    process.stdout.write(out + "\n");
    return result.status.ok ? 0 : 1;
  } catch (e) {
    if (stopping) return 130; // the page closed under a pending call: expected, not an error
    throw e;
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
