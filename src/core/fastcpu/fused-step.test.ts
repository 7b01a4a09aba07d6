// fastcpu's fused training-step kernels against the tfjs ops they replace: the SGD update (same bits), cross-entropy
// with its gradient, the targets read in place on the heap; and that optim.SGD and F.crossEntropy take them (issue 18).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Linear } from "../../nn";
import * as F from "../../nn/functional";
import { SGD } from "../../optim";
import { assertClose } from "../../lib/allclose";
import { fastSgdStep, initBackend, memoryInfo, peekInt32, randn, scope, tensor, tf, type Tensor } from "../index";
import { SGD_STEP_MAX } from "../fastcpu-ops";
import { CROSS_ENTROPY, SGD_STEP } from "./elementwise";

beforeAll(async () => {
  await initBackend("fastcpu");
  expect(tf.getBackend()).toBe("fastcpu");
});
afterAll(async () => {
  await tf.setBackend("cpu");
});

/** Kernel names tfjs ran inside `f`. */
async function kernels(f: () => void): Promise<string[]> {
  return (await tf.profile(f)).kernels.map((k) => k.name);
}

const bits = (t: tf.Tensor): number[] => Array.from(new Int32Array(new Float32Array(t.dataSync()).buffer));

describe("fastcpu SGD step kernel", () => {
  it("gives the same float32 bits as the tfjs ops, with weight decay and maximize, over odd shapes", () => {
    const before = memoryInfo().numTensors;
    for (const shape of [[1], [7], [10], [33, 17], [3, 5, 7]]) {
      for (const attrs of [
        { lr: 0.03, weightDecay: 0, maximize: false },
        { lr: 0.1, weightDecay: 0.01, maximize: false },
        { lr: 0.7, weightDecay: 0, maximize: true },
        { lr: 1e-3, weightDecay: 0.3, maximize: true },
      ]) {
        tf.tidy(() => {
          const p = tf.mul(tf.randomNormal(shape), 3);
          const g = tf.randomNormal(shape);
          const fused = fastSgdStep(p, g, attrs)!;
          expect(fused, `${shape}`).not.toBeNull();
          let gg = attrs.maximize ? tf.neg(g) : g;
          if (attrs.weightDecay) gg = tf.add(gg, tf.mul(p, attrs.weightDecay));
          const ops = tf.sub(p, tf.mul(gg, attrs.lr));
          expect(bits(fused), `[${shape}] ${JSON.stringify(attrs)}`).toEqual(bits(ops));
        });
      }
    }
    expect(memoryInfo().numTensors).toBe(before);
  });

  it("is left to the tfjs ops past SGD_STEP_MAX elements and on other dtypes", () => {
    tf.tidy(() => {
      expect(fastSgdStep(tf.zeros([SGD_STEP_MAX + 1]), tf.zeros([SGD_STEP_MAX + 1]), { lr: 1, weightDecay: 0, maximize: false })).toBeNull();
      expect(fastSgdStep(tf.zeros([4], "int32"), tf.zeros([4], "int32"), { lr: 1, weightDecay: 0, maximize: false })).toBeNull();
    });
  });

  it("optim.SGD without momentum steps a small parameter in one kernel; with momentum it does not", async () => {
    for (const momentum of [0, 0.9]) {
      const layer = new Linear(6, 3);
      const opt = new SGD(layer.parameters(), { lr: 0.1, momentum });
      const x = randn(4, 6);
      scope(() => layer.forward(x).sum().backward());
      const w0 = layer.weight.tfData.arraySync() as number[][];
      const names = await kernels(() => opt.step());
      expect(names.filter((n) => n === SGD_STEP).length, `momentum ${momentum}: ${names.join(", ")}`).toBe(momentum === 0 ? 2 : 0);
      // The update itself: w − lr·g.
      const g = layer.weight.grad!.tfData.arraySync() as number[][];
      assertClose(layer.weight.tfData.arraySync(), w0.map((r, i) => r.map((v, j) => v - 0.1 * g[i][j])), `momentum ${momentum}`, { atol: 1e-6 });
      opt.zeroGrad();
      opt.dispose();
    }
  });
});

describe("fastcpu cross-entropy", () => {
  const idx = (v: number[]): Tensor => tensor(v, { dtype: "int32" });

  it("matches logSoftmax + nllLoss (values and gradients) on odd shapes, ignored targets included", () => {
    scope(() => {
      for (const [n, c] of [[1, 2], [5, 3], [13, 10], [64, 7]]) {
        const x0 = randn(n, c).mul(5);
        const t = Array.from({ length: n }, (_, i) => (i % 4 === 3 ? -100 : (i * 7) % c));
        for (const reduction of ["mean", "sum"] as const) {
          const run = (f: (x: Tensor) => Tensor): [number, number[]] => {
            const x = x0.detach().requiresGrad_();
            const loss = f(x);
            loss.backward();
            return [loss.item(), Array.from(x.grad!.tfData.dataSync())];
          };
          const fused = run((x) => F.crossEntropy(x, idx(t), { reduction }));
          const general = run((x) => F.nllLoss(x.logSoftmax(1), idx(t), { reduction }));
          if (t.every((v) => v === -100) && reduction === "mean") continue;
          assertClose(fused[0], general[0], `loss [${n}, ${c}] ${reduction}`, { rtol: 1e-5 });
          assertClose(fused[1], general[1], `grad [${n}, ${c}] ${reduction}`, { atol: 1e-6 });
        }
      }
    });
  });

  it("runs as one kernel forward and reports a bad target as PyTorch does", async () => {
    const x = randn(8, 4).requiresGrad_();
    const t = idx([0, 1, 2, 3, 0, 1, 2, 3]);
    const names = await kernels(() => void scope(() => F.crossEntropy(x, t)));
    expect(names, names.join(", ")).toEqual([CROSS_ENTROPY]);
    expect(() => F.crossEntropy(x, idx([0, 1, 2, 3, 0, 1, 2, 9]))).toThrow("Target 9 is out of bounds.");
    for (const v of [x, t]) v.dispose();
  });

  it("reads int32 targets in place on the heap (the same values as dataSync), and only on fastcpu", async () => {
    const t = tf.tensor1d([3, -100, 0, 2147483647, -7], "int32");
    expect(Array.from(peekInt32(t)!)).toEqual(Array.from(t.dataSync()));
    expect(peekInt32(tf.tensor1d([1.5]))).toBeNull();
    t.dispose();
    await tf.setBackend("cpu");
    const c = tf.tensor1d([1, 2], "int32");
    expect(peekInt32(c)).toBeNull();
    c.dispose();
    await tf.setBackend("fastcpu");
  });
});
