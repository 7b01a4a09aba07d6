// `npm run tutorials:full`: runs every tutorial at full size in headless Chromium and writes the results table to README.md.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildProduction } from "./app-build";
import { evaluate, mergeRows, readmeRows, renderTable, SPECS, updateReadme, type ResultRow, type TutorialSpec } from "./tutorials-full-spec";

const root = fileURLToPath(new URL("..", import.meta.url));
const say = (line: string) => process.stderr.write(line + "\n");

export const USAGE = `Usage: npm run tutorials:full -- [options]

Runs every tutorial at full size through the headless runner (npm run notebook) and writes a results table
(tutorial, metric, bar, measured, pass/fail, run time, backend) to README.md between
<!-- tutorials:start --> and <!-- tutorials:end -->. Rows of tutorials not run this time are kept.
Exits 1 if a bar is missed or a tutorial fails.

Options:
  --backend NAME     auto (default: what a learner gets) | fastcpu | wasm | webgpu | webgl | cpu
  --only a,b         run only these tutorial ids (e.g. --only mnist-cnn,q-learning)
  --skip a,b         run all but these
  --timeout MINUTES  give up on one tutorial after this long (default 60)
  --no-readme        print the table only
  --no-build         use dist/ as it is (default: build once before the first tutorial)
  --keep DIR         keep the executed notebooks (DIR/<id>.executed.ipynb) to read every output
  -h, --help         show this help`;

interface Args {
  backend: string;
  only?: string[];
  skip: string[];
  timeoutMinutes: number;
  readme: boolean;
  build: boolean;
  keep?: string;
}

function parseArgs(argv: readonly string[]): Args | null {
  const args: Args = { backend: "auto", skip: [], timeoutMinutes: 60, readme: true, build: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes("=") ? [argv[i].slice(0, argv[i].indexOf("=")), argv[i].slice(argv[i].indexOf("=") + 1)] : [argv[i], undefined];
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "-h" || flag === "--help") return null;
    else if (flag === "--backend") args.backend = value();
    else if (flag === "--only") args.only = value().split(",").filter(Boolean);
    else if (flag === "--skip") args.skip = value().split(",").filter(Boolean);
    else if (flag === "--timeout") args.timeoutMinutes = Number(value());
    else if (flag === "--no-readme") args.readme = false;
    else if (flag === "--no-build") args.build = false;
    else if (flag === "--keep") args.keep = value();
    else throw new Error(`unknown option ${argv[i]} (see --help)`);
  }
  if (!["auto", "fastcpu", "wasm", "webgpu", "webgl", "cpu"].includes(args.backend)) throw new Error(`--backend ${args.backend}: pick auto, fastcpu, wasm, webgpu, webgl or cpu`);
  if (!(args.timeoutMinutes > 0)) throw new Error("--timeout: give minutes, e.g. --timeout 30");
  for (const id of [...(args.only ?? []), ...args.skip]) {
    if (!SPECS.some((s) => s.id === id)) throw new Error(`no tutorial "${id}"; the ids are ${SPECS.map((s) => s.id).join(", ")}`);
  }
  return args;
}

/** Every stream and error text of an executed notebook, in order. */
function printedText(executed: string): string {
  const nb = JSON.parse(executed) as { cells: { outputs?: { output_type: string; text?: string | string[]; ename?: string; evalue?: string }[] }[] };
  const join = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));
  return nb.cells.flatMap((c) => c.outputs ?? []).map((o) => (o.output_type === "stream" ? join(o.text) : o.output_type === "error" ? `${o.ename}: ${o.evalue}\n` : "")).join("");
}

/** Runs one notebook with `npm run notebook` in a child process; resolves with its exit status and stderr tail. */
function runNotebook(spec: TutorialSpec, out: string, args: Args): Promise<{ ok: boolean; error?: string; seconds: number; backend: string }> {
  const argv = [path.join(root, "scripts/run-notebook.mjs"), path.join(root, `src/tutorials/${spec.id}.ipynb`), "--out", out, "--backend", args.backend, "--no-build"];
  for (const [k, v] of Object.entries(spec.params ?? {})) argv.push("-p", `${k}=${JSON.stringify(v)}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let backend = args.backend;
    child.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      stderr = (stderr + text).slice(-4000);
      for (const line of text.split("\n")) {
        const ready = /^Kernel ready: (\S+)/.exec(line);
        if (ready) backend = ready[1];
        if (/^\[\d+\/\d+\] cell/.test(line) || ready) say(`  ${line}`);
      }
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), args.timeoutMinutes * 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      const failed = stderr.split("\n").find((l) => / failed( at line \d+)?: /.test(l))?.trim();
      const error = code === null ? `stopped after ${args.timeoutMinutes} min` : failed ?? `exit ${code}`;
      resolve({ ok: code === 0, error: code === 0 ? undefined : error, seconds, backend: backend.replace(/[()]/g, "") });
    });
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: Args | null;
  try {
    args = parseArgs(argv);
  } catch (e) {
    say(`Error: ${(e as Error).message}`);
    return 2;
  }
  if (!args) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const chosen = SPECS.filter((s) => (args.only ? args.only.includes(s.id) : true) && !args.skip.includes(s.id));
  const missing = chosen.filter((s) => !existsSync(path.join(root, `src/tutorials/${s.id}.ipynb`)));
  if (args.build) {
    // Once, up front: sources edited during a long run must not trigger a rebuild before each tutorial.
    say("Building the app (vite build)…");
    await buildProduction({ root, logLevel: "warn" });
  }
  const dir = args.keep ? path.resolve(args.keep) : mkdtempSync(path.join(tmpdir(), "gradbook-tutorials-"));
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const rows: ResultRow[] = [];
  try {
    for (const spec of chosen) {
      if (missing.includes(spec)) {
        rows.push(...evaluate(spec, "", { ok: false, error: "notebook missing", seconds: 0, backend: args.backend, date }));
        continue;
      }
      say(`${spec.id}${spec.params ? ` (${Object.entries(spec.params).map(([k, v]) => `${k}=${v}`).join(", ")})` : ""} on ${args.backend}…`);
      const out = path.join(dir, `${spec.id}.executed.ipynb`);
      const run = await runNotebook(spec, out, args);
      const text = existsSync(out) ? printedText(readFileSync(out, "utf8")) : "";
      const result = evaluate(spec, text, { ...run, seconds: Math.round(run.seconds), date });
      for (const r of result) say(`  ${r.metric}: ${r.measured} ${r.bar} → ${r.result} (${r.seconds} s)`);
      rows.push(...result);
    }
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
  const readmePath = path.join(root, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const merged = mergeRows(readmeRows(readme), rows);
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const command = ["npm run tutorials:full", ...(argv.length ? ["--", ...argv] : [])].join(" ");
  const note = `Last run: **${date}**, \`${command}\` on ${cpu} (${cpus().length} cores), headless Chromium. Rows from earlier runs keep their own date and backend.`;
  if (args.readme) writeFileSync(readmePath, updateReadme(readme, merged, note));
  process.stdout.write(renderTable(merged) + "\n");
  return rows.some((r) => r.result === "FAIL" || r.result === "error") ? 1 : 0;
}
