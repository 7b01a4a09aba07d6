// Every tutorial, exported as a PyTorch script, runs at CI size under Debian's python3 + torch, exits 0 and prints
// results inside the bars of python-bars.ts (set from PyTorch runs of the same recipe).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { findTestMnist } from "../../data/test-mnist-source";
import { parseNotebook } from "../ipynb";
import { notebookToScript } from "./program";
import { missedPythonBars, PYTHON_RUNS } from "./python-bars";
import { pythonTorchMissing, runPython, writeProgram } from "./python-run";

const TUTORIALS = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../../tutorials");
const mnist = findTestMnist();

describe("exported tutorials run in PyTorch", () => {
  beforeAll(() => {
    const missing = pythonTorchMissing();
    if (missing) throw new Error(missing);
    if (!mnist.dir) throw new Error(mnist.missing ?? "no MNIST");
  }, 120_000);

  for (const [file, run] of Object.entries(PYTHON_RUNS)) {
    it(`${file} → .py at CI size: ${run.args.join(" ") || "(defaults)"}`, () => {
      const nb = parseNotebook(readFileSync(path.join(TUTORIALS, file), "utf8"), file);
      const name = file.replace(/\.ipynb$/, ".py");
      const exported = notebookToScript(nb, name);
      expect(exported.untranslatable, "every tutorial translates fully").toEqual([]);
      const prog = writeProgram(name, exported.text);
      const r = runPython([prog.file, ...run.args, "--save", ""], prog.dir, mnist.dir!, 240_000);
      expect(r.status, `${file}: python exited ${r.status}\n${r.stderr.slice(-3000)}`).toBe(0);
      expect(missedPythonBars(run, r.output), `${file} printed:\n${r.output.slice(-3000)}`).toEqual([]);
    }, 300_000);
  }
});
