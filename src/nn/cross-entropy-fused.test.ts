// The fused cross-entropy against the general path (nllLoss of logSoftmax): values, gradients, ignored rows, no leaks.
import { describe, expect, it } from "vitest";
import { assertClose } from "../lib/allclose";
import { memoryInfo, noGrad, randn, scope, tensor, tf, type Tensor } from "../core";
import { canFuseCrossEntropy } from "./cross-entropy-fused";
import * as F from "./functional";

const idx = (v: number[]): Tensor => tensor(v, { dtype: "int32" });

/** Loss and input gradient of `f` on a fresh leaf with the values of `x0`. */
function lossAndGrad(x0: Tensor, f: (x: Tensor) => Tensor): [number, number[]] {
  const x = x0.detach().requiresGrad_();
  const loss = f(x);
  loss.backward();
  return [loss.item(), Array.from(x.grad!.tfData.dataSync())];
}

describe("fused cross-entropy", () => {
  it("matches logSoftmax + nllLoss for mean and sum, with and without ignored targets", () => {
    const before = memoryInfo().numTensors;
    scope(() => {
      const x0 = randn(6, 5).mul(4);
      for (const t of [[0, 4, 2, 2, 1, 3], [0, -100, 2, -100, 1, 3], [1, 7, 7, 0, 7, 2]]) {
        const ignoreIndex = t.includes(7) ? 7 : -100;
        for (const reduction of ["mean", "sum"] as const) {
          const o = { reduction, ignoreIndex };
          expect(canFuseCrossEntropy(x0, idx(t), o)).toBe(ignoreIndex !== 7 || 7 >= 5);
          const fused = lossAndGrad(x0, (x) => F.crossEntropy(x, idx(t), o));
          const general = lossAndGrad(x0, (x) => F.nllLoss(x.logSoftmax(1), idx(t), o));
          assertClose(fused[0], general[0], `loss ${t} ${reduction}`);
          assertClose(fused[1], general[1], `grad ${t} ${reduction}`, { atol: 1e-6 });
        }
      }
      // All targets ignored: nan, as PyTorch.
      expect(Number.isNaN(F.crossEntropy(x0, idx([-100, -100, -100, -100, -100, -100])).item())).toBe(true);
      // Under noGrad no gradient is kept.
      expect(noGrad(() => F.crossEntropy(x0.detach().requiresGrad_(), idx([0, 1, 2, 3, 4, 0]))).gradFn).toBeNull();
    });
    expect(memoryInfo().numTensors).toBe(before);
  });

  it("falls back for weights, label smoothing, an ignoreIndex inside [0, C), reduction none and N-D inputs", () => {
    scope(() => {
      const x = randn(4, 3);
      const t = idx([0, 1, 2, 1]);
      expect(canFuseCrossEntropy(x, t, { reduction: "mean", weight: randn(3) })).toBe(false);
      expect(canFuseCrossEntropy(x, t, { reduction: "mean", labelSmoothing: 0.1 })).toBe(false);
      expect(canFuseCrossEntropy(x, t, { reduction: "mean", ignoreIndex: 1 })).toBe(false);
      expect(canFuseCrossEntropy(x, t, { reduction: "none" })).toBe(false);
      expect(canFuseCrossEntropy(randn(4, 3, 2), idx([0, 1, 2, 1, 0, 0, 1, 1]).view(4, 2), { reduction: "mean" })).toBe(false);
    });
  });

  it("costs far fewer kernels than the general path", async () => {
    const x = randn(64, 10).requiresGrad_();
    const t = idx(Array.from({ length: 64 }, (_, i) => i % 10));
    const count = async (f: () => Tensor): Promise<number> => (await tf.profile(() => scope(() => f().backward()))).kernels.length;
    const fused = await count(() => F.crossEntropy(x, t));
    const general = await count(() => F.nllLoss(x.logSoftmax(1), t));
    // Forward ~13, backward's seed, one multiply and the gradient's accumulation; the general path takes ~40.
    expect(fused).toBeLessThanOrEqual(18);
    expect(fused * 2).toBeLessThan(general);
    for (const v of [x.grad!, x, t]) v.dispose();
  });
});
