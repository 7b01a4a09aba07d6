// Unit tests for the UI bench's pure parts: quantiles, long-task and chart-rate summaries, pass/fail, the "why" list.
import { describe, expect, it } from "vitest";
import { chartRate, quantile, summarizeLongTasks, topScripts, uiChecks, type UiRun } from "./bench-ui-summary";

const run = (over: Partial<UiRun> = {}): UiRun => ({
  date: "2026-01-02T03:04:05.000Z",
  chromium: "1.0",
  scenario: { notebook: "mnist-mlp", backend: "wasm", params: { epochs: 1 }, trainCell: 3 },
  open: { firstCellMs: [900, 1200, 1000], firstCellPaintMs: [950, 1250, 1050], editorReadyMs: [2500, 2600, 2400], fcpMs: [] },
  training: {
    durationMs: 10_000,
    longTasks: [{ start: 10, duration: 60 }, { start: 500, duration: 90 }],
    longFrames: [],
    chartRedraws: [0, 250, 500, 750, 1000],
    keyLatencyMs: [10, 30, 20],
    keysLost: 0,
  },
  ...over,
});

describe("statistics", () => {
  it("quantiles interpolate; none of nothing", () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.9)).toBe(9);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it("long tasks: count, over the limit, max and total", () => {
    const s = summarizeLongTasks([{ start: 0, duration: 60 }, { start: 1, duration: 140 }, { start: 2, duration: 100 }]);
    expect(s).toEqual({ count: 3, overLimit: 1, maxMs: 140, totalMs: 300 });
    expect(summarizeLongTasks([])).toEqual({ count: 0, overLimit: 0, maxMs: 0, totalMs: 0 });
  });

  it("chart rate between the first and the last redraw, and the longest gap", () => {
    expect(chartRate([1000, 0, 500, 2000])).toEqual({ redraws: 4, perSec: 1.5, maxGapMs: 1000 });
    expect(chartRate([5])).toEqual({ redraws: 1, perSec: 0, maxGapMs: 0 });
  });
});

describe("pass/fail against the targets", () => {
  it("passes a run within every target", () => {
    const checks = uiChecks(run());
    expect(checks.map((c) => c.pass)).toEqual([true, null, true, true, true]);
    expect(checks[0].measured).toBe("1050 ms (max 1250 ms)");
    expect(checks[3].measured).toBe("4.0");
  });

  it("fails a slow open, a long task, a slow chart and a lost key", () => {
    const base = run();
    const checks = uiChecks(
      run({
        open: { ...base.open, firstCellPaintMs: [2500, 2100, 1900] },
        training: { ...base.training!, longTasks: [{ start: 0, duration: 101 }], chartRedraws: [0, 1000], keysLost: 1 },
      }),
    );
    expect(checks.map((c) => c.pass)).toEqual([false, null, false, false, false]);
    expect(checks[2].what).toContain("1 over 100 ms");
    expect(checks[4].what).toContain("1 never shown");
  });

  it("a run that stopped before training has only the open rows", () => {
    expect(uiChecks(run({ training: undefined })).length).toBe(2);
    expect(uiChecks(run({ open: { firstCellMs: [], firstCellPaintMs: [], editorReadyMs: [], fcpMs: [] }, training: undefined }))[0].pass).toBeNull();
  });
});

describe("why", () => {
  it("sums script time over long frames, biggest first", () => {
    const script = (fn: string, durationMs: number) => ({ invoker: "MessagePort.onmessage", source: "/assets/main-x.js", fn, durationMs });
    const frames = [
      { start: 0, duration: 300, blockingMs: 250, scripts: [script("performWorkUntilDeadline", 200), script("", 40)] },
      { start: 500, duration: 200, blockingMs: 150, scripts: [script("performWorkUntilDeadline", 150)] },
    ];
    expect(topScripts(frames)).toEqual([
      { what: "MessagePort.onmessage → performWorkUntilDeadline (main-x.js)", totalMs: 350, count: 2 },
      { what: "MessagePort.onmessage (main-x.js)", totalMs: 40, count: 1 },
    ]);
  });
});
