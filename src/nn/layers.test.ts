// Conv2d, pools, Dropout and BatchNorm: the errors a learner hits (PyTorch's words), Dropout's seeded masks, default init.
import { describe, expect, it } from "vitest";
import { manualSeed, memoryInfo, ones, randn, scope, tensor, zeros } from "../core";
import { BatchNorm1d, BatchNorm2d } from "./batchnorm";
import { Conv2d } from "./conv";
import { Dropout } from "./dropout";
import * as F from "./functional";
import { Linear } from "./linear";
import type { Module } from "./module";
import { disposeModule } from "./nn-cases";
import { AvgPool2d, MaxPool2d } from "./pooling";

/** Runs body with a fresh module, frees it, and checks that no tensor leaked. */
function using<M extends Module>(make: () => M, body: (m: M) => void): void {
  const before = memoryInfo().numTensors;
  scope(() => {
    const m = make();
    try {
      body(m);
    } finally {
      disposeModule(m);
    }
  });
  expect(memoryInfo().numTensors).toBe(before);
}

describe("Conv2d errors", () => {
  it("wrong channel count", () =>
    using(() => new Conv2d(1, 6, 5), (conv) => {
      expect(() => conv(zeros(64, 3, 28, 28))).toThrow(
        "Given groups=1, weight of size [6, 1, 5, 5], expected input[64, 3, 28, 28] to have 1 channels, but got 3 channels instead",
      );
    }));

  it("a 3-D batch of images is read as one unbatched image, and the message says how to fix it", () =>
    using(() => new Conv2d(1, 6, 5), (conv) => {
      expect(() => conv(zeros(64, 28, 28))).toThrow(
        "expected input[1, 64, 28, 28] to have 1 channels, but got 64 channels instead. A 3-D input is read as one unbatched image [C, H, W]",
      );
      expect(() => conv(zeros(64, 28, 28))).toThrow("x.unsqueeze(1)");
      expect(conv(zeros(1, 28, 28)).shape).toEqual([6, 24, 24]);
    }));

  it("flat input, too-small input, 'same' with stride, bad options", () =>
    using(() => new Conv2d(1, 6, 5), (conv) => {
      expect(() => conv(zeros(64, 784))).toThrow("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [64, 784]");
      expect(() => conv(zeros(2, 1, 3, 3))).toThrow(
        "Calculated padded input size per channel: (3 x 3). Kernel size: (5 x 5). Kernel size can't be greater than actual input size",
      );
      expect(() => new Conv2d(1, 6, 5, { stride: 2, padding: "same" })).toThrow("padding='same' is not supported for strided convolutions");
      expect(() => new Conv2d(1, 6, 5, { groups: 2 })).toThrow("groups=2 is not supported");
      expect(() => new Conv2d(0, 6, 5)).toThrow("in_channels must be a positive integer");
    }));

  it("a number after the kernel size is the stride, as in nn.Conv2d(1, 32, 3, 1)", () =>
    using(() => new Conv2d(1, 2, 3, 2), (conv) => {
      expect(conv.stride).toEqual([2, 2]);
      expect(conv(zeros(1, 1, 7, 7)).shape).toEqual([1, 2, 3, 3]);
    }));

  it("Linear on unflattened images says to flatten", () =>
    using(() => new Linear(784, 10), (lin) => {
      expect(() => lin(zeros(64, 1, 28, 28))).toThrow("flatten it first: x.view(-1, 784)");
    }));
});

describe("default init (PyTorch's reset_parameters)", () => {
  it("Conv2d and Linear draw weight and bias from U(±1/√fan_in), reproducibly under manualSeed", () => {
    for (const [make, fanIn] of [[() => new Conv2d(3, 8, 5), 75], [() => new Linear(20, 30), 20]] as Array<[() => Module, number]>) {
      manualSeed(7);
      using(make, (m) => {
        const bound = 1 / Math.sqrt(fanIn);
        for (const p of m.parameters()) {
          const v = (p.flatten().tolist() as number[]);
          expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(bound);
          expect(Math.max(...v.map(Math.abs))).toBeGreaterThan(bound * 0.8);
        }
        const first = m.parameters()[0].flatten().tolist();
        manualSeed(7);
        using(make, (m2) => expect(m2.parameters()[0].flatten().tolist()).toEqual(first));
      });
    }
  });
});

