// Confusion matrix counts, misclassified digits, weight and feature-map images, the draw pad's widget registry.
import { describe, expect, it } from "vitest";
import { scope, tf, type Tensor } from "../../core";
import { nn, torch, transforms } from "../worker/api";
import { confusionBundle, confusionCounts, findMisclassified, predictAll } from "./confusion";
import { drawPadHandler, predict, WidgetRegistry } from "./drawpad";
import { makeModelViews } from "./model-views";
import type { MimeBundle } from "../protocol";
import { featureMapImages, weightImages } from "./views";

/** Predicts class = round(x[0]) clamped to 0..2, as one-hot scores. */
class Picker extends nn.Module {
  override forward(x: Tensor): Tensor {
    return torch.nn.functional.oneHot(x.view(x.shape[0], -1).select(1, 0).round().clamp(0, 2).long(), 3).float();
  }
}

describe("confusion matrix", () => {
  it("counts (true, predicted) pairs", () => {
    expect(confusionCounts([0, 1, 1, 2, 0], [0, 1, 2, 2, 1])).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 1],
    ]);
    expect(confusionCounts([0], [0], 3)).toHaveLength(3);
    expect(() => confusionCounts([0, 1], [0])).toThrow(/2 predictions but 1 targets/);
  });

  it("runs the model over batches in eval mode and restores train mode", () => {
    const model = new Picker();
    const inputs = torch.tensor([[0.1], [1.2], [1.9], [2.2], [0.6]]);
    const targets = torch.tensor([0, 1, 2, 2, 1]);
    const loader = [[inputs, targets], [inputs, targets]];
    const { predicted, targets: t, classes } = predictAll(model, loader);
    expect(classes).toBe(3);
    expect(predicted).toEqual([0, 1, 2, 2, 1, 0, 1, 2, 2, 1]);
    expect(t).toHaveLength(10);
    expect(model.training).toBe(true);
    expect(predictAll(model, { inputs, targets }).predicted).toEqual([0, 1, 2, 2, 1]);
    expect(() => predictAll(model, 5)).toThrow(/pass a DataLoader/);
  });

  it("draws a heat map with row-normalised levels and per-class accuracy", () => {
    const b = confusionBundle([
      [8, 2],
      [0, 0],
    ]);
    expect(b["text/html"]).toContain('class="gb-num gb-heat-8 gb-cm-diag"');
    expect(b["text/html"]).toContain('class="gb-num gb-heat-2 gb-cm-off"');
    expect(b["text/plain"]).toMatch(/^0 +8 +2 +80\.0%$/m);
    expect(b["text/plain"]).toMatch(/^1 +0 +0 +--$/m);
    expect(b["text/plain"]).toContain("accuracy 8/10 (80.0%)");
  });

  it("finds misclassified inputs with 'pred / true' labels, stopping at n", () => {
    const model = new Picker();
    const inputs = torch.tensor([[[0.1]], [[1.2]], [[0.2]], [[2.2]]]);
    const targets = torch.tensor([1, 1, 2, 0]);
    const found = findMisclassified(model, { inputs, targets }, 2);
    expect(found.labels).toEqual(["0 / 1", "0 / 2"]);
    const first = (found.images as number[][][]).map((img) => img[0][0]);
    expect(first[0]).toBeCloseTo(0.1, 5);
    expect(first[1]).toBeCloseTo(0.2, 5);
  });
});

