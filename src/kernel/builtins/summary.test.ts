// summary(): torchinfo's numbers for the tutorial MLP and CNN, nested names, and errors that name the failing layer.
import { describe, expect, it } from "vitest";
import { scope, tf, type Tensor } from "../../core";
import { nn, torch } from "../worker/api";
import { summarize, summaryBundle } from "./summary";

const F = nn.functional;

class MLP extends nn.Module {
  fc1 = new nn.Linear(784, 256);
  fc2 = new nn.Linear(256, 128);
  fc3 = new nn.Linear(128, 64);
  fc4 = new nn.Linear(64, 10);
  override forward(x: Tensor): Tensor {
    x = x.view(-1, 784);
    return this.fc4(F.relu(this.fc3(F.relu(this.fc2(F.relu(this.fc1(x)))))));
  }
}

class CNN extends nn.Module {
  conv1 = new nn.Conv2d(1, 6, 5);
  conv2 = new nn.Conv2d(6, 16, 5);
  fc1 = new nn.Linear(256, 120);
  fc2 = new nn.Linear(120, 10);
  constructor(private readonly flat = 256) {
    super();
  }
  override forward(x: Tensor): Tensor {
    x = F.maxPool2d(F.relu(this.conv1(x)), 2);
    x = F.maxPool2d(F.relu(this.conv2(x)), 2);
    return F.logSoftmax(this.fc2(F.relu(this.fc1(x.view(-1, this.flat)))), 1);
  }
}

describe("summary", () => {
  it("counts the tutorial MLP's 242,762 parameters and each layer's output shape", () => {
    const before = tf.memory().numTensors;
    const model = new MLP();
    const made = tf.memory().numTensors;
    const s = summarize(model, [1, 1, 28, 28]);
    expect(tf.memory().numTensors).toBe(made);
    expect(made).toBeGreaterThan(before);
    expect(s.total).toBe(242762);
    expect(s.trainable).toBe(242762);
    expect(s.nonTrainable).toBe(0);
    expect(s.rows.map((r) => [r.name, r.type, r.depth, r.outputShape, r.params])).toEqual([
      ["", "MLP", 0, [1, 10], 242762],
      ["fc1", "Linear", 1, [1, 256], 200960],
      ["fc2", "Linear", 1, [1, 128], 32896],
      ["fc3", "Linear", 1, [1, 64], 8256],
      ["fc4", "Linear", 1, [1, 10], 650],
    ]);
    expect(s.paramsMB).toBeCloseTo(0.971, 3);
    const text = summaryBundle(s)["text/plain"] as string;
    expect(text).toContain("Total params: 242,762");
    expect(text).toMatch(/└─Linear: fc1 +\[1, 256\] +200,960/);
    expect(summaryBundle(s)["text/html"]).toContain("<td class=\"gb-num\">200,960</td>");
  });

  it("gives the CNN's shapes and 34,622 parameters, and restores training mode", () => {
    const model = new CNN();
    const s = summarize(model, [2, 1, 28, 28]);
    expect(s.total).toBe(34622);
    expect(s.rows.find((r) => r.name === "conv1")).toMatchObject({ outputShape: [2, 6, 24, 24], params: 156 });
    expect(s.rows.find((r) => r.name === "conv2")).toMatchObject({ outputShape: [2, 16, 8, 8], params: 2416 });
    expect(model.training).toBe(true);
    expect(model.conv1.training).toBe(true);
  });

  it("nests Sequential children and counts frozen parameters as non-trainable", () => {
    const model = new nn.Sequential(new nn.Flatten(), new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU()), new nn.Linear(3, 2));
    (model.at(2) as nn.Linear).requiresGrad_(false);
    const s = summarize(model, [5, 2, 2]);
    expect(s.rows.map((r) => [r.name, r.depth, r.outputShape])).toEqual([
      ["", 0, [5, 2]],
      ["0", 1, [5, 4]],
      ["1", 1, [5, 3]],
      ["1.0", 2, [5, 3]],
      ["1.1", 2, [5, 3]],
      ["2", 1, [5, 2]],
    ]);
    expect([s.total, s.trainable, s.nonTrainable]).toEqual([23, 15, 8]);
    expect(summaryBundle(s)["text/plain"]).toMatch(/\n  └─Linear: 1\.0 /);
  });

  it("names the layer a shape error happens in, and removes its hooks", () => {
    const model = new CNN();
    const seq = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 10));
    expect(() => summarize(seq, [1, 1, 32, 32])).toThrow(/failed in layer 1 \(Linear\); the last layer that ran was 0 \(Flatten\) with output \[1, 1024\]: .*784/);
    expect(() => summarize(model, [1, 1, 32, 32])).toThrow(/failed in CNN\.forward itself.*conv2 \(Conv2d\) with output \[1, 16, 10, 10\]/);
    expect(() => summarize(model, [1, 28])).toThrow(/failed in layer conv1 \(Conv2d\)/);
    expect(() => summarize(model, "1x28")).toThrow(/inputShape must list positive sizes/);
    // No hook is left behind: after the failures a plain summary still works and sees each layer once.
    expect(summarize(model, [1, 1, 28, 28]).rows.find((r) => r.name === "fc2")?.outputShape).toEqual([1, 10]);
    expect(scope(() => model(torch.zeros(1, 1, 28, 28)).shape)).toEqual([1, 10]);
  });
});
