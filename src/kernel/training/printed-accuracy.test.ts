// Printed accuracy lines become per-epoch chart points, only in training runs and only when the run logs none itself.
import { describe, expect, it } from "vitest";
import type { MetricPoint } from "../protocol";
import { PrintedAccuracy, readAccuracy } from "./printed-accuracy";

describe("readAccuracy", () => {
  it("reads PyTorch's MNIST example line and the tutorials' lines", () => {
    expect(readAccuracy("Test set: Average loss: 0.2934, Accuracy: 9211/10000 (92.11%)")).toEqual({ name: "test accuracy", value: 92.11 });
    expect(readAccuracy("normalised, epoch 2: test accuracy 92.08%")).toEqual({ name: "test accuracy", value: 92.08 });
    expect(readAccuracy("epoch 3: train acc 97.5 %")).toEqual({ name: "train accuracy", value: 97.5 });
    expect(readAccuracy("val accuracy: 88%")).toEqual({ name: "validation accuracy", value: 88 });
  });
  it("ignores lines without a percentage or without the word", () => {
    expect(readAccuracy("Accuracy: 9211/10000")).toBeUndefined();
    expect(readAccuracy("loss 0.3 (12%)")).toBeUndefined();
    expect(readAccuracy("accuracy 250%")).toBeUndefined();
  });
});

describe("PrintedAccuracy", () => {
  function make(training = true) {
    const out: MetricPoint[] = [];
    const p = new PrintedAccuracy(() => training, (pts) => out.push(...pts));
    return { p, out };
  }
  it("counts epochs per series", () => {
    const { p, out } = make();
    p.scan("epoch 1: test accuracy 90.1%\nepoch 1: train accuracy 91%\n");
    p.scan("epoch 2: test accuracy 92.5%\n");
    p.flush();
    expect(out).toEqual([
      { name: "test accuracy", value: 90.1, step: 1, axis: "epoch", source: "printed" },
      { name: "train accuracy", value: 91, step: 1, axis: "epoch", source: "printed" },
      { name: "test accuracy", value: 92.5, step: 2, axis: "epoch", source: "printed" },
    ]);
    p.resetRun();
    p.scan("test accuracy 93%\n");
    p.flush();
    expect(out.at(-1)).toMatchObject({ step: 1 });
  });
  it("stays quiet in a run that did not train, and when the run logs an accuracy itself", () => {
    const idle = make(false);
    idle.p.scan("Accuracy: 9211/10000 (92.11%)\n");
    expect(idle.out).toEqual([]);
    const logged = make();
    logged.p.noteLogged([{ name: "test accuracy", value: 0.9, step: 1, axis: "epoch" }]);
    logged.p.scan("Accuracy: 9211/10000 (92.11%)\n");
    logged.p.flush();
    expect(logged.out).toEqual([]);
  });
  it("sends nothing for a printed accuracy the run then logs under its own name (no stale series)", () => {
    // mnist-softmax: print(`raw, epoch 1: test accuracy 89.22%`), then log({ "test accuracy (raw)": 89.22 }).
    const { p, out } = make();
    p.scan("raw, epoch 1: test accuracy 89.22%\n");
    p.noteLogged([{ name: "test accuracy (raw)", value: 89.22, step: 1, axis: "epoch" }]);
    p.flush();
    p.scan("raw, epoch 2: test accuracy 90.1%\n");
    p.flush();
    expect(out).toEqual([]);
  });
});
