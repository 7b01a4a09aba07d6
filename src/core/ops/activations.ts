// The modern activations (torch.nn.functional.gelu, elu, selu, silu, softplus) and erf, each with its backward.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import type { Tensor } from "../tensor";

function floatIn(x: Tensor, fn: string): tf.Tensor {
  if (x.dtype !== "float32") throw new TypeError(`${fn}: expected a float32 input, got ${x.dtype}; call x.float()`);
  return x.tfData;
}

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const SQRT_2_PI = Math.sqrt(2 / Math.PI);

/** erf(x) elementwise, like `torch.erf`; d/dx = 2/√π · e^(−x²). */
export function erf(x: Tensor): Tensor {
  return makeOp("ErfBackward0", [x], () => tf.erf(floatIn(x, "erf")), (dy) => [tf.mul(dy, tf.mul(2 / Math.sqrt(Math.PI), tf.exp(tf.neg(tf.square(x.tfData)))))]);
}

/**
 * GELU, like `F.gelu(x, approximate='none')`: x·Φ(x) with the exact normal CDF, or with `approximate: "tanh"`
 * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). Any shape → same shape.
 */
export function gelu(x: Tensor, approximate: "none" | "tanh" = "none"): Tensor {
  if (approximate !== "none" && approximate !== "tanh") throw new RangeError(`approximate argument must be either none or tanh, got '${String(approximate)}'`);
  const v = floatIn(x, "gelu");
  if (approximate === "tanh") {
    const inner = (u: tf.Tensor) => tf.mul(SQRT_2_PI, tf.add(u, tf.mul(0.044715, tf.pow(u, 3))));
    return makeOp(
      "GeluBackward0",
      [x],
      () => tf.mul(tf.mul(0.5, v), tf.add(1, tf.tanh(inner(v)))),
      (dy) => {
        const u = x.tfData;
        const th = tf.tanh(inner(u));
        const dInner = tf.mul(SQRT_2_PI, tf.add(1, tf.mul(3 * 0.044715, tf.square(u))));
        const d = tf.add(tf.mul(0.5, tf.add(1, th)), tf.mul(tf.mul(0.5, u), tf.mul(tf.sub(1, tf.square(th)), dInner)));
        return [tf.mul(dy, d)];
      },
    );
  }
  return makeOp(
    "GeluBackward0",
    [x],
    () => tf.mul(tf.mul(0.5, v), tf.add(1, tf.erf(tf.mul(v, SQRT1_2)))),
    (dy) => {
      const u = x.tfData;
      const cdf = tf.mul(0.5, tf.add(1, tf.erf(tf.mul(u, SQRT1_2))));
      const pdf = tf.mul(INV_SQRT_2PI, tf.exp(tf.mul(-0.5, tf.square(u))));
      return [tf.mul(dy, tf.add(cdf, tf.mul(u, pdf)))];
    },
  );
}

/** α·(eˣ − 1) where x ≤ 0, scaled by `scale` (SELU's); shared by elu and selu. */
function eluLike(name: string, x: Tensor, alpha: number, scale: number, fn: string): Tensor {
  const v = floatIn(x, fn);
  return makeOp(
    name,
    [x],
    // expm1 form: tfjs has no expm1, so e^x − 1 (exact to float32 for the x ≤ 0 branch that uses it).
    () => tf.mul(scale, tf.where(tf.greater(v, 0), v, tf.mul(alpha, tf.sub(tf.exp(tf.minimum(v, 0)), 1)))),
    (dy) => {
      const u = x.tfData;
      return [tf.mul(dy, tf.mul(scale, tf.where(tf.greater(u, 0), tf.onesLike(u), tf.mul(alpha, tf.exp(tf.minimum(u, 0))))))];
    },
  );
}

/** ELU, like `F.elu(x, alpha=1.0)`: x for x > 0, α·(eˣ − 1) otherwise. */
export function elu(x: Tensor, alpha = 1.0): Tensor {
  return eluLike("EluBackward0", x, alpha, 1, "elu");
}

/** SELU's constants (Klambauer et al., as in PyTorch). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

/** SELU, like `F.selu(x)`: scale·elu(x, α) with PyTorch's constants. */
export function selu(x: Tensor): Tensor {
  return eluLike("EluBackward0", x, SELU_ALPHA, SELU_SCALE, "selu");
}

/** SiLU (swish), like `F.silu(x)`: x·σ(x); d/dx = σ(x)·(1 + x·(1 − σ(x))). */
export function silu(x: Tensor): Tensor {
  const v = floatIn(x, "silu");
  return makeOp(
    "SiluBackward0",
    [x],
    () => tf.mul(v, tf.sigmoid(v)),
    (dy) => {
      const u = x.tfData;
      const s = tf.sigmoid(u);
      return [tf.mul(dy, tf.mul(s, tf.add(1, tf.mul(u, tf.sub(1, s)))))];
    },
  );
}

/**
 * Softplus, like `F.softplus(x, beta=1, threshold=20)`: log(1 + e^(βx))/β, and x itself where βx > threshold
 * (for numerical stability, as PyTorch does). d/dx = σ(βx) (1 above the threshold).
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  const v = floatIn(x, "softplus");
  return makeOp(
    "SoftplusBackward0",
    [x],
    () => {
      const bx = tf.mul(v, beta);
      // log1p(e^(βx)) without overflow: max(βx, 0) + log1p(e^(−|βx|)).
      const sp = tf.div(tf.add(tf.maximum(bx, 0), tf.log1p(tf.exp(tf.neg(tf.abs(bx))))), beta);
      return tf.where(tf.greater(bx, threshold), v, sp);
    },
    (dy) => {
      const bx = tf.mul(x.tfData, beta);
      return [tf.mul(dy, tf.where(tf.greater(bx, threshold), tf.onesLike(bx), tf.sigmoid(bx)))];
    },
  );
}