describe("weights and feature maps", () => {
  it("shows a Linear(784, 10) as ten 28×28 templates and a Conv2d's filters", () => {
    const w = weightImages(new nn.Linear(784, 10));
    expect(w.images).toHaveLength(10);
    expect([w.images[0].length, w.images[0][0].length, w.images[0][0][0].length]).toEqual([1, 28, 28]);
    expect(w.opts.labels).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    const c = weightImages(new nn.Conv2d(2, 3, 5));
    expect(c.images).toHaveLength(6);
    expect(c.opts.labels).toContain("f3·in2");
    expect(() => weightImages(new nn.Linear(10, 2))).toThrow(/not square images; pass \{ shape/);
    expect(() => weightImages(new nn.Sequential(new nn.Linear(4, 2)))).toThrow(/showWeights\(model\.0\)/);
  });

  it("catches a conv layer's output with a forward hook, or runs the layer itself", () => {
    const model = new nn.Sequential(new nn.Conv2d(1, 4, 3), new nn.ReLU(), new nn.Conv2d(4, 2, 3));
    const image = torch.rand(1, 10, 10);
    const flat = image.view(10, 10);
    const before = tf.memory().numTensors;
    const first = featureMapImages(model, image);
    expect(first.images).toHaveLength(4);
    expect(first.images[0][0]).toHaveLength(8);
    expect(featureMapImages(model, image, { layer: "2" }).images).toHaveLength(2);
    expect(featureMapImages(model.at(0), flat).images).toHaveLength(4);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => featureMapImages(model, image, { layer: "9" })).toThrow(/no layer "9"; it has: 0, 1, 2/);
    expect(() => featureMapImages(model, torch.rand(4))).toThrow(/image must be one image \[C, H, W\]/);
    const mlp = new nn.Sequential(new nn.Flatten(), new nn.Linear(100, 2));
    expect(() => featureMapImages(mlp, image, { layer: "1" })).toThrow(/1 gives \[1, 2\], not feature maps/);
  });
});

describe("draw pad", () => {
  const mlp = () => new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 10));

  it("answers ping, predicts probabilities, and forgets a re-run cell's widgets", () => {
    const reg = new WidgetRegistry();
    const { handler, classes } = drawPadHandler(mlp());
    expect(classes).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    const id = reg.add("cell-a", handler);
    expect(reg.handle(id, { kind: "ping" })).toEqual({ status: "ready" });
    const reply = reg.handle(id, { kind: "predict", pixels: new Array(784).fill(0.5) });
    expect(reply.status).toBe("probs");
    const probs = (reply as { probs: number[] }).probs;
    expect(probs).toHaveLength(10);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(reg.handle(id, { kind: "predict", pixels: [1] })).toMatchObject({ status: "error", message: expect.stringMatching(/not 28×28/) });
    reg.dropCell("cell-b");
    expect(reg.size).toBe(1);
    reg.dropCell("cell-a");
    expect(reg.handle(id, { kind: "ping" })).toEqual({ status: "gone" });
    expect(() => drawPadHandler({})).toThrow(/drawPad\(model\) needs an nn\.Module/);
  });

  it("applies the dataset's transform to 0–255 values, and keeps the model's mode and tensors", () => {
    const model = mlp();
    const seen: number[] = [];
    model.registerForwardHook((_m, inputs) => void seen.push((inputs[0] as Tensor).max().item()));
    const before = tf.memory().numTensors;
    const norm = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.1307], [0.3081])]);
    predict(model, new Array(784).fill(1), norm);
    predict(model, new Array(784).fill(1));
    predict(model, new Array(784).fill(1), (x: Tensor) => x.mul(2));
    expect(seen[0]).toBeCloseTo((1 - 0.1307) / 0.3081, 4);
    expect(seen.slice(1)).toEqual([1, 2]);
    expect(model.training).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("drawPad() displays the pad's MIME bundle with a text fallback for saved notebooks", () => {
    const shown: MimeBundle[] = [];
    const views = makeModelViews({ display: (d) => shown.push(d), write: () => {}, addWidget: () => "w-1" });
    scope(() => (views.drawPad as (m: unknown) => void)(mlp()));
    expect(shown[0]).toEqual({
      "application/vnd.gradbook.drawpad+json": { widgetId: "w-1", classes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"] },
      "text/plain": "draw pad: re-run the cell to use it",
    });
  });
});
