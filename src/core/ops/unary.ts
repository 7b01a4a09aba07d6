// Elementwise unary math and activations (neg, exp, log, sqrt, abs, sin, cos, floor…, clamp, sigmoid, tanh, relu, leakyRelu).
import { fastCpuActive, tf } from "../backend";
import { RELU_GRAD } from "../fastcpu/elementwise";
import { makeOp } from "../autograd";
import { Tensor } from "../tensor";

function floatData(x: Tensor): tf.Tensor {
  return x.dtype === "float32" ? x.tfData : tf.cast(x.tfData, "float32");
}

function unary(name: string, x: Tensor, f: (v: tf.Tensor) => tf.Tensor, grad: (dy: tf.Tensor, v: tf.Tensor, out: tf.Tensor) => tf.Tensor, keepInt = false): Tensor {
  // Declaring `out` only when the gradient reads it lets autograd allow in-place changes to the output.
  const backward = grad.length >= 3 ? (dy: tf.Tensor, out: tf.Tensor) => [grad(dy, floatData(x), out)] : (dy: tf.Tensor) => [grad(dy, floatData(x), dy)];
  return makeOp(name, [x], () => f(keepInt ? x.tfData : floatData(x)), backward, { readsInputs: grad.length >= 2 });
}

export const neg = (x: Tensor): Tensor => unary("NegBackward0", x, tf.neg, (dy) => tf.neg(dy), true);
export const exp = (x: Tensor): Tensor => unary("ExpBackward0", x, tf.exp, (dy, _v, out) => tf.mul(dy, out));
export const log = (x: Tensor): Tensor => unary("LogBackward0", x, tf.log, (dy, v) => tf.div(dy, v));
export const sqrt = (x: Tensor): Tensor => unary("SqrtBackward0", x, tf.sqrt, (dy, _v, out) => tf.div(dy, tf.mul(out, 2)));
export const square = (x: Tensor): Tensor => unary("PowBackward0", x, tf.square, (dy, v) => tf.mul(dy, tf.mul(v, 2)), true);
export const abs = (x: Tensor): Tensor => unary("AbsBackward0", x, tf.abs, (dy, v) => tf.mul(dy, signData(v)), true);
export const sigmoid = (x: Tensor): Tensor =>
  unary("SigmoidBackward0", x, sigmoidData, (dy, _v, out) => tf.mul(dy, tf.mul(out, tf.sub(1, out))));

/** σ(x); on webgpu its Sigmoid kernel gives 0 for NaN (PyTorch NaN), so NaN is put back. */
function sigmoidData(v: tf.Tensor): tf.Tensor {
  return tf.getBackend() === "webgpu" ? tf.where(tf.isNaN(v), v, tf.sigmoid(v)) : tf.sigmoid(v);
}
export const tanh = (x: Tensor): Tensor =>
  unary("TanhBackward0", x, tanhData, (dy, _v, out) => tf.mul(dy, tf.sub(1, tf.square(out))));
export const relu = (x: Tensor): Tensor => unary("ReluBackward0", x, reluData, reluBackward);

/** The GPU backends' shaders, where the audit (nn/modern.suite) found the tiny-value and ±Inf slips fixed below. */
const onGpu = (): boolean => {
  const b = tf.getBackend();
  return b === "webgl" || b === "webgpu";
};

/**
 * tanh(x); on webgl/webgpu, x·(1 − x²/3 + 2x⁴/15) where |x| < 0.01: their (e^2x − 1)/(e^2x + 1) cancels to 0 for tiny x
 * (tanh(1e-30) gave 0, PyTorch 1e-30). The series is exact to float32 there.
 */
function tanhData(v: tf.Tensor): tf.Tensor {
  if (!onGpu()) return tf.tanh(v);
  const x2 = tf.square(v);
  const series = tf.mul(v, tf.add(1, tf.mul(x2, tf.add(-1 / 3, tf.mul(x2, 2 / 15)))));
  return tf.where(tf.less(tf.abs(v), 0.01), series, tf.tanh(v));
}

/** max(x, 0); on webgl/webgpu tf.maximum, since their packed Relu computes x·(x ≥ 0) and turns −Inf into NaN. */
function reluData(v: tf.Tensor): tf.Tensor {
  return onGpu() && v.dtype === "float32" ? tf.maximum(v, tf.scalar(0)) : tf.relu(v);
}

