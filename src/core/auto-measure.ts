// Times the standard model (auto-pick.ts's STANDARD_MODEL) on the backend tfjs runs now, for `auto`'s measurement.
import type { Tf } from "./fastcpu/tfjs-types";

import { CROSS_ENTROPY, RELU_GRAD, SUM_ROWS } from "./fastcpu/elementwise";

type T = ReturnType<Tf["tensor"]>;
type Params = [T, T, T, T];

/** Seeded weights and one batch, in PyTorch's layout: x [64, 784], targets [64] int32, w1 [256, 784], b1, w2 [10, 256], b2. */
export function standardData(tf: Tf): { x: T; t: T; params: Params } {
  return tf.tidy(() => ({
    x: tf.randomUniform([64, 784], 0, 1, "float32", 1),
    t: tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 10), "int32"),
    params: [
      tf.randomUniform([256, 784], -0.05, 0.05, "float32", 2),
      tf.zeros([256]),
      tf.randomUniform([10, 256], -0.06, 0.06, "float32", 3),
      tf.zeros([10]),
    ] as Params,
  }));
}

/**
 * One SGD step (lr 0.03) of Linear → ReLU → Linear → CrossEntropyLoss, issuing the kernels Gradbook's own ops issue
 * on this backend (nn/functional.ts's linear, core/ops/unary.ts's ReLU backward, nn/cross-entropy-fused.ts): on
 * fastcpu its fused GEMM with the bias in the store, the one-pass cross-entropy with its gradient, the ReLU-backward
 * and bias-gradient kernels; elsewhere the tfjs ops. Timing plain tfjs ops instead measured fastcpu at 3.3 ms and
 * wasm at 3.7 ms on a step where Gradbook's path runs ~2× faster on fastcpu.
 */
export function standardStep(tf: Tf, x: T, t: T, [w1, b1, w2, b2]: Params): Params {
  const fast = tf.getBackend() === "fastcpu";
  const run = (name: string, inputs: Record<string, T>, attrs: object = {}) =>
    tf.engine().runKernel(name, inputs, attrs as never) as unknown;
  const linear = (a: T, w: T, bias: T): T =>
    fast
      ? (run("_FusedMatMul", { a, b: w, bias }, { transposeA: false, transposeB: true, activation: "linear" }) as T)
      : tf.fused.matMul({ a, b: w, transposeB: true, bias });
  const sumRows = (g: T): T => (fast ? (run(SUM_ROWS, { x: g }) as T) : tf.sum(g, 0));
  return tf.tidy(() => {
    const h = tf.relu(linear(x, w1, b1));
    const z = linear(h, w2, b2);
    const g = fast
      ? (run(CROSS_ENTROPY, { x: z, target: t }, { ignoreIndex: -100, divisor: 64, withGrad: true }) as T[])[1]
      : tf.div(tf.sub(tf.softmax(z), tf.oneHot(t, 10)), 64);
    const dh = tf.matMul(g, w2);
    const dz = fast ? (run(RELU_GRAD, { dy: dh, y: h }) as T) : tf.mul(dh, tf.step(h));
    const grads = [tf.matMul(dz, x, true, false), sumRows(dz), tf.matMul(g, h, true, false), sumRows(g)];
    return [w1, b1, w2, b2].map((p, i) => tf.sub(p, tf.mul(grads[i], 0.03))) as Params;
  });
}

/**
 * ms per step on the running backend: one warm-up step (compiles shaders, fills caches), then up to `steps` timed
 * steps, each read back before the next starts, stopping early once `deadline` (a performance.now() time) has
 * passed. The answer is the fastest timed step: on a busy machine another process only ever adds time to a step, and
 * a mean of five steps let one 40 ms hiccup pick wasm over a fastcpu twice as fast. When the warm-up alone ran past
 * the deadline, its own time is the answer (`warmupOnly`): a backend that slow to get going loses anyway, and the
 * budget is kept.
 */
export async function timeStandardStep(tf: Tf, deadline: number, steps = 8): Promise<{ msPerStep: number; warmupOnly: boolean }> {
  const { x, t, params } = standardData(tf);
  let weights = params;
  const advance = async () => {
    const next = standardStep(tf, x, t, weights);
    tf.dispose(weights);
    weights = next;
    await weights[3].data();
  };
  try {
    const w0 = performance.now();
    await advance();
    if (performance.now() > deadline) return { msPerStep: performance.now() - w0, warmupOnly: true };
    let best = Infinity;
    for (let done = 0; done < steps && (done === 0 || performance.now() < deadline); done++) {
      const t0 = performance.now();
      await advance();
      best = Math.min(best, performance.now() - t0);
    }
    return { msPerStep: best, warmupOnly: false };
  } finally {
    tf.dispose([x, t, ...weights]);
  }
}
