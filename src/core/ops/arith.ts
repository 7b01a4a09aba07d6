// Elementwise arithmetic with broadcasting (add, sub, mul, div, pow) and comparisons; backward beside forward.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { promote, type DType } from "../dtype";
import { Tensor } from "../tensor";

export type Operand = Tensor | number;

/** The tfjs value of an operand, cast to `dtype`. Numbers become scalars. */
function raw(x: Operand, dtype: DType): tf.Tensor {
  if (typeof x === "number") return tf.scalar(x, dtype);
  return x.dtype === dtype ? x.tfData : tf.cast(x.tfData, dtype);
}

function dtypeOf(x: Operand): DType {
  if (typeof x === "number") return Number.isInteger(x) ? "int32" : "float32";
  return x.dtype;
}

/** Checks two shapes broadcast, with PyTorch's message. */
export function broadcastShapes(a: number[], b: number[], op: string): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new RangeError(
        `${op}: The size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i} ` +
          `(shapes [${a.join(", ")}] and [${b.join(", ")}] do not broadcast)`,
      );
    }
    out.push(Math.max(x, y));
  }
  return out;
}

function shapeOf(x: Operand): number[] {
  return typeof x === "number" ? [] : x.shape;
}

function inputs(...xs: Operand[]): Tensor[] {
  return xs.filter((x): x is Tensor => x instanceof Tensor);
}

/** Maps the gradient list back to only the Tensor operands, in order. */
function pick(a: Operand, b: Operand, ga: () => tf.Tensor, gb: () => tf.Tensor): (tf.Tensor | null)[] {
  const out: (tf.Tensor | null)[] = [];
  if (a instanceof Tensor) out.push(a.requiresGrad ? ga() : null);
  if (b instanceof Tensor) out.push(b.requiresGrad ? gb() : null);
  return out;
}

function binary(
  name: string,
  a: Operand,
  b: Operand,
  f: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor,
  grads?: (dy: tf.Tensor, x: tf.Tensor, y: tf.Tensor, out: tf.Tensor) => [() => tf.Tensor, () => tf.Tensor],
  forceFloat = false,
  gradName = `${name[0].toUpperCase()}${name.slice(1)}Backward0`,
): Tensor {
  broadcastShapes(shapeOf(a), shapeOf(b), name);
  let dt = promote(dtypeOf(a), dtypeOf(b));
  if (forceFloat) dt = "float32";
  if (dt === "bool" && name !== "mul") dt = "int32";
  return makeOp(
    gradName,
    inputs(a, b),
    () => f(raw(a, dt), raw(b, dt)),
    // Declaring `out` only when the gradient reads it lets autograd allow in-place changes to the output.
    grads && grads.length >= 4
      ? (dy, out) => pick(a, b, ...grads(dy, raw(a, dt), raw(b, dt), out))
      : grads
        ? (dy) => pick(a, b, ...grads(dy, raw(a, dt), raw(b, dt), dy))
        : undefined,
    { readsInputs: !grads || grads.length >= 2 },
  );
}

export function add(a: Operand, b: Operand, alpha = 1): Tensor {
  if (alpha !== 1) return add(a, mul(b, alpha));
  return binary("add", a, b, tf.add, (dy) => [() => dy, () => dy]);
}

export function sub(a: Operand, b: Operand, alpha = 1): Tensor {
  if (alpha !== 1) return sub(a, mul(b, alpha));
  return binary("sub", a, b, tf.sub, (dy) => [() => dy, () => tf.neg(dy)], false, typeof a === "number" ? "RsubBackward1" : "SubBackward0");
}

export function mul(a: Operand, b: Operand): Tensor {
  return binary("mul", a, b, tf.mul, (dy, x, y) => [() => tf.mul(dy, y), () => tf.mul(dy, x)]);
}

/** True division (always float, like PyTorch's `/`). */
export function div(a: Operand, b: Operand): Tensor {
  return binary(
    "div",
    a,
    b,
    tf.div,
    (dy, x, y) => [() => tf.div(dy, y), () => tf.neg(tf.div(tf.mul(dy, x), tf.square(y)))],
    true,
    // PyTorch computes number / tensor as tensor.reciprocal() * number.
    typeof a === "number" ? "MulBackward0" : "DivBackward0",
  );
}

/** Elementwise power (float unless both are integers). PowBackward0 for a number exponent, PowBackward1 otherwise. */
export function pow(a: Operand, b: Operand): Tensor {
  return binary(
    "pow",
    a,
    b,
    tf.pow,
    (dy, x, y, out) => [
      // d/dx x^y = y x^(y-1), taken as 0 where y == 0 (PyTorch), so 0^0 does not give NaN.
      () => tf.where(tf.equal(y, 0), tf.zerosLike(dy), tf.mul(dy, tf.mul(y, tf.pow(x, tf.sub(y, tf.scalar(1, y.dtype)))))),
      // d/dy x^y = x^y log x, taken as 0 where x == 0 and y >= 0.
      () => tf.where(tf.logicalAnd(tf.equal(x, 0), tf.greaterEqual(y, 0)), tf.zerosLike(dy), tf.mul(dy, tf.mul(out, tf.log(x)))),
    ],
    dtypeOf(a) !== "int32" || dtypeOf(b) !== "int32",
    typeof b === "number" ? "PowBackward0" : "PowBackward1",
  );
}

export function maximum(a: Operand, b: Operand): Tensor {
  return binary("maximum", a, b, tf.maximum, (dy, x, y) => [
    () => tf.mul(dy, tf.cast(tf.greaterEqual(x, y), dy.dtype)),
    () => tf.mul(dy, tf.cast(tf.less(x, y), dy.dtype)),
  ]);
}

export function minimum(a: Operand, b: Operand): Tensor {
  return binary("minimum", a, b, tf.minimum, (dy, x, y) => [
    () => tf.mul(dy, tf.cast(tf.lessEqual(x, y), dy.dtype)),
    () => tf.mul(dy, tf.cast(tf.greater(x, y), dy.dtype)),
  ]);
}

type Cmp = (x: tf.Tensor, y: tf.Tensor) => tf.Tensor;
function compare(name: string, f: Cmp, a: Operand, b: Operand): Tensor {
  broadcastShapes(shapeOf(a), shapeOf(b), name);
  const dt = promote(dtypeOf(a), dtypeOf(b));
  return makeOp(name, [], () => f(raw(a, dt), raw(b, dt)));
}

export const eq = (a: Operand, b: Operand): Tensor => compare("eq", tf.equal, a, b);
export const ne = (a: Operand, b: Operand): Tensor => compare("ne", tf.notEqual, a, b);
export const gt = (a: Operand, b: Operand): Tensor => compare("gt", tf.greater, a, b);
export const lt = (a: Operand, b: Operand): Tensor => compare("lt", tf.less, a, b);
export const ge = (a: Operand, b: Operand): Tensor => compare("ge", tf.greaterEqual, a, b);
export const le = (a: Operand, b: Operand): Tensor => compare("le", tf.lessEqual, a, b);