/** dy where out > 0: one kernel on fastcpu, three tfjs ops elsewhere (a NaN output passes no gradient either way). */
function reluBackward(dy: tf.Tensor, _v: tf.Tensor, out: tf.Tensor): tf.Tensor {
  if (fastCpuActive() && dy.dtype === "float32" && out.dtype === "float32" && dy.size === out.size) {
    return tf.engine().runKernel(RELU_GRAD, { dy, y: out }) as tf.Tensor;
  }
  return tf.mul(dy, tf.cast(tf.greater(out, 0), "float32"));
}

export const sin = (x: Tensor): Tensor => unary("SinBackward0", x, tf.sin, (dy, v) => tf.mul(dy, tf.cos(v)));
export const cos = (x: Tensor): Tensor => unary("CosBackward0", x, tf.cos, (dy, v) => tf.neg(tf.mul(dy, tf.sin(v))));
export const log1p = (x: Tensor): Tensor => unary("Log1PBackward0", x, log1pData, (dy, v) => tf.div(dy, tf.add(v, 1)));

/**
 * log(1 + x) accurate for tiny x (Goldberg's trick: log(u)·x/(u − 1) with u = 1 + x, and x itself where u rounds to 1).
 * tfjs-wasm's Log1p (and so fastcpu's) computes log(1 + x) directly and returns 0 for |x| < 6e-8, PyTorch x.
 */
function log1pData(v: tf.Tensor): tf.Tensor {
  const u = tf.add(v, 1);
  const d = tf.sub(u, 1);
  const safeD = tf.where(tf.equal(d, 0), tf.onesLike(d), d);
  const scaled = tf.where(tf.equal(u, Infinity), u, tf.mul(tf.log(u), tf.div(v, safeD)));
  return tf.where(tf.equal(d, 0), v, scaled);
}
export const reciprocal = (x: Tensor): Tensor =>
  unary("ReciprocalBackward0", x, tf.reciprocal, (dy, _v, out) => tf.neg(tf.mul(dy, tf.square(out))));
/** Piecewise-constant ops: gradient 0 everywhere (as in PyTorch). Integers stay integers. */
export const floor = (x: Tensor): Tensor => unary("FloorBackward0", x, tf.floor, (dy) => tf.zerosLike(dy), true);
export const ceil = (x: Tensor): Tensor => unary("CeilBackward0", x, tf.ceil, (dy) => tf.zerosLike(dy), true);
/** Rounds half to even, like torch.round. */
export const round = (x: Tensor): Tensor => unary("RoundBackward0", x, tf.round, (dy) => tf.zerosLike(dy), true);
export const sign = (x: Tensor): Tensor => unary("SignBackward0", x, signData, (dy) => tf.zerosLike(dy), true);

/**
 * −1, 0 or 1 as PyTorch computes it, (0 < x) − (x < 0): ±1 however tiny x is (denormals included), 0 for ±0 and NaN.
 * tfjs-wasm's Sign kernel (and so fastcpu's) returns 0 for |x| < 1.2e-7, which changed Rprop and abs()'s gradient.
 */
export function signData(v: tf.Tensor): tf.Tensor {
  const d = v.dtype === "int32" ? "int32" : "float32";
  return tf.sub(tf.cast(tf.greater(v, 0), d), tf.cast(tf.less(v, 0), d));
}

/** LeakyReLU with PyTorch's default slope 0.01. */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return unary(
    "LeakyReluBackward0",
    x,
    // Not tf.leakyRelu: webgl's packed kernel blends both branches arithmetically, so ±Inf became NaN.
    (v) => tf.where(tf.greater(v, 0), v, tf.mul(v, negativeSlope)),
    (dy, v) => tf.mul(dy, tf.where(tf.greater(v, 0), tf.onesLike(v), tf.fill(v.shape, negativeSlope))),
  );
}

/** Clamps into [min, max]; either bound may be omitted (null/undefined). */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  if (min == null && max == null) throw new TypeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  return unary(
    "ClampBackward1",
    x,
    // min(max(x, lo), hi), as PyTorch (also when lo > hi, where clipByValue would refuse).
    (v) => {
      const r = min == null ? v : tf.maximum(v, tf.scalar(min, v.dtype));
      return max == null ? r : tf.minimum(r, tf.scalar(max, v.dtype));
    },
    (dy, v) => tf.mul(dy, tf.cast(tf.logicalAnd(tf.greaterEqual(v, lo), tf.lessEqual(v, hi)), "float32")),
    true,
  );
}
