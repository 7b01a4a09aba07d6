// Times the standard model (auto-pick.ts's STANDARD_MODEL) on the backend tfjs runs now, for `auto`'s measurement.
import type { Tf } from "./fastcpu/tfjs-types";

type T = ReturnType<Tf["tensor"]>;

/** Seeded weights and one batch: x [64, 784], one-hot y [64, 10], w1 [784, 256], w2 [256, 10]. */
function standardData(tf: Tf): { x: T; y: T; w: [T, T] } {
  return tf.tidy(() => ({
    x: tf.randomUniform([64, 784], 0, 1, "float32", 1),
    y: tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 10), "int32"), 10), "float32"),
    w: [tf.randomUniform([784, 256], -0.05, 0.05, "float32", 2), tf.randomUniform([256, 10], -0.06, 0.06, "float32", 3)] as [T, T],
  }));
}

/** One SGD step (lr 0.03) of the MLP with its backward written out: the matMuls and elementwise ops a training step runs. */
function step(tf: Tf, x: T, y: T, [w1, w2]: [T, T]): [T, T] {
  return tf.tidy(() => {
    const h = tf.relu(tf.matMul(x, w1));
    const p = tf.softmax(tf.matMul(h, w2));
    const dLogits = tf.div(tf.sub(p, y), 64);
    const dw2 = tf.matMul(h, dLogits, true, false);
    const dh = tf.mul(tf.matMul(dLogits, w2, false, true), tf.cast(tf.greater(h, 0), "float32"));
    const dw1 = tf.matMul(x, dh, true, false);
    return [tf.sub(w1, tf.mul(dw1, 0.03)), tf.sub(w2, tf.mul(dw2, 0.03))] as [T, T];
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
  const { x, y, w } = standardData(tf);
  let weights = w;
  const advance = async () => {
    const next = step(tf, x, y, weights);
    tf.dispose(weights);
    weights = next;
    await weights[1].data();
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
    tf.dispose([x, y, ...weights]);
  }
}
