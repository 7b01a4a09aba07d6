// `npm run bench`: builds bench/, serves it, runs each backend's plan in headless Chromium, adds PyTorch, writes results.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { buildProduction } from "./app-build";
import { preview, type PreviewServer } from "vite";
import { CHROMIUM_ARGS, WEBGPU_ARGS } from "../playwright.config";
import type { BackendRun, BenchBackend, BenchPlan, Measurement, TorchRun } from "../bench/protocol";
import { backendBudgetMs, parseArgs, SGEMM_SIZES, timingPlan, USAGE, UsageError, type BenchArgs } from "./bench-args";
import { median, renderSection, replaceSection, type BenchResults, type Machine } from "./bench-report";
import { runUiBench } from "./bench-ui";
import { runMemoryBench } from "./bench-memory";
import { runOperatorBench } from "./bench-operators";

const root = fileURLToPath(new URL("..", import.meta.url));
const configFile = path.join(root, "bench/vite.config.ts");
const say = (line: string) => process.stderr.write(line + "\n");
/** A backend still running this long after its budget is abandoned (a hung or very slow software GPU). */
const GRACE_MS = 5 * 60_000;

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

async function pickPort(wanted?: number): Promise<number> {
  if (wanted) return wanted;
  for (let p = 4700; p <= 4799; p++) if (await portFree(p)) return p;
  throw new Error("no free port in 4700-4799; pass --port N");
}

function cpuModel(): string {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
    if (line) return line.split(":")[1].trim();
  } catch {
    // not Linux: fall through to Node's view
  }
  return os.cpus()[0]?.model ?? "unknown CPU";
}

function progressLine(backend: string, m: Measurement): string {
  const what = `${backend.padEnd(6)} ${m.impl.padEnd(6)} ${m.model.padEnd(7)} b${String(m.batch).padEnd(4)} ${m.phase.padEnd(5)}`;
  if (m.skipped) return `${what} ${m.skipped}`;
  if (m.error || !m.timing) return `${what} error: ${m.error}`;
  return `${what} ${median(m.timing.samplesMs).toFixed(3)} ms/step (${m.timing.samplesMs.length} × ${m.timing.steps} steps)`;
}

async function runBackend(url: string, plan: BenchPlan): Promise<{ run: BackendRun; chromium: string }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: plan.backend === "webgpu" ? [...CHROMIUM_ARGS, ...WEBGPU_ARGS] : CHROMIUM_ARGS,
  });
  const done: Measurement[] = [];
  const timeoutMs = plan.backendBudgetMs > 0 ? plan.backendBudgetMs + GRACE_MS : 60 * 60_000;
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => say(`[page] ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") say(`[page] ${m.text()}`);
    });
    await page.exposeFunction("benchProgress", (m: Measurement) => {
      done.push(m);
      say(progressLine(plan.backend, m));
    });
    await page.goto(`${url}/bench/index.html`);
    await page.waitForFunction(() => typeof window.runBench === "function", undefined, { timeout: 60_000 });
    const crashed = new Promise<never>((_, reject) => page.on("crash", () => reject(new Error("the page crashed (out of memory?)"))));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`gave up after ${(timeoutMs / 60_000).toFixed(1)} min`)), timeoutMs);
    });
    try {
      const run = await Promise.race([page.evaluate((p) => window.runBench(p), plan), crashed, timeout]);
      return { run, chromium: browser.version() };
    } finally {
      clearTimeout(timer);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    say(`${plan.backend}: ${message}`);
    // Keep what finished before the failure.
    const partial: BackendRun = done.length
      ? { requested: plan.backend, backend: plan.backend, note: `stopped early: ${message}`, measurements: done }
      : { requested: plan.backend, startError: message, measurements: [] };
    return { run: partial, chromium: browser.version() };
  } finally {
    await browser.close().catch(() => {});
  }
}

/**
 * PyTorch through the first python that imports torch, at 1 thread and at fastcpu's `threads`; the reason when none
 * does, or when its torch runs on the reference BLAS (bench_torch.py refuses those timings, exit 3).
 */
function runTorch(args: BenchArgs, threads: number): { torch?: TorchRun; error?: string } {
  const python = ["python3", "/usr/bin/python3"].find((p) => spawnSync(p, ["-c", "import torch"], { stdio: "ignore" }).status === 0);
  if (!python) return { error: "no python3 here imports torch (tried python3 and /usr/bin/python3)" };
  const plan = { models: args.models, batches: args.batches, threads: [1, threads], sgemm: SGEMM_SIZES, ...timingPlan(args.quick) };
  say(`PyTorch via ${python} at 1 and ${threads} threads…`);
  const r = spawnSync(python, [path.join(root, "scripts/bench_torch.py"), JSON.stringify(plan)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 10 * 60_000,
    maxBuffer: 16 << 20,
  });
  process.stderr.write(r.stderr ?? "");
  if (r.status === 3) return { error: (r.stderr ?? "").trim().split("\n").pop() ?? "torch runs on the reference BLAS" };
  if (r.status !== 0) return { error: `scripts/bench_torch.py failed (${r.error?.message ?? `exit ${r.status}`})` };
  return { torch: JSON.parse(r.stdout) as TorchRun };
}

/** The installed version of an npm package (for the table's peer names), or "?" when it is missing. */
function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function writeResults(results: BenchResults, section: string, args: BenchArgs): void {
  const dir = path.join(root, "bench/results");
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(results, null, 2) + "\n";
  writeFileSync(path.join(dir, "latest.json"), json);
  writeFileSync(path.join(dir, `${localDate(new Date(results.date))}.json`), json);
  writeFileSync(path.join(dir, "latest.md"), `# Gradbook bench: latest run\n\n${section}`);
  say(`Wrote bench/results/latest.md, latest.json and ${localDate(new Date(results.date))}.json`);
  if (!args.readme) return;
  const readmePath = path.join(root, "README.md");
  writeFileSync(readmePath, replaceSection(readFileSync(readmePath, "utf8"), section));
  say("Updated the bench section of README.md");
}

