// conv2d on fastcpu (issue 18): a stride-1 convolution adds its bias inside XNNPACK's FusedConv2D (no Add pass) and a
// one-channel input is reshaped, not transposed; values and all three gradients match the cpu backend's.
import { afterAll, describe, expect, it } from "vitest";
import { assertClose } from "../../lib/allclose";
import { initBackend, memoryInfo, scope, tensor, tf } from "../index";
import { conv2d, type Conv2dOptions } from "./conv";

afterAll(async () => {
  await tf.setBackend("cpu");
});

type Case = [string, number[], number[], Conv2dOptions];
const cases: Case[] = [
  ["1 channel, LeNet's first layer", [3, 1, 12, 10], [4, 1, 5, 5], {}],
  ["3 channels, padding 1", [2, 3, 7, 9], [5, 3, 3, 3], { padding: 1 }],
  ["one output channel, same padding", [2, 2, 6, 5], [1, 2, 4, 4], { padding: "same" }],
  ["strided (unfused bias)", [2, 2, 9, 9], [3, 2, 3, 3], { stride: 2 }],
];

/** Deterministic values in [-1, 1). */
const values = (n: number, seed: number): number[] => Array.from({ length: n }, (_, i) => (((i * 7919 + seed * 104729) % 2003) / 1001.5) - 1);

/** [y, dx, dw, db] of sum(conv2d(x, w, b) · r) on the current backend. */
function run([, xs, ws, opts]: Case): number[][] {
  return scope(() => {
    const size = (s: number[]): number => s.reduce((a, v) => a * v, 1);
    const x = tensor(values(size(xs), 1)).view(xs).requiresGrad_();
    const w = tensor(values(size(ws), 2)).view(ws).requiresGrad_();
    const b = tensor(values(ws[0], 3)).requiresGrad_();
    const y = conv2d(x, w, b, opts);
    y.mul(tensor(values(y.numel(), 4)).view(y.shape)).sum().backward();
    return [y, x.grad!, w.grad!, b.grad!].map((t) => Array.from(t.tfData.dataSync()));
  });
}

describe("conv2d on fastcpu", () => {
  it("matches the cpu backend's values and gradients", async () => {
    await initBackend("cpu");
    const expected = cases.map(run);
    await initBackend("fastcpu");
    const before = memoryInfo().numTensors;
    cases.forEach((c, i) => {
      const got = run(c);
      ["y", "dx", "dw", "db"].forEach((what, k) => assertClose(got[k], expected[i][k], `${c[0]}: ${what}`, { atol: 1e-4, rtol: 1e-4 }));
    });
    expect(memoryInfo().numTensors).toBe(before);
  });

  it("adds the bias inside FusedConv2D and only reshapes a one-channel input", async () => {
    await initBackend("fastcpu");
    const x = tensor(values(2 * 28 * 28, 5)).view(2, 1, 28, 28);
    const w = tensor(values(6 * 25, 6)).view(6, 1, 5, 5);
    const b = tensor(values(6, 7));
    const names = (await tf.profile(() => void scope(() => conv2d(x, w, b)))).kernels.map((k) => k.name);
    // Reshape (the input), Transpose (the filter), FusedConv2D, Transpose (the output to NCHW).
    expect(names, names.join(", ")).toEqual(["Reshape", "Transpose", "FusedConv2D", "Transpose"]);
    for (const t of [x, w, b]) t.dispose();
  });
});
