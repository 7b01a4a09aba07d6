// Loss and F.oneHot errors a learner hits, in PyTorch's words; reduction checks.
import { describe, expect, it } from "vitest";
import { memoryInfo, rand, randn, scope, tensor, zeros } from "../core";
import * as F from "./functional";
import { BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, MSELoss, NLLLoss } from "./loss";

/** Runs body in a scope and checks no tensor leaked. */
function clean(body: () => void): void {
  const before = memoryInfo().numTensors;
  scope(body);
  expect(memoryInfo().numTensors).toBe(before);
}

const idx = (v: number[]) => tensor(v, { dtype: "int32" });

describe("loss errors", () => {
  it("batch size mismatch", () =>
    clean(() => {
      const msg = "Expected input batch_size (64) to match target batch_size (32).";
      expect(() => new CrossEntropyLoss()(randn(64, 10), zeros(32, { dtype: "int32" }))).toThrow(msg);
      expect(() => new NLLLoss()(randn(64, 10), zeros(32, { dtype: "int32" }))).toThrow(msg);
    }));

  it("targets out of range, float class targets, int probabilities, bad label smoothing", () =>
    clean(() => {
      expect(() => F.crossEntropy(randn(4, 10), idx([1, 2, 3, 10]))).toThrow("Target 10 is out of bounds.");
      expect(() => F.crossEntropy(randn(4, 10), rand(4))).toThrow("expected scalar type Long but found Float");
      expect(() => F.crossEntropy(randn(4, 10), zeros(4, 10, { dtype: "int32" }))).toThrow("Expected floating point type for target with class probabilities, got Long");
      expect(() => F.crossEntropy(randn(4, 10), idx([1, 2, 3, 1]), { labelSmoothing: 1.5 })).toThrow("label_smoothing must be between 0.0 and 1.0. Got: 1.5");
      expect(() => F.crossEntropy(randn(4, 10), idx([1, 2, 3, 1]), { weight: rand(3) })).toThrow(
        "weight tensor should be defined either for all 10 classes or no classes but got weight tensor of shape: [3]",
      );
      expect(() => F.nllLoss(randn(4, 10, 3, 3), zeros(4, 3, 2, { dtype: "int32" }))).toThrow("size mismatch (got input: [4, 10, 3, 3], target: [4, 3, 2])");
    }));

  it("ignored targets may hold any value; a batch where every target is ignored gives nan (as PyTorch)", () =>
    clean(() => {
      expect(F.crossEntropy(randn(2, 3), idx([-100, 1])).item()).toBeGreaterThan(0);
      expect(Number.isNaN(F.crossEntropy(randn(2, 3), idx([-100, -100])).item())).toBe(true);
    }));

  it("target shape must match the input for regression and binary losses", () =>
    clean(() => {
      expect(() => new MSELoss()(randn(4, 1), randn(4))).toThrow(
        "Using a target size (torch.Size([4])) that is different to the input size (torch.Size([4, 1]))",
      );
      expect(() => new BCELoss()(rand(4, 1), rand(4))).toThrow("different to the input size");
      expect(() => new BCEWithLogitsLoss()(rand(4, 1), rand(4))).toThrow("Target size (torch.Size([4])) must be the same as input size (torch.Size([4, 1]))");
      expect(() => new BCELoss()(tensor([0.5, 2, 0.1, 0.3]), rand(4))).toThrow("all elements of input should be between 0 and 1");
    }));

  it("reduction names are checked", () => {
    expect(() => new MSELoss({ reduction: "avg" as "mean" })).toThrow("avg is not a valid value for reduction");
  });

  it("loss weights are buffers (in stateDict, like PyTorch)", () =>
    clean(() => {
      const ce = new CrossEntropyLoss({ weight: tensor([1, 2, 3], { dtype: "float32" }) });
      expect(Object.keys(ce.stateDict())).toEqual(["weight"]);
      ce.buffers().forEach((b) => b.dispose());
    }));
});

describe("F.oneHot", () => {
  it("encodes class indices as int [*, C], with PyTorch's errors", () =>
    clean(() => {
      const y = F.oneHot(idx([1, 2, 0, 0]).view(2, 2));
      expect(y.dtype).toBe("int32");
      expect(y.tolist()).toEqual([[[0, 1, 0], [0, 0, 1]], [[1, 0, 0], [1, 0, 0]]]);
      expect(F.oneHot(idx([1]), 4).tolist()).toEqual([[0, 1, 0, 0]]);
      expect(() => F.oneHot(idx([1, 5]), 3)).toThrow("Class values must be smaller than num_classes.");
      expect(() => F.oneHot(tensor([1.5, 2]))).toThrow("one_hot is only applicable to index tensor.");
    }));
});
