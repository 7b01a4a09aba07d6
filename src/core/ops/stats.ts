// Statistics and norms: var, std (Bessel's correction), norm, logsumexp, prod, cumsum; backward beside forward.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { normDim, Tensor } from "../tensor";
import { signData } from "./unary";

type Dims = number | number[] | null | undefined;

/** Options of var/std: `correction` (default 1, Bessel's) or `unbiased: false` (correction 0), and `keepdim`. */
export interface VarOptions {
  correction?: number;
  unbiased?: boolean;
  keepdim?: boolean;
}

function axesOf(x: Tensor, dim: Dims): number[] {
  if (dim == null) return Array.from({ length: x.ndim }, (_, i) => i);
  return (Array.isArray(dim) ? dim : [dim]).map((d) => normDim(d, x.ndim));
}

/** Shape with the reduced axes kept as 1 (to broadcast a reduced gradient back). */
function keptShape(shape: number[], ax: number[]): number[] {
  return shape.map((s, i) => (ax.includes(i) ? 1 : s));
}

function requireFloat(x: Tensor, msg: string): void {
  if (x.dtype !== "float32") throw new TypeError(`${msg} Got: ${x.dtype === "int32" ? "Long" : "Bool"}. Convert first: x.float()`);
}

/** Reads `(dim, unbiased, keepdim)` or `(dim, { correction, keepdim })` or `({ ... })`. */
function varArgs(a?: Dims | VarOptions, b?: boolean | VarOptions, c?: boolean): { dim: Dims; correction: number; keepdim: boolean } {
  const opts: VarOptions = a !== null && typeof a === "object" && !Array.isArray(a) ? a : typeof b === "object" ? b : { unbiased: b, keepdim: c };
  const dim = a !== null && typeof a === "object" && !Array.isArray(a) ? undefined : (a as Dims);
  const correction = opts.correction ?? (opts.unbiased === false ? 0 : 1);
  return { dim, correction, keepdim: opts.keepdim ?? c ?? false };
}

function moments(name: "var" | "std", x: Tensor, a?: Dims | VarOptions, b?: boolean | VarOptions, c?: boolean): Tensor {
  requireFloat(x, "std and var only support floating point and complex dtypes.");
  const { dim, correction, keepdim } = varArgs(a, b, c);
  const ax = axesOf(x, dim);
  const n = ax.reduce((p, d) => p * x.shape[d], 1);
  const denom = Math.max(0, n - correction);
  const kept = keptShape(x.shape, ax);
  const variance = (v: tf.Tensor): tf.Tensor => {
    const centered = tf.sub(v, tf.mean(v, ax, true));
    return tf.div(tf.sum(tf.square(centered), ax, keepdim), denom);
  };
  // d var / dx = 2 (x - mean) / (n - correction); d std = d var / (2 std).
  const dvar = (dy: tf.Tensor): tf.Tensor => tf.mul(tf.reshape(dy, kept), tf.div(tf.mul(tf.sub(x.tfData, tf.mean(x.tfData, ax, true)), 2), denom));
  if (name === "var") return makeOp("VarBackward0", [x], () => variance(x.tfData), (dy) => [dvar(dy)]);
  return makeOp("StdBackward0", [x], () => tf.sqrt(variance(x.tfData)), (dy, y) => [tf.div(dvar(dy), tf.mul(tf.reshape(y, kept), 2))]);
}

/** Variance over all elements or `dim`, with Bessel's correction by default: `x.var(0)`, `x.var(1, { unbiased: false, keepdim: true })`. */
export function variance(x: Tensor, dim?: Dims | VarOptions, unbiased?: boolean | VarOptions, keepdim?: boolean): Tensor {
  return moments("var", x, dim, unbiased, keepdim);
}

/** Standard deviation (square root of var, same options). */
export function std(x: Tensor, dim?: Dims | VarOptions, unbiased?: boolean | VarOptions, keepdim?: boolean): Tensor {
  return moments("std", x, dim, unbiased, keepdim);
}

