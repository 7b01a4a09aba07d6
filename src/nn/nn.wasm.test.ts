// The nn reference suite and a CNN training step on tfjs's wasm backend in Node: wasm has no Conv2DBackpropFilter
// kernel, so this proves conv2d's backward (and the pools', batch norm's, the losses') run there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend, manualSeed, noGrad, randint, randn, scope, tf } from "../core";
import { vitestSuite } from "../lib/suite-vitest";
import * as nn from "../nn";
import { disposeModule } from "./nn-cases";
import { nnSuite } from "./nn.suite";

describe("nn on the wasm backend", () => {
  beforeAll(async () => {
    await initBackend("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(tf.getKernel("Conv2DBackpropFilter", "wasm")).toBeUndefined();
  });
  afterAll(async () => {
    await tf.setBackend("cpu");
  });

  vitestSuite(nnSuite);

  it("trains a small CNN (conv → relu → max pool → linear) with plain SGD", () => {
    manualSeed(0);
    const model = new nn.Sequential(new nn.Conv2d(1, 4, 3, { padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(4 * 4 * 4, 3));
    try {
      const losses = scope(() => {
        const x = randn(12, 1, 8, 8);
        const y = randint(0, 3, [12]);
        const out: number[] = [];
        for (let i = 0; i < 15; i++) {
          model.zeroGrad();
          const loss = nn.functional.crossEntropy(model(x), y);
          loss.backward();
          noGrad(() => model.parameters().forEach((p) => p.copy_(p.sub(p.grad!.mul(0.2)))));
          out.push(loss.item());
        }
        return out;
      });
      expect(losses[14]).toBeLessThan(losses[0] * 0.7);
    } finally {
      disposeModule(model);
    }
  });
});