describe("pools", () => {
  it("default stride is the kernel; errors name sizes like PyTorch", () => {
    scope(() => {
      expect(new MaxPool2d(2)(zeros(1, 3, 8, 8)).shape).toEqual([1, 3, 4, 4]);
      expect(new AvgPool2d(3, 2)(zeros(3, 9, 9)).shape).toEqual([3, 4, 4]);
      expect(F.maxPool2d(zeros(1, 1, 7, 7), 3, 2, 1).shape).toEqual([1, 1, 4, 4]);
      expect(() => new MaxPool2d(2)(zeros(1, 1, 1, 1))).toThrow("Given input size: (1x1x1). Calculated output size: (1x0x0). Output size is too small");
      expect(() => new MaxPool2d(2, { padding: 3 })(zeros(1, 1, 8, 8))).toThrow("pad should be at most half of kernel size, but got pad=3 and kernel_size=2");
      expect(() => new MaxPool2d(2)(zeros(8, 8))).toThrow("non-empty 3D or 4D (batch mode) tensor expected for input");
      expect(() => new MaxPool2d(2, { ceilMode: true })).toThrow("ceil_mode=True is not supported");
    });
  });
});

describe("Dropout", () => {
  it("masks are reproducible under manualSeed, scaled by 1/(1-p), and the gradient uses the same mask", () => {
    scope(() => {
      const drop = new Dropout(0.25);
      manualSeed(3);
      const x = ones(1000, { requiresGrad: true });
      const y = drop(x);
      y.sum().backward();
      const v = y.tolist() as number[];
      expect(new Set(v.map((e) => e.toFixed(5)))).toEqual(new Set(["0.00000", (1 / 0.75).toFixed(5)]));
      const kept = v.filter((e) => e > 0).length;
      expect(kept).toBeGreaterThan(700);
      expect(kept).toBeLessThan(800);
      expect(x.grad!.tolist()).toEqual(v);
      manualSeed(3);
      expect(drop(ones(1000)).tolist()).toEqual(v);
    });
  });

  it("eval mode and p=0 return the input; p=1 zeroes; bad p throws", () => {
    scope(() => {
      const x = randn(4, 5);
      expect(new Dropout(0.5).eval()(x)).toBe(x);
      expect(F.dropout(x, 0)).toBe(x);
      expect(F.dropout(x, { p: 0.5, training: false })).toBe(x);
      expect((F.dropout(x, 1).abs().sum().item())).toBe(0);
      expect(() => new Dropout(1.5)).toThrow("dropout probability has to be between 0 and 1, but got 1.5");
    });
  });
});

describe("BatchNorm", () => {
  it("checks dims and channels with PyTorch's messages", () => {
    using(() => new BatchNorm2d(3), (bn) => {
      expect(() => bn(zeros(2, 3, 4))).toThrow("expected 4D input (got 3D input)");
    });
    using(() => new BatchNorm1d(3), (bn) => {
      expect(() => bn(zeros(2, 3, 4, 5))).toThrow("expected 2D or 3D input (got 4D input)");
      expect(() => bn(zeros(1, 3))).toThrow("Expected more than 1 value per channel when training, got input size torch.Size([1, 3])");
      expect(() => bn(zeros(4, 6))).toThrow("running_mean should contain 6 elements not 3");
      bn.eval();
      expect(bn(ones(1, 3)).shape).toEqual([1, 3]); // eval mode uses running stats: one sample is fine
    });
  });

  it("training updates running stats with momentum 0.1 and the unbiased variance; eval leaves them alone", () =>
    using(() => new BatchNorm1d(1), (bn) => {
      const x = tensor([[1], [2], [3], [6]], { dtype: "float32" }); // mean 3, unbiased variance 14/3
      bn(x);
      expect(bn.runningMean!.item()).toBeCloseTo(0.3, 6);
      expect(bn.runningVar!.item()).toBeCloseTo(0.9 + 0.1 * (14 / 3), 6);
      expect(bn.numBatchesTracked!.item()).toBe(1);
      bn.eval();
      const y = bn(x);
      expect(bn.numBatchesTracked!.item()).toBe(1);
      expect(bn.runningMean!.item()).toBeCloseTo(0.3, 6);
      expect((y.tolist() as number[][])[0][0]).toBeCloseTo((1 - 0.3) / Math.sqrt(0.9 + 0.1 * (14 / 3) + 1e-5), 5);
    }));
});