/** Vector p-norm over all elements or `dim`: p = 2 (default, "fro"), 1, Infinity, -Infinity, 0 or any other number. */
export function norm(x: Tensor, p: number | "fro" = 2, dim?: Dims, keepdim = false): Tensor {
  if (x.dtype !== "float32") throw new TypeError(`norm(): input dtype should be either floating point or complex. Got ${x.dtype === "int32" ? "Long" : "Bool"} instead. Convert first: x.float()`);
  const ord = p === "fro" ? 2 : p;
  const ax = axesOf(x, dim);
  const kept = keptShape(x.shape, ax);
  const forward = (v: tf.Tensor): tf.Tensor => {
    const a = tf.abs(v);
    if (ord === Infinity) return tf.max(a, ax, keepdim);
    if (ord === -Infinity) return tf.min(a, ax, keepdim);
    if (ord === 0) return tf.sum(tf.cast(tf.notEqual(v, 0), "float32"), ax, keepdim);
    if (ord === 1) return tf.sum(a, ax, keepdim);
    if (ord === 2) return tf.sqrt(tf.sum(tf.square(v), ax, keepdim));
    return tf.pow(tf.sum(tf.pow(a, ord), ax, keepdim), 1 / ord);
  };
  return makeOp("NormBackward1", [x], () => forward(x.tfData), (dy, y) => {
    const v = x.tfData;
    const g = tf.reshape(dy, kept);
    const out = tf.reshape(y, kept);
    if (ord === 0) return [tf.zerosLike(v)];
    if (ord === 1) return [tf.mul(g, signData(v))];
    if (!Number.isFinite(ord)) {
      const hit = tf.cast(tf.equal(tf.abs(v), out), "float32");
      return [tf.mul(tf.mul(g, signData(v)), tf.div(hit, tf.sum(hit, ax, true)))];
    }
    // d|x|_p/dx = x |x|^(p-2) / |x|_p^(p-1); 0 where the norm is 0 (PyTorch's subgradient).
    const num = ord === 2 ? v : tf.mul(v, tf.pow(tf.abs(v), ord - 2));
    const den = ord === 2 ? out : tf.pow(out, ord - 1);
    const safe = tf.where(tf.equal(den, 0), tf.onesLike(den), den);
    return [tf.where(tf.equal(tf.broadcastTo(den, v.shape), 0), tf.zerosLike(v), tf.mul(g, tf.div(num, safe)))];
  });
}

/** log(sum(exp(x))) along `dim`, computed stably. [N, C].logsumexp(1) → [N]. */
export function logsumexp(x: Tensor, dim: number | number[], keepdim = false): Tensor {
  requireFloat(x, "logsumexp(): expected a floating point input.");
  const ax = axesOf(x, dim);
  const kept = keptShape(x.shape, ax);
  return makeOp(
    "LogsumexpBackward0",
    [x],
    () => {
      const m = tf.max(x.tfData, ax, true);
      const safeM = tf.where(tf.isFinite(m), m, tf.zerosLike(m));
      const s = tf.add(tf.log(tf.sum(tf.exp(tf.sub(x.tfData, safeM)), ax, true)), safeM);
      return keepdim ? s : tf.reshape(s, x.shape.filter((_, i) => !ax.includes(i)));
    },
    (dy, y) => [tf.mul(tf.reshape(dy, kept), tf.exp(tf.sub(x.tfData, tf.reshape(y, kept))))],
  );
}

/** Product of all elements, or along `dim`. Gradients are exact even with zeros (products of the others). */
export function prod(x: Tensor, dim?: number, keepdim = false): Tensor {
  const data = (): tf.Tensor => (x.dtype === "bool" ? tf.cast(x.tfData, "int32") : x.tfData);
  // The product of all the others, along `axis`: exclusive cumprods from both ends, multiplied.
  const others = (v: tf.Tensor, axis: number): tf.Tensor => tf.mul(tf.cumprod(v, axis, true), tf.cumprod(v, axis, true, true));
  if (dim === undefined) {
    return makeOp("ProdBackward0", [x], () => tf.prod(data()), (dy) => [
      tf.reshape(tf.mul(others(tf.reshape(x.tfData, [-1]), 0), dy), x.shape),
    ]);
  }
  const d = normDim(dim, x.ndim);
  return makeOp("ProdBackward1", [x], () => tf.prod(data(), d, keepdim), (dy) => [
    tf.mul(others(x.tfData, d), keepdim ? dy : tf.expandDims(dy, d)),
  ]);
}

/** Running sum along `dim`: [1, 2, 3].cumsum(0) → [1, 3, 6]. */
export function cumsum(x: Tensor, dim: number): Tensor {
  const d = normDim(dim, Math.max(x.ndim, 1));
  const v = (): tf.Tensor => (x.dtype === "bool" ? tf.cast(x.tfData, "int32") : x.tfData);
  if (x.ndim === 0) return makeOp("CumsumBackward0", [x], () => tf.clone(v()), (dy) => [dy]);
  return makeOp("CumsumBackward0", [x], () => tf.cumsum(v(), d), (dy) => [tf.cumsum(dy, d, false, true)]);
}
