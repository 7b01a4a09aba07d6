// The run-time side of tensor operators in cells: `__op.mul(a, b)` is JavaScript's `a * b` unless a Tensor is in it.
import { Tensor, add, div, eq, floor, ge, gt, le, lt, mul, ne, neg as tneg, pow, sub, tensor } from "../../core";

type Operand = Tensor | number;
type TensorOp = (a: Operand, b: Operand) => Tensor;

/** Python's name for a JavaScript value in "unsupported operand type(s)" errors. */
function typeName(v: unknown): string {
  if (v === null) return "null";
  if (v instanceof Tensor) return "Tensor";
  if (Array.isArray(v)) return "Array";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}

function unsupported(symbol: string, a: unknown, b: unknown): TypeError {
  return new TypeError(
    `unsupported operand type(s) for ${symbol}: '${typeName(a)}' and '${typeName(b)}'` +
      (a === undefined || b === undefined ? " (a name or property that does not exist reads as undefined)" : ""),
  );
}

/** A value a tensor operator accepts: numbers and booleans as scalars, nested arrays as tensors (PyTorch lists). */
function operand(v: unknown, symbol: string, a: unknown, b: unknown): Operand {
  if (v instanceof Tensor || typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (Array.isArray(v)) return tensor(v as number[]);
  throw unsupported(symbol, a, b);
}

/** PyTorch's `%` (torch.remainder): the result has the divisor's sign; integer in, integer out. */
export function remainder(a: Operand, b: Operand): Tensor {
  const r = sub(a, mul(floor(div(a, b)), b));
  const isInt = (x: Operand) => (typeof x === "number" ? Number.isInteger(x) : x.dtype !== "float32");
  return isInt(a) && isInt(b) ? r.int() : r;
}

/** A comparison in an `if`/loop test: a one-element Tensor answers true/false, as Python's `bool(tensor)`. */
function truth(t: Tensor): boolean {
  const n = t.numel();
  if (n !== 1) {
    throw new RangeError(
      `Boolean value of Tensor with more than one value is ambiguous (${n} values); use .any() or .all(), or compare .item()`,
    );
  }
  return t.item() !== 0;
}

function binarySlow(symbol: string, js: (a: never, b: never) => unknown, op: TensorOp, a: unknown, b: unknown, test?: number): unknown {
  if (!(a instanceof Tensor) && !(b instanceof Tensor)) return js(a as never, b as never);
  if (symbol === "+" && (typeof a === "string" || typeof b === "string")) return js(a as never, b as never);
  if ((symbol === "==" || symbol === "!=") && !isOperandLike(a) && !isOperandLike(b)) return js(a as never, b as never);
  if ((symbol === "==" || symbol === "!=") && (a == null || b == null)) return js(a as never, b as never);
  const out = op(operand(a, symbol, a, b), operand(b, symbol, a, b));
  return test ? truth(out) : out;
}

function isOperandLike(v: unknown): boolean {
  return v instanceof Tensor || typeof v === "number" || typeof v === "boolean" || Array.isArray(v);
}

/** In place on a Tensor target (`w -= g` is `w.sub_(g)`), otherwise the binary operator; `isConst` for local consts. */
function compoundSlow(symbol: string, bin: (a: unknown, b: unknown) => unknown, a: unknown, b: unknown, isConst?: number): unknown {
  if (a instanceof Tensor) {
    const o = operand(b, symbol, a, b);
    switch (symbol) {
      case "+=": return a.add_(o);
      case "-=": return a.sub_(o);
      case "*=": return a.mul_(o);
      case "/=": return a.div_(o);
      case "**=": return a.pow_(o);
      default: return a.copy_(remainder(a, o));
    }
  }
  if (isConst) throw new TypeError("Assignment to constant variable.");
  return bin(a, b);
}

const addS = (a: unknown, b: unknown, t?: number) => binarySlow("+", (x: number, y: number) => x + y, add, a, b, t);
const subS = (a: unknown, b: unknown, t?: number) => binarySlow("-", (x: number, y: number) => x - y, sub, a, b, t);
const mulS = (a: unknown, b: unknown, t?: number) => binarySlow("*", (x: number, y: number) => x * y, mul, a, b, t);
const divS = (a: unknown, b: unknown, t?: number) => binarySlow("/", (x: number, y: number) => x / y, div, a, b, t);
const modS = (a: unknown, b: unknown, t?: number) => binarySlow("%", (x: number, y: number) => x % y, remainder, a, b, t);
const powS = (a: unknown, b: unknown, t?: number) => binarySlow("**", (x: number, y: number) => x ** y, pow, a, b, t);
const ltS = (a: unknown, b: unknown, t?: number) => binarySlow("<", (x: number, y: number) => x < y, lt, a, b, t);
const leS = (a: unknown, b: unknown, t?: number) => binarySlow("<=", (x: number, y: number) => x <= y, le, a, b, t);
const gtS = (a: unknown, b: unknown, t?: number) => binarySlow(">", (x: number, y: number) => x > y, gt, a, b, t);
const geS = (a: unknown, b: unknown, t?: number) => binarySlow(">=", (x: number, y: number) => x >= y, ge, a, b, t);
const eqS = (a: unknown, b: unknown, t?: number) => binarySlow("==", (x: number, y: number) => x == y, eq, a, b, t);
const neS = (a: unknown, b: unknown, t?: number) => binarySlow("!=", (x: number, y: number) => x != y, ne, a, b, t);

type At = Record<PropertyKey, unknown>;

/** `o[k] op= b`: a Tensor property changes in place and is not reassigned (`p.data -= lr * g` keeps p's storage). */
function at(o: At, k: PropertyKey, b: unknown, f: (a: unknown, b: unknown) => unknown): unknown {
  const cur = o[k];
  return cur instanceof Tensor ? f(cur, b) : (o[k] = f(cur, b));
}

/**
 * What `__op` is in a compiled cell. Each entry first handles two numbers inline (the hot path of plain
 * arithmetic, small enough for V8 to inline), then everything else in the slow path.
 */
export const operators = {
  add: (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a + b : addS(a, b)),
  sub: (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a - b : subS(a, b)),
  mul: (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a * b : mulS(a, b)),
  div: (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a / b : divS(a, b)),
  mod: (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a % b : modS(a, b)),
  pow: (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a ** b : powS(a, b)),
  lt: (a: unknown, b: unknown, t?: number) => (typeof a === "number" && typeof b === "number" ? a < b : ltS(a, b, t)),
  le: (a: unknown, b: unknown, t?: number) => (typeof a === "number" && typeof b === "number" ? a <= b : leS(a, b, t)),
  gt: (a: unknown, b: unknown, t?: number) => (typeof a === "number" && typeof b === "number" ? a > b : gtS(a, b, t)),
  ge: (a: unknown, b: unknown, t?: number) => (typeof a === "number" && typeof b === "number" ? a >= b : geS(a, b, t)),
  eq: (a: unknown, b: unknown, t?: number) => (typeof a === "number" && typeof b === "number" ? a === b : eqS(a, b, t)),
  ne: (a: unknown, b: unknown, t?: number) => (typeof a === "number" && typeof b === "number" ? a !== b : neS(a, b, t)),
  neg: (a: unknown) => (typeof a === "number" ? -a : a instanceof Tensor ? tneg(a) : -(a as number)),
  iadd: (a: unknown, b: unknown, c?: number) => (typeof a === "number" && typeof b === "number" && !c ? a + b : compoundSlow("+=", addS, a, b, c)),
  isub: (a: unknown, b: unknown, c?: number) => (typeof a === "number" && typeof b === "number" && !c ? a - b : compoundSlow("-=", subS, a, b, c)),
  imul: (a: unknown, b: unknown, c?: number) => (typeof a === "number" && typeof b === "number" && !c ? a * b : compoundSlow("*=", mulS, a, b, c)),
  idiv: (a: unknown, b: unknown, c?: number) => (typeof a === "number" && typeof b === "number" && !c ? a / b : compoundSlow("/=", divS, a, b, c)),
  imod: (a: unknown, b: unknown, c?: number) => (typeof a === "number" && typeof b === "number" && !c ? a % b : compoundSlow("%=", modS, a, b, c)),
  ipow: (a: unknown, b: unknown, c?: number) => (typeof a === "number" && typeof b === "number" && !c ? a ** b : compoundSlow("**=", powS, a, b, c)),
  iaddAt: (o: At, k: PropertyKey, b: unknown) => at(o, k, b, operators.iadd),
  isubAt: (o: At, k: PropertyKey, b: unknown) => at(o, k, b, operators.isub),
  imulAt: (o: At, k: PropertyKey, b: unknown) => at(o, k, b, operators.imul),
  idivAt: (o: At, k: PropertyKey, b: unknown) => at(o, k, b, operators.idiv),
  imodAt: (o: At, k: PropertyKey, b: unknown) => at(o, k, b, operators.imod),
  ipowAt: (o: At, k: PropertyKey, b: unknown) => at(o, k, b, operators.ipow),
};

export type CellOperators = typeof operators;
