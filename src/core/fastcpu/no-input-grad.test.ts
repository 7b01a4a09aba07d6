// No work for gradients nobody needs: a first layer's input (the batch) gets no gradient kernel in backward, for a
// Linear, a matmul and a convolution; with requiresGrad on the input, the extra kernel appears (issue 18).
import { describe, expect, it } from "vitest";
import { Linear } from "../../nn";
import { conv2d, matmul, randn, tf, type Tensor } from "../index";

/** Kernel names tfjs ran during `loss.backward()` (on the test's cpu backend). */
async function backwardKernels(loss: () => Tensor): Promise<string[]> {
  const l = loss();
  const info = await tf.profile(() => {
    l.backward();
  });
  return info.kernels.map((k) => k.name); // kernelNames is deduplicated
}

const count = (names: string[], name: string): number => names.filter((n) => n === name).length;

describe("backward skips the input gradient of a first layer", () => {
  it("Linear: one matMul (weight) for a plain batch, two when the batch requires grad", async () => {
    const layer = new Linear(20, 7);
    for (const needs of [false, true]) {
      const x = randn(5, 20, { requiresGrad: needs });
      const names = await backwardKernels(() => layer.forward(x).sum());
      expect(count(names, "BatchMatMul"), `x.requiresGrad = ${needs}: ${names.join(", ")}`).toBe(needs ? 2 : 1);
    }
  });

  it("matmul: only the operand that requires grad gets one", async () => {
    const a = randn(4, 6);
    const b = randn(6, 3, { requiresGrad: true });
    expect(count(await backwardKernels(() => matmul(a, b).sum()), "BatchMatMul")).toBe(1);
  });

  it("conv2d: no input-gradient kernel for a plain batch", async () => {
    const w = randn(4, 1, 3, 3, { requiresGrad: true });
    const plain = await backwardKernels(() => conv2d(randn(2, 1, 8, 8), w).sum());
    const needs = await backwardKernels(() => conv2d(randn(2, 1, 8, 8, { requiresGrad: true }), w).sum());
    expect(count(plain, "Conv2DBackpropInput"), plain.join(", ")).toBe(0);
    expect(count(needs, "Conv2DBackpropInput"), needs.join(", ")).toBe(1);
  });
});
