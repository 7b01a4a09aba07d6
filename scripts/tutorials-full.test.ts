// Tests for tutorials:full's pure parts: every tutorial has a spec, metrics read from output, the README table round-trips.
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tutorials } from "../src/tutorials";
import { END, evaluate, mergeRows, readmeRows, SPECS, START, updateReadme, type ResultRow } from "./tutorials-full-spec";

const run = { ok: true, seconds: 12, backend: "wasm", date: "2026-01-02" };

describe("tutorials:full specs", () => {
  it("cover every registered tutorial, in curriculum order", () => {
    expect(SPECS.map((s) => s.id)).toEqual(tutorials.map((t) => t.id));
    const files = readdirSync(resolve(__dirname, "../src/tutorials")).filter((f) => f.endsWith(".ipynb"));
    expect(files.sort()).toEqual(SPECS.map((s) => `${s.id}.ipynb`).sort());
  });

  it("reads the last matching number and checks it against the bar", () => {
    const mlp = SPECS.find((s) => s.id === "mnist-mlp")!;
    const out = "Epoch 1: Accuracy: 9000/10000 (90.00%)\nEpoch 2: Accuracy: 9512/10000 (95.12%)\nEpoch 10: Accuracy: 9701/10000 (97.01%)\n";
    expect(evaluate(mlp, out, run).map((r) => [r.metric, r.measured, r.bar, r.result])).toEqual([
      ["2 epochs", "95.12%", "≥ 94.5%", "pass"],
      ["10 epochs", "97.01%", "≥ 97.3%", "FAIL"],
    ]);
    const xor = SPECS.find((s) => s.id === "perceptron-xor")!;
    expect(evaluate(xor, "Hand-written backprop: 4/4 correct\n", run).map((r) => r.result)).toEqual(["pass", "FAIL"]);
    const over = SPECS.find((s) => s.id === "overfitting")!;
    expect(evaluate(over, "dropout 0.5: train 100.00%, test 91.20% (best 91.3%), gap 8.8 points\n", run)[1]).toMatchObject({ measured: "91.20%", result: "ran" });
  });

  it("reports a failed run as an error row and a metric-less tutorial as ran", () => {
    const cnn = SPECS.find((s) => s.id === "mnist-cnn")!;
    expect(evaluate(cnn, "", { ...run, ok: false, error: "Cell 3 failed: TypeError: x" })).toEqual([
      { tutorial: "mnist-cnn", metric: "runs top to bottom", bar: "", measured: "Cell 3 failed: TypeError: x", result: "error", seconds: 12, backend: "wasm", date: "2026-01-02" },
    ]);
    expect(evaluate(SPECS[0], "", run)[0].result).toBe("ran");
  });

  it("rewrites only the block between the markers and keeps rows of tutorials not run", () => {
    const old: ResultRow[] = [
      { tutorial: "q-learning", metric: "m", bar: "≥ 70%", measured: "100.0%", result: "pass", seconds: 95, backend: "wasm", date: "2026-01-01" },
      { tutorial: "mnist-cnn", metric: "old", bar: "≥ 97.8%", measured: "97.0%", result: "FAIL", seconds: 30, backend: "cpu", date: "2026-01-01" },
    ];
    const readme = updateReadme("# Title\n\nintro\n", old, "first");
    expect(readme).toContain(START);
    expect(readmeRows(readme)).toEqual(old);
    const fresh = evaluate(SPECS.find((s) => s.id === "mnist-cnn")!, "Accuracy: 9850/10000 (98.50%)", run);
    const merged = mergeRows(readmeRows(readme), fresh);
    expect(merged.map((r) => [r.tutorial, r.measured])).toEqual([["mnist-cnn", "98.50%"], ["q-learning", "100.0%"]]);
    const again = updateReadme(readme + "\n## After\n", merged, "second");
    expect(again.startsWith("# Title\n\nintro\n")).toBe(true);
    expect(again).toContain("second");
    expect(again).not.toContain("first");
    expect(again.split(END)[1]).toContain("## After");
  });
});
