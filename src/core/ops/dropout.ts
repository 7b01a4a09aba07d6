// dropout: a seeded Bernoulli mask (manualSeed makes it reproducible), scaled by 1/(1-p); the mask is reused by the backward.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { defaultGenerator, type Generator } from "../random";
import { Tensor } from "../tensor";

/**
 * Zeroes each element with probability `p` and scales the rest by 1/(1 − p), like `torch.nn.functional.dropout`.
 * x: any shape → same shape. With `training` false (or p = 0) it returns `x` itself.
 * The mask comes from the seeded generator, so `manualSeed(n)` makes it reproducible.
 */
export function dropout(x: Tensor, p = 0.5, training = true, generator: Generator = defaultGenerator): Tensor {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return x;
  if (x.dtype !== "float32") throw new TypeError(`dropout: expected a float32 input, got ${x.dtype}; call x.float()`);
  const n = x.numel();
  const v = new Float32Array(n);
  if (p < 1) {
    const scale = 1 / (1 - p);
    for (let i = 0; i < n; i++) v[i] = generator.random() < p ? 0 : scale;
  }
  // The mask is an ordinary tensor input of the op, so it lives exactly as long as the graph that needs it.
  const mask = new Tensor(tf.tensor(v, x.shape, "float32"));
  return makeOp("NativeDropoutBackward0", [x, mask], () => tf.mul(x.tfData, mask.tfData), (dy) => [tf.mul(dy, mask.tfData), null]);
}
