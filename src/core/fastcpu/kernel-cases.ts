// The fastcpu kernel cases (odd shapes, every transpose, conv geometry, gradients), run against tfjs's cpu backend:
// by fastcpu.test.ts on one thread and by threads.test.ts through the thread pool. Test-only.
import { describe, expect, it } from "vitest";
import { assertClose } from "../../lib/allclose";
import { tf } from "../index";
import * as torch from "../index";

/** Deterministic values in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed * 2654435761;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}

const size = (s: number[]): number => s.reduce((a, b) => a * b, 1);

/** Runs `f` on tfjs cpu and on fastcpu with the same inputs; asserts the outputs agree and nothing leaked. */
async function agree(shapes: number[][], f: (...xs: tf.Tensor[]) => tf.Tensor, what: string): Promise<void> {
  const data = shapes.map((s, i) => values(size(s), i + 1));
  const outs: Float32Array[] = [];
  for (const name of ["cpu", "fastcpu"]) {
    await tf.setBackend(name);
    const before = tf.memory().numTensors;
    outs.push(
      tf.tidy(() => {
        const y = f(...data.map((d, i) => tf.tensor(d, shapes[i])));
        return y.dataSync() as Float32Array;
      }),
    );
    expect(tf.memory().numTensors, `${what} leaked on ${name}`).toBe(before);
  }
  assertClose(Array.from(outs[1]), Array.from(outs[0]), what, { rtol: 1e-4, atol: 1e-4 });
}

