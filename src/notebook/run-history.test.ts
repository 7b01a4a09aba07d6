// Tests for run-history.ts and the reducer's recording of runs: curves, trimming, labels, ticks survive in metadata.
import { describe, expect, it } from "vitest";
import type { MetricPoint } from "../kernel/protocol";
import { makeCell, makeNotebook } from "./cells";
import { openNotebook, saveNotebook } from "./ipynb-convert";
import { notebookReducer } from "./reducer";
import { addRun, changedHParams, curvesFrom, MAX_RUNS, recordOf, runLabel, runsOf, RUNS_KEY, trimRuns, type RunRecord } from "./run-history";

const p = (name: string, step: number, value: number, axis: MetricPoint["axis"] = "step"): MetricPoint => ({ name, step, value, axis });

const run = (i: number): Omit<RunRecord, "n"> => ({ id: `r${i}`, startedAt: null, elapsedMs: 1, ok: true, code: "", hparams: {}, curves: [] });

describe("run history", () => {
  it("groups curves by axis and name, sorted, thinned to the bound", () => {
    const points = [...Array.from({ length: 1000 }, (_, i) => p("loss", 1000 - i, i)), p("acc", 1, 0.5, "epoch")];
    const curves = curvesFrom(points, 100);
    expect(curves.map((c) => [c.axis, c.name, c.x.length])).toEqual([
      ["step", "loss", 100],
      ["epoch", "acc", 1],
    ]);
    expect(curves[0].x[0]).toBe(10);
    expect(curves[0].y[0]).toBeCloseTo(999 - 4.5, 6);
  });

  it("keeps one value per x, the last sent: a running epoch's partial means give way to its final mean", () => {
    const points = [p("loss", 1, 0.9, "epoch"), p("loss", 1, 0.5, "epoch"), p("loss", 2, 0.45, "epoch"), p("loss", 1, 0.4, "epoch"), p("loss", 2, 0.3, "epoch")];
    expect(curvesFrom(points, 100)).toEqual([{ name: "loss", axis: "epoch", x: [1, 2], y: [0.4, 0.3] }]);
  });

  it("keeps the last MAX_RUNS runs and keeps counting", () => {
    let runs: RunRecord[] = [];
    for (let i = 1; i <= MAX_RUNS + 5; i++) runs = addRun(runs, run(i));
    expect(runs).toHaveLength(MAX_RUNS);
    expect(runs[0].n).toBe(6);
    expect(runs.at(-1)!.n).toBe(MAX_RUNS + 5);
    expect(trimRuns(runs, 3).map((r) => r.n)).toEqual([23, 24, 25]);
  });

  it("labels and compares runs", () => {
    const r: RunRecord = { ...run(1), n: 3, startedAt: Date.UTC(2026, 0, 1, 14, 2), hparams: { lr: 0.03, optimizer: "SGD" } };
    expect(runLabel(r, () => "14:02")).toBe("run 3 · 14:02 · lr 0.03");
    expect(runLabel({ ...r, name: "ReLU" }, () => "14:02")).toBe("ReLU · 14:02 · lr 0.03");
    expect(changedHParams({ lr: 0.1, optimizer: "SGD" }, r.hparams)).toEqual(["lr: 0.1 → 0.03"]);
    expect(recordOf({ id: "x", startedAt: 1, elapsedMs: 1, ok: true, code: "" }, { points: [] })).toBeNull();
  });

  it("the reducer records a charted run with its code and hyperparameters, and the history round-trips .ipynb", () => {
    let doc = makeNotebook([makeCell("code", "train(0.1)", { id: "c" })]);
    const once = (runId: string, source: string, lr: number) => {
      doc = notebookReducer(doc, { type: "update-source", id: "c", source });
      doc = notebookReducer(doc, { type: "run-start", id: "c", runId, startedAt: 1000 });
      doc = notebookReducer(doc, { type: "metrics", id: "c", runId, points: [p("loss", 1, 2), p("loss", 2, 1)] });
      doc = notebookReducer(doc, {
        type: "metrics",
        id: "c",
        runId,
        points: [],
        loops: [{ id: "loop-1", label: "loader", pass: 1, depth: 0, index: 2, total: 2, samples: 16, elapsedMs: 5, state: "done" }],
        hparams: { lr },
      });
      doc = notebookReducer(doc, { type: "run-end", id: "c", runId, ok: true, reason: "done", elapsedMs: 5 });
    };
    once("r1", "train(0.1)", 0.1);
    once("r2", "train(0.03)", 0.03);
    let runs = runsOf(doc.cells[0].metadata);
    expect(runs.map((r) => [r.n, r.code, r.hparams.lr, r.curves[0].y])).toEqual([
      [1, "train(0.1)", 0.1, [2, 1]],
      [2, "train(0.03)", 0.03, [2, 1]],
    ]);
    doc = notebookReducer(doc, { type: "set-run-history", id: "c", runs: runs.map((r) => (r.n === 1 ? { ...r, ticked: true, name: "big lr" } : r)) });
    const back = openNotebook(saveNotebook(doc), "history.ipynb");
    runs = runsOf(back.cells[0].metadata);
    expect(runs[0]).toMatchObject({ ticked: true, name: "big lr" });
    expect(RUNS_KEY in back.cells[0].metadata).toBe(true);
  });

  it("a run without a chart is not recorded", () => {
    let doc = makeNotebook([makeCell("code", "print(1)", { id: "c" })]);
    doc = notebookReducer(doc, { type: "run-start", id: "c", runId: "r1" });
    doc = notebookReducer(doc, { type: "run-end", id: "c", runId: "r1", ok: true, reason: "done", elapsedMs: 1 });
    expect(runsOf(doc.cells[0].metadata)).toEqual([]);
  });
});
