// Installs the op methods on Tensor.prototype (x.add(y), x.view(-1, 784)…) and declares them for TypeScript.
import { runBackward, type BackwardOptions } from "./autograd";
import type { DType } from "./dtype";
import { formatTensor } from "./format";
import * as A from "./ops/arith";
import * as L from "./ops/linalg";
import * as R from "./ops/reduce";
import * as S from "./ops/shape";
import * as SM from "./ops/softmax";
import * as U from "./ops/unary";
import { Tensor } from "./tensor";
import "./methods-shape";
import "./methods-math";

type Operand = Tensor | number;
type Shape = Array<number | number[]>;

declare module "./tensor" {
  interface Tensor {
    /** Elementwise `this + other` (broadcasts). */ add(other: Operand, alpha?: number): Tensor;
    /** Elementwise `this - other`. */ sub(other: Operand, alpha?: number): Tensor;
    /** Elementwise `this * other`. */ mul(other: Operand): Tensor;
    /** Elementwise true division `this / other` (float result). */ div(other: Operand): Tensor;
    /** Elementwise power. */ pow(exponent: Operand): Tensor;
    neg(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sqrt(): Tensor;
    square(): Tensor;
    abs(): Tensor;
    sigmoid(): Tensor;
    tanh(): Tensor;
    relu(): Tensor;
    /** Clamps into [min, max]. */ clamp(min?: number | null, max?: number | null): Tensor;
    /** Matrix product with PyTorch's broadcasting rules: [N, K] @ [K, M] → [N, M]. */ matmul(other: Tensor): Tensor;
    /** 2-D matrix product. */ mm(other: Tensor): Tensor;
    /** Transpose of a ≤2-D tensor. */ t(): Tensor;
    /** All dims reversed (property, like PyTorch's `.T`): [n, m] → [m, n]. */ readonly T: Tensor;
    /** Same data, new shape; one dim may be -1: `x.view(-1, 784)`. */ view(...shape: Shape): Tensor;
    /** Same as view (Gradbook never needs to copy). */ reshape(...shape: Shape): Tensor;
    flatten(startDim?: number, endDim?: number): Tensor;
    squeeze(dim?: number): Tensor;
    unsqueeze(dim: number): Tensor;
    permute(...dims: Shape): Tensor;
    transpose(dim0: number, dim1: number): Tensor;
    /** Sum of all elements, or along `dim`. */ sum(dim?: number | number[], keepdim?: boolean): Tensor;
    /** Mean of all elements, or along `dim`. */ mean(dim?: number | number[], keepdim?: boolean): Tensor;
    /** Largest value; with `dim`, `[values, indices]`. */ max(): Tensor;
    max(dim: number, keepdim?: boolean): R.ValuesIndices;
    /** Elementwise maximum with another tensor. */ max(other: Tensor): Tensor;
    /** Smallest value; with `dim`, `[values, indices]`. */ min(): Tensor;
    min(dim: number, keepdim?: boolean): R.ValuesIndices;
    /** Elementwise minimum with another tensor. */ min(other: Tensor): Tensor;
    /** Index of the largest value along `dim`. */ argmax(dim?: number, keepdim?: boolean): Tensor;
    argmin(dim?: number, keepdim?: boolean): Tensor;
    eq(other: Operand): Tensor;
    ne(other: Operand): Tensor;
    gt(other: Operand): Tensor;
    lt(other: Operand): Tensor;
    ge(other: Operand): Tensor;
    le(other: Operand): Tensor;
    softmax(dim: number): Tensor;
    logSoftmax(dim: number): Tensor;
    /** A tensor cut from the graph. */ detach(): Tensor;
    /** A copy that stays in the graph. */ clone(): Tensor;
    float(): Tensor;
    int(): Tensor;
    /** int32 here (tfjs has no int64). */ long(): Tensor;
    bool(): Tensor;
    /**
     * Converts dtype (`x.to(torch.float32)`, `x.to(other)` for other's dtype); a device (`"cpu"`, `"cuda"`,
     * `torch.device(...)`) is accepted and ignored, so `x.to(device)` ports unchanged.
     */
    to(dtypeOrDevice: DType | string | Tensor, dtype?: DType): Tensor;
    /** The single value of a one-element tensor, as a JS number. */ item(): number;
    /** Values as nested arrays. */ tolist(): unknown;
    /** Computes gradients of this tensor w.r.t. graph leaves; they accumulate into `.grad`. */
    backward(gradient?: Tensor | null, opts?: BackwardOptions): void;
    /** Sets requiresGrad in place; returns this. */ requiresGrad_(requiresGrad?: boolean): Tensor;
    /** Keeps `.grad` on a non-leaf tensor after backward. */ retainGrad(): void;
    /** PyTorch-like text: `tensor([[0.1000, 0.2000]], requires_grad=True)`. */ toString(): string;
  }
}

const DTYPES: readonly string[] = ["float32", "int32", "bool"];

const methods: Partial<Record<keyof Tensor, unknown>> & ThisType<Tensor> = {
  add(o: Operand, alpha?: number) { return A.add(this, o, alpha); },
  sub(o: Operand, alpha?: number) { return A.sub(this, o, alpha); },
  mul(o: Operand) { return A.mul(this, o); },
  div(o: Operand) { return A.div(this, o); },
  pow(o: Operand) { return A.pow(this, o); },
  neg() { return U.neg(this); },
  exp() { return U.exp(this); },
  log() { return U.log(this); },
  sqrt() { return U.sqrt(this); },
  square() { return U.square(this); },
  abs() { return U.abs(this); },
  sigmoid() { return U.sigmoid(this); },
  tanh() { return U.tanh(this); },
  relu() { return U.relu(this); },
  clamp(min?: number | null, max?: number | null) { return U.clamp(this, min, max); },
  matmul(o: Tensor) { return L.matmul(this, o); },
  mm(o: Tensor) { return L.mm(this, o); },
  t() { return S.t(this); },
  view(...s: Shape) { return S.view(this, ...s); },
  reshape(...s: Shape) { return S.reshape(this, ...s); },
  flatten(a?: number, b?: number) { return S.flatten(this, a, b); },
  squeeze(d?: number) { return S.squeeze(this, d); },
  unsqueeze(d: number) { return S.unsqueeze(this, d); },
  permute(...d: Shape) { return S.permute(this, ...d); },
  transpose(a: number, b: number) { return S.transpose(this, a, b); },
  sum(d?: number | number[], k?: boolean) { return R.sum(this, d, k); },
  mean(d?: number | number[], k?: boolean) { return R.mean(this, d, k); },
  max(d?: number | Tensor, k?: boolean) { return R.max(this, d, k); },
  min(d?: number | Tensor, k?: boolean) { return R.min(this, d, k); },
  argmax(d?: number, k?: boolean) { return R.argmax(this, d, k); },
  argmin(d?: number, k?: boolean) { return R.argmin(this, d, k); },
  eq(o: Operand) { return A.eq(this, o); },
  ne(o: Operand) { return A.ne(this, o); },
  gt(o: Operand) { return A.gt(this, o); },
  lt(o: Operand) { return A.lt(this, o); },
  ge(o: Operand) { return A.ge(this, o); },
  le(o: Operand) { return A.le(this, o); },
  softmax(d: number) { return SM.softmax(this, d); },
  logSoftmax(d: number) { return SM.logSoftmax(this, d); },
  detach() { return S.detach(this); },
  clone() { return S.clone(this); },
  float() { return S.to(this, "float32"); },
  int() { return S.to(this, "int32"); },
  long() { return S.to(this, "int32"); },
  bool() { return S.to(this, "bool"); },
  to(a: DType | string | Tensor, d?: DType) {
    if (a instanceof Tensor) return S.to(this, a.dtype);
    if (DTYPES.includes(a)) return S.to(this, a as DType);
    if (!/^(cpu|cuda|mps|meta)(:\d+)?$/.test(a)) throw new TypeError(`to(): expected a dtype (torch.float32, torch.int64, torch.bool) or a device ("cpu", "cuda"), got "${a}"`);
    return d ? S.to(this, d) : this;
  },
  item() {
    const n = this.numel();
    if (n !== 1) throw new RangeError(`a Tensor with ${n} elements cannot be converted to Scalar; reduce it first (e.g. .sum() or .mean())`);
    return this.tfData.dataSync()[0];
  },
  tolist() {
    const v = this.tfData.arraySync();
    return this.dtype === "bool" ? mapBool(v) : v;
  },
  backward(gradient?: Tensor | null, opts?: BackwardOptions) { runBackward(this, gradient, opts); },
  requiresGrad_(on = true) {
    if (on && this.dtype !== "float32") throw new TypeError("only Tensors of floating point dtype can require gradients");
    if (!on && !this.isLeaf) throw new Error("you can only change requires_grad flags of leaf variables. Use .detach() to get a tensor without gradient.");
    this.requiresGrad = on;
    return this;
  },
  retainGrad() { if (!this.isLeaf) this.retainsGrad = true; },
  toString() { return this.isAlive ? formatTensor(this) : "tensor(<released>)"; },
};

function mapBool(v: unknown): unknown {
  return Array.isArray(v) ? v.map(mapBool) : Boolean(v);
}

Object.assign(Tensor.prototype, methods);
Object.defineProperty(Tensor.prototype, "T", {
  get(this: Tensor) {
    return S.reverseDims(this);
  },
});