export function describeKernelCases(title: string): void {
 describe(title, () => {
  it("matMul over odd shapes and every transpose", async () => {
    // K = 600 and 1030 cross the 512-row passes (accumulation, bias and ReLU on the last pass only). M = 7, 13, 23: a
    // partial 4-row panel after full ones (packed even when A is row-major); [383, 520, 9]: K in 2 passes of 260 and
    // M in two blocks (252 rows, then 131).
    const dims = [[1, 1, 1], [3, 17, 5], [17, 3, 65], [64, 65, 17], [65, 64, 9], [4, 1, 8], [5, 300, 11], [9, 0, 3],
      [7, 7, 8], [13, 301, 24], [23, 4, 1], [383, 520, 9], [5, 1030, 11]];
    for (const [M, K, N] of dims) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          await agree([ta ? [K, M] : [M, K], tb ? [N, K] : [K, N]], (a, b) => tf.matMul(a, b, ta, tb), `matMul ${M}x${K}x${N} ta=${ta} tb=${tb}`);
        }
      }
    }
  });

  it("batched matMul, with one side broadcast", async () => {
    await agree([[3, 5, 7], [3, 7, 9]], (a, b) => tf.matMul(a, b), "bmm");
    await agree([[3, 5, 7], [1, 9, 7]], (a, b) => tf.matMul(a, b, false, true), "bmm broadcast b");
    await agree([[1, 7, 5], [2, 3, 7, 4]], (a, b) => tf.matMul(a, b, true, false), "bmm broadcast a");
  });

  it("fused matMul: bias and relu in the kernel, other activations through tfjs-wasm", async () => {
    await agree([[17, 33], [9, 33], [9]], (a, b, c) => tf.fused.matMul({ a, b, transposeB: true, bias: c, activation: "relu" }), "fused relu");
    await agree([[6, 5], [5, 3], [3]], (a, b, c) => tf.fused.matMul({ a, b, bias: c }), "fused linear");
    await agree([[7, 600], [13, 600], [13]], (a, b, c) => tf.fused.matMul({ a, b, transposeB: true, bias: c, activation: "relu" }), "fused relu, long K");
    // Bias and ReLU on the last of 2 passes, over a second block of packed A, with A transposed.
    await agree([[520, 383], [520, 21], [21]], (a, b, c) => tf.fused.matMul({ a, b, transposeA: true, bias: c, activation: "relu" }), "fused relu, A transposed, 2 blocks");
    await agree([[6, 5], [5, 3], [3]], (a, b, c) => tf.fused.matMul({ a, b, bias: c, activation: "sigmoid" }), "fused sigmoid");
  });

  it("conv2d forward with strides, padding and dilation", async () => {
    const cases: Array<[number[], number[], number | [number, number], "valid" | "same" | number, number]> = [
      [[2, 7, 9, 3], [3, 3, 3, 5], 1, "valid", 1],
      [[1, 8, 8, 1], [5, 5, 1, 6], 1, "same", 1],
      [[3, 9, 7, 2], [3, 2, 2, 4], [2, 3], 1, 1],
      [[1, 9, 9, 3], [3, 3, 3, 2], 1, "valid", 2],
      [[2, 5, 5, 17], [1, 1, 17, 3], 1, "valid", 1],
      // Few taps, stride 1, no padding: tfjs-wasm's XNNPACK kernel runs it (faster there).
      [[2, 12, 12, 1], [5, 5, 1, 6], 1, "valid", 1],
      [[2, 9, 9, 1], [3, 3, 1, 4], 2, 1, 1],
    ];
    for (const [xs, ws, stride, pad, dil] of cases) {
      await agree([xs, ws], (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride, pad, "NHWC", dil), `conv2d ${xs} ${ws} s=${stride} p=${pad} d=${dil}`);
    }
  });

  it("conv2d input and filter gradients", async () => {
    const cases: Array<[[number, number, number, number], [number, number, number, number], [number, number], "valid" | "same" | number]> = [
      [[2, 7, 9, 3], [3, 3, 3, 5], [1, 1], "valid"],
      [[2, 8, 8, 1], [5, 5, 1, 6], [1, 1], "same"],
      [[3, 9, 7, 2], [3, 2, 2, 4], [2, 3], 1],
      [[1, 12, 12, 6], [5, 5, 6, 16], [2, 2], 0],
      [[2, 20, 20, 2], [3, 3, 2, 3], [1, 1], "valid"],
    ];
    for (const [xs, ws, s, pad] of cases) {
      const y = tf.tidy(() => tf.conv2d(tf.zeros(xs) as tf.Tensor4D, tf.zeros(ws) as tf.Tensor4D, s, pad));
      const ys = y.shape;
      y.dispose();
      await agree([ys, ws], (dy, w) => tf.conv2dTranspose(dy as tf.Tensor4D, w as tf.Tensor4D, xs as [number, number, number, number], s, pad), `dx ${xs} ${ws}`);
      const dims = { strides: s, pad, dataFormat: "NHWC", filterShape: ws };
      await agree([xs, ys], (x, dy) => tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, dims) as tf.Tensor, `dw ${xs} ${ws}`);
    }
  });

  it("max-pool gradient (first maximum wins ties)", async () => {
    const cases: Array<[[number, number, number, number], number, number, "valid" | "same"]> = [[[2, 6, 6, 3], 2, 2, "valid"], [[1, 7, 5, 2], 3, 2, "same"], [[2, 5, 5, 1], 3, 1, "valid"],
      // One channel, 2×2 stride 2: the SIMD path (4 windows a step, then a scalar tail; odd sizes leave a border).
      [[3, 10, 18, 1], 2, 2, "valid"], [[1, 9, 11, 1], 2, 2, "valid"]];
    for (const [xs, k, s, pad] of cases) {
      const y = tf.tidy(() => tf.maxPool(tf.zeros(xs) as tf.Tensor4D, k, s, pad));
      const ys = y.shape;
      y.dispose();
      const grad = (x: tf.Tensor, dy: tf.Tensor) => {
        const out = tf.maxPool(x as tf.Tensor4D, k, s, pad);
        return tf.engine().runKernel("MaxPoolGrad", { dy, input: x, output: out }, { filterSize: k, strides: s, pad }) as tf.Tensor;
      };
      await agree([xs, ys], grad, `maxPoolGrad ${xs} k=${k} s=${s} ${pad}`);
      // Ties: a constant input sends each window's gradient to its first element; so do rounded values, tied often.
      await agree([xs, ys], (x, dy) => grad(tf.zerosLike(x), dy), `maxPoolGrad ties ${xs}`);
      await agree([xs, ys], (x, dy) => grad(tf.round(tf.mul(x, 2)), dy), `maxPoolGrad some ties ${xs}`);
    }
  });

  it("ReLU backward in one kernel, as the three-op form (zero and NaN outputs pass no gradient)", async () => {
    const f = (x: tf.Tensor, dy: tf.Tensor): tf.Tensor => {
      // Rounded values hit exact zeros; one NaN checks the comparison.
      const xt = torch.tensor(Array.from(tf.concat([tf.round(tf.mul(x, 2)), tf.tensor([NaN])]).dataSync()), { requiresGrad: true });
      torch.relu(xt).backward(torch.tensor([...Array.from(dy.dataSync()), 5]));
      return tf.clone(xt.grad!.tfData);
    };
    await agree([[1000], [1000]], (x, dy) => torch.scope(() => f(x, dy)), "relu backward");
  });

  it("bias gradient (column sums) in one kernel", async () => {
    for (const shape of [[65, 33], [1, 7], [0, 5], [64, 256]]) {
      await agree([shape], (x) => torch.fastSumRows(x) ?? tf.sum(x, 0), `sumRows ${shape}`);
    }
  });

  it("conv2d and max_pool2d backward through our ops", async () => {
    const f = (x: tf.Tensor, w: tf.Tensor): tf.Tensor => {
      const xt = torch.tensor(Array.from(x.dataSync()), { requiresGrad: true });
      const wt = torch.tensor(Array.from(w.dataSync()), { requiresGrad: true });
      const y = torch.maxPool2d(torch.conv2d(xt.view(2, 3, 9, 9), wt.view(4, 3, 3, 3), null, { stride: 1, padding: 1, dilation: 2 }), 2);
      y.sum().backward();
      return tf.concat([tf.reshape(xt.grad!.tfData, [-1]), tf.reshape(wt.grad!.tfData, [-1])]);
    };
    await agree([[2 * 3 * 81], [4 * 27]], (x, w) => torch.scope(() => f(x, w)), "conv+pool grads");
  });
});
}
