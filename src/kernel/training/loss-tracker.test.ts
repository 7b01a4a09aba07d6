// Tests for the automatic loss chart: batched reads on an interval, step counting, disposal, per-epoch means.
import { describe, expect, it } from "vitest";
import type { MetricPoint } from "../protocol";
import { EpochLoss, LossTracker } from "./loss-tracker";

class FakeScalar {
  disposed = false;
  constructor(readonly value: number) {}
  dispose() {
    this.disposed = true;
  }
}
const root = (value: number, kept: FakeScalar[]) => ({
  detach: () => ({
    keep: () => {
      const t = new FakeScalar(value);
      kept.push(t);
      return t;
    },
  }),
});

function setup() {
  let now = 0;
  const reads: number[][] = [];
  const points: MetricPoint[] = [];
  const kept: FakeScalar[] = [];
  const tracker = new LossTracker<FakeScalar>({
    readScalars: (ts) => {
      reads.push(ts.map((t) => t.value));
      return ts.map((t) => t.value);
    },
    emit: (ps) => points.push(...ps),
    onError: (e) => {
      throw e;
    },
    now: () => now,
    intervalMs: 100,
  });
  return { tracker, reads, points, kept, tick: (ms: number) => (now += ms) };
}

describe("LossTracker", () => {
  it("reads kept losses together when a loss arrives after the interval, never per step", () => {
    const s = setup();
    s.tracker.begin();
    for (let i = 1; i <= 5; i++) {
      s.tick(30);
      s.tracker.onBackward(root(i / 10, s.kept));
    }
    // t=30,60,90 pending; t=120 triggers one read of 4; t=150 pending
    expect(s.reads).toEqual([[0.1, 0.2, 0.3, 0.4]]);
    s.tracker.end();
    expect(s.reads).toEqual([[0.1, 0.2, 0.3, 0.4], [0.5]]);
    expect(s.points.map((p) => [p.step, p.value])).toEqual([[1, 0.1], [2, 0.2], [3, 0.3], [4, 0.4], [5, 0.5]]);
    expect(s.points[0]).toMatchObject({ name: "loss", axis: "step" });
    expect(s.kept.every((t) => t.disposed)).toBe(true);
  });

  it("counts steps from 1 per run and ignores backward() outside runs", () => {
    const s = setup();
    s.tracker.onBackward(root(9, s.kept));
    expect(s.kept).toHaveLength(0);
    s.tracker.begin();
    s.tracker.onBackward(root(1, s.kept));
    s.tracker.end();
    s.tracker.begin();
    s.tracker.onBackward(root(2, s.kept));
    s.tracker.end();
    expect(s.points.map((p) => p.step)).toEqual([1, 1]);
  });

  it("stop() drops the series for the run (the user logs their own loss) and frees kept tensors", () => {
    const s = setup();
    s.tracker.begin();
    s.tracker.onBackward(root(1, s.kept));
    s.tracker.stop();
    s.tracker.onBackward(root(2, s.kept));
    s.tracker.end();
    expect(s.points).toEqual([]);
    expect(s.kept.every((t) => t.disposed)).toBe(true);
  });

  it("a failed read stops the chart and reports, without breaking backward()", () => {
    const errors: unknown[] = [];
    let now = 0;
    const kept: FakeScalar[] = [];
    const tracker = new LossTracker<FakeScalar>({
      readScalars: () => {
        throw new Error("device lost");
      },
      emit: () => {},
      onError: (e) => errors.push(e),
      now: () => now,
    });
    tracker.begin();
    now = 200;
    expect(() => tracker.onBackward(root(1, kept))).not.toThrow();
    tracker.onBackward(root(2, kept));
    expect(errors).toHaveLength(1);
    expect(kept).toHaveLength(1);
    expect(kept[0].disposed).toBe(true);
  });
});

describe("EpochLoss", () => {
  const loss = (step: number, value: number): MetricPoint => ({ name: "loss", axis: "step", step, value });

  it("sends each pass's mean once all its losses were read, in any order of arrival", () => {
    const sent: MetricPoint[] = [];
    const e = new EpochLoss((ps) => sent.push(...ps));
    e.begin();
    e.onPoints([loss(1, 4), loss(2, 2)]);
    e.passEnded(1, 1, 3); // step 3 is still on the device
    expect(sent).toEqual([]);
    e.onPoints([loss(3, 0), loss(4, 10)]);
    e.passEnded(2, 4, 4);
    e.passEnded(3, 5, 4); // a pass without backward(): no point
    expect(sent).toEqual([
      { name: "loss (epoch mean)", axis: "epoch", step: 1, value: 2 },
      { name: "loss (epoch mean)", axis: "epoch", step: 2, value: 10 },
    ]);
  });

  it("sends the running pass's mean so far as partial, replaced by the final mean; a pass cut short stays partial", () => {
    const sent: MetricPoint[] = [];
    let now = 0;
    const e = new EpochLoss((ps) => sent.push(...ps), { now: () => now, partialEveryMs: 1000 });
    e.begin();
    e.passStarted(1, 1);
    e.onPoints([loss(1, 4), loss(2, 2)]);
    now = 500;
    e.onPoints([loss(3, 0)]); // under a second since the last partial point: nothing
    now = 1000;
    e.onPoints([loss(4, 2)]);
    e.passEnded(1, 1, 4);
    e.passStarted(2, 5);
    e.onPoints([loss(5, 1)]);
    e.onPoints([loss(6, 3)]);
    now = 1200; // the interrupt: pass 2 ends, not completed
    e.passEnded(2, 5, 6, false);
    expect(sent).toEqual([
      { name: "loss (epoch mean)", axis: "epoch", step: 1, value: 3, partial: true },
      { name: "loss (epoch mean)", axis: "epoch", step: 1, value: 2, partial: true },
      { name: "loss (epoch mean)", axis: "epoch", step: 1, value: 2 },
      { name: "loss (epoch mean)", axis: "epoch", step: 2, value: 1, partial: true },
      { name: "loss (epoch mean)", axis: "epoch", step: 2, value: 2, partial: true },
    ]);
  });

  it("follows a run whose steps do not start at 1 (a resumed run)", () => {
    const sent: MetricPoint[] = [];
    const e = new EpochLoss((ps) => sent.push(...ps));
    e.begin();
    e.continueFrom(3);
    e.passEnded(1, 11, 12);
    e.onPoints([loss(11, 1), loss(12, 3)]);
    expect(sent.map((p) => [p.step, p.value])).toEqual([[4, 2]]);
  });
});
