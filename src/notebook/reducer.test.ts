// Tests for the notebook reducer: edits, run lifecycle, output folding and stale-run drops.
import { describe, expect, it } from "vitest";
import { makeCell, makeNotebook } from "./cells";
import { applyCarriageReturns } from "./outputs";
import { errorLineOf, notebookReducer as reduce, type NotebookAction } from "./reducer";
import { CHART_MIME, PROGRESS_MIME, type ChartPayload, type NotebookDoc } from "./types";

function doc(): NotebookDoc {
  return makeNotebook([
    makeCell("markdown", "# Title", { id: "md" }),
    makeCell("code", "print(1)", { id: "a" }),
    makeCell("code", "print(2)", { id: "b" }),
  ]);
}

function run(d: NotebookDoc, ...actions: NotebookAction[]): NotebookDoc {
  return actions.reduce(reduce, d);
}

const cell = (d: NotebookDoc, id: string) => d.cells.find((c) => c.id === id)!;

describe("notebookReducer", () => {
  it("adds a cell after another, or at the end", () => {
    let d = run(doc(), { type: "add-cell", cellType: "code", afterId: "md", id: "new" });
    expect(d.cells.map((c) => c.id)).toEqual(["md", "new", "a", "b"]);
    d = run(d, { type: "add-cell", cellType: "markdown", source: "hi", id: "end" });
    expect(d.cells.map((c) => c.id)).toEqual(["md", "new", "a", "b", "end"]);
    expect(cell(d, "end")).toMatchObject({ type: "markdown", source: "hi", outputs: [] });
  });

  it("updates a source without touching other cells, and keeps identity when nothing changed", () => {
    const d0 = doc();
    const d1 = run(d0, { type: "update-source", id: "a", source: "print(3)" });
    expect(cell(d1, "a").source).toBe("print(3)");
    expect(cell(d1, "b")).toBe(cell(d0, "b"));
    expect(run(d1, { type: "update-source", id: "a", source: "print(3)" })).toBe(d1);
  });

  it("runs a cell: queued, started (outputs cleared, count assigned), outputs, done", () => {
    let d = run(doc(), { type: "run-queued", id: "a", runId: "r1" });
    expect(cell(d, "a").runState).toBe("queued");
    d = run(
      d,
      { type: "run-start", id: "a", runId: "r1" },
      { type: "output", id: "a", runId: "r1", output: { output_type: "stream", name: "stdout", text: "1\n" } },
      { type: "output", id: "a", runId: "r1", output: { output_type: "stream", name: "stdout", text: "2\n" } },
      { type: "run-end", id: "a", runId: "r1", ok: true, reason: "done" },
    );
    const a = cell(d, "a");
    expect(a).toMatchObject({ runState: "idle", runId: null, executionCount: 1 });
    expect(a.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "1\n2\n" }]);
    expect(d.nextExecutionCount).toBe(2);

    d = run(d, { type: "run-queued", id: "a", runId: "r2" }, { type: "run-start", id: "a", runId: "r2" });
    expect(cell(d, "a")).toMatchObject({ outputs: [], executionCount: 2, runState: "running" });
  });

  it("accepts a run's start before its queueing is recorded, and does not step back to queued", () => {
    const d = run(
      doc(),
      { type: "run-start", id: "a", runId: "r1" },
      { type: "run-queued", id: "a", runId: "r1" },
      { type: "output", id: "a", runId: "r1", output: { output_type: "stream", name: "stdout", text: "x" } },
    );
    expect(cell(d, "a")).toMatchObject({ runState: "running", runId: "r1", executionCount: 1 });
    expect(cell(d, "a").outputs).toHaveLength(1);
  });

  it("drops outputs and ends from a stale run", () => {
    let d = run(doc(), { type: "run-queued", id: "a", runId: "old" }, { type: "run-start", id: "a", runId: "old" });
    d = run(d, { type: "run-queued", id: "a", runId: "new" });
    const before = d;
    d = run(
      d,
      { type: "output", id: "a", runId: "old", output: { output_type: "stream", name: "stdout", text: "late" } },
      { type: "metrics", id: "a", runId: "old", points: [{ name: "loss", step: 1, value: 2, axis: "step" }] },
      { type: "run-end", id: "a", runId: "old", ok: true, reason: "done" },
    );
    expect(d).toBe(before);
    expect(cell(d, "a").runState).toBe("queued");
  });

  it("keeps stdout and stderr apart and records the error line", () => {
    const d = run(
      doc(),
      { type: "run-queued", id: "b", runId: "r" },
      { type: "run-start", id: "b", runId: "r" },
      { type: "output", id: "b", runId: "r", output: { output_type: "stream", name: "stdout", text: "a" } },
      { type: "output", id: "b", runId: "r", output: { output_type: "stream", name: "stderr", text: "warn" } },
      {
        type: "output",
        id: "b",
        runId: "r",
        output: { output_type: "error", ename: "TypeError", evalue: "x is undefined", traceback: [], line: 3 },
      },
      { type: "run-end", id: "b", runId: "r", ok: false, reason: "done" },
    );
    expect(cell(d, "b").outputs.map((o) => o.output_type)).toEqual(["stream", "stream", "error"]);
    expect(errorLineOf(cell(d, "b"))).toBe(3);
  });

  it("folds metrics into one live chart and progress into one bar per label", () => {
    const d = run(
      doc(),
      { type: "run-queued", id: "a", runId: "r" },
      { type: "run-start", id: "a", runId: "r" },
      { type: "progress", id: "a", runId: "r", progress: { label: "train-images", loaded: 1, total: 10 } },
      { type: "metrics", id: "a", runId: "r", points: [{ name: "loss", step: 1, value: 2.3, axis: "step" }] },
      { type: "progress", id: "a", runId: "r", progress: { label: "train-images", loaded: 10, total: 10 } },
      { type: "metrics", id: "a", runId: "r", points: [{ name: "loss", step: 2, value: 1.9, axis: "step" }] },
    );
    const outputs = cell(d, "a").outputs;
    expect(outputs).toHaveLength(2);
    const [progress, chart] = outputs;
    expect(progress.output_type === "display_data" && progress.data[PROGRESS_MIME]).toEqual({
      label: "train-images",
      loaded: 10,
      total: 10,
    });
    const points = chart.output_type === "display_data" ? (chart.data[CHART_MIME] as ChartPayload).points : [];
    expect(points.map((p) => p.value)).toEqual([2.3, 1.9]);
  });

  it("notes a kernel restart under the cell that was running", () => {
    const d = run(
      doc(),
      { type: "run-queued", id: "a", runId: "r" },
      { type: "run-start", id: "a", runId: "r" },
      { type: "run-end", id: "a", runId: "r", ok: false, reason: "kernel-restarted" },
    );
    expect(cell(d, "a").outputs).toMatchObject([{ output_type: "error", ename: "KernelRestarted" }]);
    const cancelled = run(
      doc(),
      { type: "run-queued", id: "b", runId: "q" },
      { type: "run-end", id: "b", runId: "q", ok: false, reason: "cancelled" },
    );
    expect(cell(cancelled, "b")).toMatchObject({ runState: "idle", outputs: [] });
  });

  it("clears one cell's outputs or all, and applies batches in order", () => {
    let d = run(
      doc(),
      {
        type: "batch",
        actions: [
          { type: "run-queued", id: "a", runId: "r" },
          { type: "run-start", id: "a", runId: "r" },
          { type: "output", id: "a", runId: "r", output: { output_type: "stream", name: "stdout", text: "x" } },
        ],
      },
    );
    expect(cell(d, "a").outputs).toHaveLength(1);
    d = run(d, { type: "clear-outputs" });
    expect(cell(d, "a")).toMatchObject({ outputs: [], executionCount: null });
  });

  it("deletes a cell", () => {
    expect(run(doc(), { type: "delete-cell", id: "a" }).cells.map((c) => c.id)).toEqual(["md", "b"]);
  });

  it("adds a cell above another, and restores a deleted cell where it was, idle", () => {
    const d0 = doc();
    const d1 = run(d0, { type: "add-cell", cellType: "code", beforeId: "a", id: "above" });
    expect(d1.cells.map((c) => c.id)).toEqual(["md", "above", "a", "b"]);
    const running = run(d0, { type: "run-queued", id: "a", runId: "r" }, { type: "run-start", id: "a", runId: "r", startedAt: 5 });
    const deleted = cell(running, "a");
    const d2 = run(running, { type: "delete-cell", id: "a" }, { type: "restore-cell", cell: deleted, index: 1 });
    expect(d2.cells.map((c) => c.id)).toEqual(["md", "a", "b"]);
    expect(cell(d2, "a")).toMatchObject({ runState: "idle", runId: null, startedAt: null, source: "print(1)" });
    // Restoring twice, or past the end, stays sane.
    expect(run(d2, { type: "restore-cell", cell: deleted, index: 0 })).toBe(d2);
    expect(run(d0, { type: "delete-cell", id: "b" }, { type: "restore-cell", cell: cell(d0, "b"), index: 99 }).cells.at(-1)?.id).toBe("b");
  });

  it("moves a cell up and down, and not past either end", () => {
    const d0 = doc();
    const up = run(d0, { type: "move-cell", id: "a", delta: -1 });
    expect(up.cells.map((c) => c.id)).toEqual(["a", "md", "b"]);
    expect(run(up, { type: "move-cell", id: "a", delta: -1 })).toBe(up);
    expect(run(d0, { type: "move-cell", id: "b", delta: 1 })).toBe(d0);
    expect(run(d0, { type: "move-cell", id: "md", delta: 1 }).cells.map((c) => c.id)).toEqual(["a", "md", "b"]);
    // Past a hidden cell (the other language's Markdown) in one step.
    expect(run(d0, { type: "move-cell", id: "b", delta: -1, skip: ["a"] }).cells.map((c) => c.id)).toEqual(["b", "md", "a"]);
    expect(run(d0, { type: "move-cell", id: "md", delta: 1, skip: ["a"] }).cells.map((c) => c.id)).toEqual(["a", "b", "md"]);
    expect(run(d0, { type: "move-cell", id: "a", delta: 1, skip: ["b"] })).toBe(d0);
  });

  it("changes a cell's type, dropping outputs, but never under a running cell", () => {
    const ran = run(
      doc(),
      { type: "run-queued", id: "a", runId: "r" },
      { type: "run-start", id: "a", runId: "r" },
      { type: "output", id: "a", runId: "r", output: { output_type: "stream", name: "stdout", text: "1" } },
    );
    expect(run(ran, { type: "set-cell-type", id: "a", cellType: "markdown" })).toBe(ran);
    const done = run(ran, { type: "run-end", id: "a", runId: "r", ok: true, reason: "done", elapsedMs: 12 });
    const md = run(done, { type: "set-cell-type", id: "a", cellType: "markdown" });
    expect(cell(md, "a")).toMatchObject({ type: "markdown", source: "print(1)", outputs: [], executionCount: null, elapsedMs: null });
    expect(cell(run(md, { type: "set-cell-type", id: "a", cellType: "code" }), "a").type).toBe("code");
  });

  it("records when a run started and how long it took; a cancelled run keeps the last time", () => {
    let d = run(doc(), { type: "run-queued", id: "a", runId: "r" }, { type: "run-start", id: "a", runId: "r", startedAt: 1000 });
    expect(cell(d, "a")).toMatchObject({ startedAt: 1000, runState: "running" });
    d = run(d, { type: "run-end", id: "a", runId: "r", ok: true, reason: "done", elapsedMs: 250 });
    expect(cell(d, "a")).toMatchObject({ startedAt: null, elapsedMs: 250 });
    d = run(d, { type: "run-queued", id: "a", runId: "q" }, { type: "run-end", id: "a", runId: "q", ok: false, reason: "cancelled", elapsedMs: 0 });
    expect(cell(d, "a")).toMatchObject({ runState: "idle", elapsedMs: 250 });
    expect(cell(run(d, { type: "clear-outputs", id: "a" }), "a").elapsedMs).toBeNull();
  });

  it("starts execution counts again after a kernel restart, keeping outputs", () => {
    let d = run(
      doc(),
      { type: "run-queued", id: "a", runId: "r" },
      { type: "run-start", id: "a", runId: "r" },
      { type: "output", id: "a", runId: "r", output: { output_type: "stream", name: "stdout", text: "1" } },
      { type: "run-end", id: "a", runId: "r", ok: true, reason: "done" },
    );
    expect(d.nextExecutionCount).toBe(2);
    d = run(d, { type: "kernel-restarted" });
    expect(d.nextExecutionCount).toBe(1);
    expect(cell(d, "a")).toMatchObject({ executionCount: 1, outputs: [{ text: "1" }] });
    d = run(d, { type: "run-queued", id: "b", runId: "s" }, { type: "run-start", id: "b", runId: "s" });
    expect(cell(d, "b").executionCount).toBe(1);
  });
});

describe("applyCarriageReturns", () => {
  it("overwrites a line after \\r and keeps a pending \\r for the next chunk", () => {
    expect(applyCarriageReturns("abc\rxy")).toBe("xyc");
    expect(applyCarriageReturns("step 1\r")).toBe("step 1\r");
    expect(applyCarriageReturns("step 1\r" + "step 2\r")).toBe("step 2\r");
    expect(applyCarriageReturns("step 2\r" + "\ndone")).toBe("step 2\ndone");
    expect(applyCarriageReturns("a\r\nb")).toBe("a\nb");
  });
});