/** The bench page's timings per backend, then PyTorch's; with --ui-only and no earlier results, an empty run. */
async function kernelBench(args: BenchArgs, started: number): Promise<BenchResults> {
  const backends: BackendRun[] = [];
  let chromiumVersion = "unknown";
  const skipKernel = args.ui === "only";
  if (!skipKernel) {
    say("Building the bench page (bench/vite.config.ts → bench/dist)…");
    await buildProduction({ configFile, logLevel: "warn" });
    let server: PreviewServer | null = null;
    try {
      const port = await pickPort(args.port);
      server = await preview({ configFile, logLevel: "warn", preview: { host: "127.0.0.1", port, strictPort: true, open: false } });
      const url = `http://127.0.0.1:${port}`;
      for (const backend of args.backends as BenchBackend[]) {
        say(`\n== ${backend} ==`);
        const plan: BenchPlan = {
          backend, models: args.models, batches: args.batches, backendBudgetMs: backendBudgetMs(args), jaxjs: args.jaxjs, sgemm: SGEMM_SIZES, ...timingPlan(args.quick),
        };
        const { run, chromium: version } = await runBackend(url, plan);
        chromiumVersion = version;
        if (run.backend !== backend) say(`${backend}: could not start (${run.startError ?? run.note})`);
        backends.push(run);
      }
    } finally {
      await server?.close().catch(() => {});
    }
  }
  // PyTorch at fastcpu's thread count (as measured in its run; else what fastcpu would take: the cores, at most 4).
  const threads = backends.find((b) => b.requested === "fastcpu" && b.threads)?.threads ?? Math.min(4, os.cpus().length);
  const torch = args.torch && !skipKernel ? runTorch(args, threads) : { error: skipKernel ? "not run (--ui-only)" : "skipped (--no-torch)" };
  const machine: Machine = { cpu: cpuModel(), cores: os.cpus().length, chromium: chromiumVersion, node: process.versions.node };
  return {
    date: new Date().toISOString(),
    machine,
    options: { backends: skipKernel ? [] : args.backends, models: args.models, batches: args.batches, quick: args.quick },
    ...(args.note ? { note: args.note } : {}),
    durationSec: (Date.now() - started) / 1000,
    backends,
    ...(args.jaxjs && args.backends.includes("fastcpu") ? { peers: { jaxjs: packageVersion("@jax-js/jax") } } : {}),
    ...(torch.torch ? { torch: torch.torch } : { torchError: torch.error }),
  };
}

/** The last run's results, to keep the part this run does not measure. */
function readPrevious(): BenchResults | null {
  try {
    return JSON.parse(readFileSync(path.join(root, "bench/results/latest.json"), "utf8")) as BenchResults;
  } catch {
    return null;
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: BenchArgs | null;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    say(`Error: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (!args) {
    say(USAGE);
    return 0;
  }
  const started = Date.now();
  // stdout carries only the table: Vite's info lines go to stderr.
  console.log = console.info = (...parts: unknown[]) => say(parts.map(String).join(" "));
  const previous = readPrevious();
  let results: BenchResults;
  if (args.memoryOnly && previous) {
    say(`Kernel and UI tables kept from the run of ${previous.date.slice(0, 10)} (bench/results/latest.json).`);
    results = previous;
  } else if (args.ui === "only" && previous) {
    say(`Kernel tables kept from the run of ${previous.date.slice(0, 10)} (bench/results/latest.json).`);
    results = previous;
  } else {
    results = await kernelBench(args, started);
  }
  if (args.ui !== "skip" && !args.memoryOnly) {
    const ui = await runUiBench({ port: await pickPort(args.port), quick: args.quick, distDir: args.appDist, backend: args.uiBackend });
    results.ui = args.note ? { ...ui, note: args.note } : ui;
  } else if (previous?.ui) {
    results.ui = previous.ui;
  }
  if ((args.memoryEpochs > 0 && args.ui !== "only") || args.memoryOnly) {
    say(`\n== memory: ${args.memoryEpochs} epochs of the MNIST MLP ==`);
    results.memory = await runMemoryBench({ epochs: args.memoryEpochs, say });
  } else if (previous?.memory) {
    results.memory = previous.memory;
  }
  if (!args.memoryOnly && args.ui !== "only") {
    say("\n== operators in cells: plain-number arithmetic with and without the transform ==");
    await runOperatorBench({ say });
  }
  const section = renderSection(results);
  writeResults(results, section, args);
  process.stdout.write("\n" + section);
  return 0;
}
