// Tests for output batching: at most ~10 flushes a second, deltas only, synchronous loops included.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Batcher, groupByRun, mergeStreams } from "./metrics";

describe("Batcher", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends the first item at once, then batches for 100 ms, sending only what is new", () => {
    const sent: number[][] = [];
    const b = new Batcher<number>((xs) => sent.push(xs), 100);
    b.push(1);
    b.push(2);
    b.push(3);
    expect(sent).toEqual([[1]]);
    vi.advanceTimersByTime(99);
    expect(sent).toEqual([[1]]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[1], [2, 3]]);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
  });

  it("flushes at most ~10 times a second under a steady stream", () => {
    const sent: number[][] = [];
    const b = new Batcher<number>((xs) => sent.push(xs), 100);
    for (let i = 0; i < 1000; i++) {
      b.push(i);
      vi.advanceTimersByTime(1); // 1000 points over one second
    }
    b.flush();
    expect(sent.length).toBeGreaterThanOrEqual(10);
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.flat()).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("flushes from push when a synchronous loop keeps timers from firing", () => {
    const sent: number[][] = [];
    const b = new Batcher<number>((xs) => sent.push(xs), 100);
    b.push(0);
    vi.setSystemTime(Date.now() + 150); // time passes, but no timer runs (a busy worker)
    b.push(1);
    expect(sent).toEqual([[0], [1]]);
  });

  it("flush() sends what is pending now; clear() drops it", () => {
    const sent: number[][] = [];
    const b = new Batcher<number>((xs) => sent.push(xs), 100);
    b.push(1);
    b.push(2);
    b.flush();
    b.flush();
    expect(sent).toEqual([[1], [2]]);
    b.push(3);
    b.clear();
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([[1], [2]]);
  });
});

describe("stream and metric grouping", () => {
  it("merges consecutive text of one run and stream, keeping order", () => {
    expect(
      mergeStreams([
        { runId: "r", name: "stdout", text: "a" },
        { runId: "r", name: "stdout", text: "b" },
        { runId: "r", name: "stderr", text: "c" },
        { runId: "r", name: "stdout", text: "d" },
        { runId: "s", name: "stdout", text: "e" },
      ]),
    ).toEqual([
      { runId: "r", name: "stdout", text: "ab" },
      { runId: "r", name: "stderr", text: "c" },
      { runId: "r", name: "stdout", text: "d" },
      { runId: "s", name: "stdout", text: "e" },
    ]);
  });

  it("groups points by run", () => {
    const g = groupByRun([{ runId: "a", v: 1 }, { runId: "b", v: 2 }, { runId: "a", v: 3 }]);
    expect([...g.keys()]).toEqual(["a", "b"]);
    expect(g.get("a")?.map((x) => x.v)).toEqual([1, 3]);
  });
});
