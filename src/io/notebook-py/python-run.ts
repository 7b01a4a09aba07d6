// Test helper: runs an exported program with Debian's /usr/bin/python3 (torch from python3-torch), or says what is
// missing. Node-only (child_process); imported by tests, never by the app.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const PYTHON = process.env.GRADBOOK_PYTHON ?? "/usr/bin/python3";

/** null when PYTHON imports torch, else how to get it. */
export function pythonTorchMissing(): string | null {
  const r = spawnSync(PYTHON, ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8" });
  if (r.status === 0) return null;
  return `${PYTHON} cannot import torch (${(r.stderr || String(r.error ?? "")).trim().split("\n").pop()}); install Debian's python3-torch and libopenblas0-pthread (apt-get install -y python3-torch libopenblas0-pthread), as .ci/run does`;
}

/** A fresh folder with `file` holding `text`. */
export function writeProgram(file: string, text: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "gradbook-py-"));
  writeFileSync(path.join(dir, file), text);
  return { dir, file: path.join(dir, file) };
}

export interface PythonResult {
  status: number | null;
  output: string;
  stderr: string;
  seconds: number;
}

/** Runs `python3 args…` in `cwd` with MNIST at `mnistDir`; stdout and stderr kept apart (stderr has the rank notes). */
export function runPython(args: string[], cwd: string, mnistDir: string, timeoutMs: number, env: Record<string, string> = {}): PythonResult {
  const started = Date.now();
  const r: SpawnSyncReturns<string> = spawnSync(PYTHON, args, {
    cwd,
    encoding: "utf8",
    timeout: timeoutMs,
    env: { ...process.env, GRADBOOK_MNIST_DIR: mnistDir, PYTHONUNBUFFERED: "1", ...env },
  });
  return { status: r.status, output: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? `\n${r.error.message}` : ""), seconds: (Date.now() - started) / 1000 };
}
