// Installs the statistics, extra math and in-place methods (x.var, x.norm, x.add_, x.clamp_, x.fill_…) on Tensor.prototype.
import { defaultGenerator } from "./random";
import * as A from "./ops/arith";
import { maskedFill } from "./ops/gather";
import { copied, filled, inplace } from "./ops/inplace";
import * as St from "./ops/stats";
import * as U from "./ops/unary";
import { Tensor } from "./tensor";
import { tf } from "./backend";
import { makeOp } from "./autograd";

type Operand = Tensor | number;
type Dims = number | number[] | null;

declare module "./tensor" {
  interface Tensor {
    /**
     * Variance over all elements or `dim`, with Bessel's correction by default (PyTorch's `unbiased=True`):
     * `x.var()`, `x.var(1)`, `x.var(1, { unbiased: false, keepdim: true })`, `x.var(0, { correction: 0 })`.
     */
    var(dim?: Dims | St.VarOptions, unbiased?: boolean | St.VarOptions, keepdim?: boolean): Tensor;
    /** Standard deviation; same arguments as var(). */
    std(dim?: Dims | St.VarOptions, unbiased?: boolean | St.VarOptions, keepdim?: boolean): Tensor;
    /** Vector p-norm (p = 2 by default; 1, Infinity, "fro"…), over all elements or `dim`. */
    norm(p?: number | "fro", dim?: Dims, keepdim?: boolean): Tensor;
    /** log(sum(exp(x))) along `dim`, computed stably: [N, C].logsumexp(1) → [N]. */
    logsumexp(dim: number | number[], keepdim?: boolean): Tensor;
    /** Product of all elements, or along `dim`. */
    prod(dim?: number, keepdim?: boolean): Tensor;
    /** Running sum along `dim`. */
    cumsum(dim: number): Tensor;
    /** Elementwise maximum of two tensors (broadcasts). */
    maximum(other: Tensor): Tensor;
    /** Elementwise minimum of two tensors (broadcasts). */
    minimum(other: Tensor): Tensor;
    sin(): Tensor;
    cos(): Tensor;
    log1p(): Tensor;
    reciprocal(): Tensor;
    /** Gradient 0, like PyTorch. */ floor(): Tensor;
    /** Gradient 0, like PyTorch. */ ceil(): Tensor;
    /** Rounds half to even; gradient 0. */ round(): Tensor;
    /** -1, 0 or 1; gradient 0. */ sign(): Tensor;
    /** In place: `this += alpha * other` (broadcasts other to this shape). Returns this. */
    add_(other: Operand, alpha?: number): Tensor;
    /** In place: `this -= alpha * other`. */
    sub_(other: Operand, alpha?: number): Tensor;
    /** In place: `this *= other`. */
    mul_(other: Operand): Tensor;
    /** In place: `this /= other` (float tensors only). */
    div_(other: Operand): Tensor;
    /** In place: `this **= exponent`. */
    pow_(exponent: Operand): Tensor;
    /** In place negation. */
    neg_(): Tensor;
    /** In place clamp into [min, max]. */
    clamp_(min?: number | null, max?: number | null): Tensor;
    /** In place ReLU. */
    relu_(): Tensor;
    /** Fills with `value` in place. */
    fill_(value: number | boolean | Tensor): Tensor;
    /** Fills with zeros in place (e.g. `w.grad.zero_()`). */
    zero_(): Tensor;
    /** Copies values from `src` (broadcast to this shape, cast to this dtype) in place. */
    copy_(src: Tensor): Tensor;
    /** In-place maskedFill: `x.maskedFill_(x.lt(0), 0)` is PyTorch's `x[x < 0] = 0`. */
    maskedFill_(mask: Tensor, value: number | Tensor): Tensor;
    /** Fills with normal samples N(mean, std²) in place (seeded by torch.manualSeed). */
    normal_(mean?: number, std?: number): Tensor;
    /** Fills with uniform samples from [from, to) in place. */
    uniform_(from?: number, to?: number): Tensor;
  }
}

/** A fresh random tensor shaped like `self` from the default generator, recorded like fill_ (no gradient). */
function randomLike(self: Tensor, draw: () => number): Tensor {
  const n = self.numel();
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = draw();
  const shape = self.shape;
  return makeOp("NormalBackward0", [self], () => tf.tensor(v, shape, "float32"), (dy) => [tf.zerosLike(dy)]);
}

const methods: Partial<Record<keyof Tensor, unknown>> & ThisType<Tensor> = {
  var(d?: Dims | St.VarOptions, u?: boolean | St.VarOptions, k?: boolean) { return St.variance(this, d, u, k); },
  std(d?: Dims | St.VarOptions, u?: boolean | St.VarOptions, k?: boolean) { return St.std(this, d, u, k); },
  norm(p?: number | "fro", d?: Dims, k?: boolean) { return St.norm(this, p, d, k); },
  logsumexp(d: number | number[], k?: boolean) { return St.logsumexp(this, d, k); },
  prod(d?: number, k?: boolean) { return St.prod(this, d, k); },
  cumsum(d: number) { return St.cumsum(this, d); },
  maximum(o: Tensor) { return A.maximum(this, o); },
  minimum(o: Tensor) { return A.minimum(this, o); },
  sin() { return U.sin(this); },
  cos() { return U.cos(this); },
  log1p() { return U.log1p(this); },
  reciprocal() { return U.reciprocal(this); },
  floor() { return U.floor(this); },
  ceil() { return U.ceil(this); },
  round() { return U.round(this); },
  sign() { return U.sign(this); },
  add_(o: Operand, alpha?: number) { return inplace(this, "add_", [o], (s) => A.add(s, o, alpha)); },
  sub_(o: Operand, alpha?: number) { return inplace(this, "sub_", [o], (s) => A.sub(s, o, alpha)); },
  mul_(o: Operand) { return inplace(this, "mul_", [o], (s) => A.mul(s, o)); },
  div_(o: Operand) { return inplace(this, "div_", [o], (s) => A.div(s, o)); },
  pow_(o: Operand) { return inplace(this, "pow_", [o], (s) => A.pow(s, o)); },
  neg_() { return inplace(this, "neg_", [], (s) => U.neg(s)); },
  clamp_(lo?: number | null, hi?: number | null) { return inplace(this, "clamp_", [], (s) => U.clamp(s, lo, hi)); },
  relu_() { return inplace(this, "relu_", [], (s) => U.relu(s)); },
  fill_(v: number | boolean | Tensor) { return inplace(this, "fill_", [v], (s) => filled(s, v, "FillBackward2")); },
  zero_() { return inplace(this, "zero_", [], (s) => filled(s, 0, "ZeroBackward0")); },
  copy_(src: Tensor) { return inplace(this, "copy_", [src], (s) => copied(s, src)); },
  maskedFill_(m: Tensor, v: number | Tensor) { return inplace(this, "maskedFill_", [v], (s) => maskedFill(s, m, v)); },
  normal_(mean = 0, std = 1) {
    return inplace(this, "normal_", [], (s) => randomLike(s, () => mean + std * defaultGenerator.normal()));
  },
  uniform_(from = 0, to = 1) {
    return inplace(this, "uniform_", [], (s) => randomLike(s, () => from + (to - from) * defaultGenerator.random()));
  },
};

Object.assign(Tensor.prototype, methods);
