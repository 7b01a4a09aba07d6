// Tensor factories: torch.tensor, zeros, ones, full, eye, arange, linspace, rand, randn, randint, *Like, fromTypedArray.
import { tf } from "./backend";
import type { DType } from "./dtype";
import { defaultGenerator, type Generator } from "./random";
import { Tensor } from "./tensor";

/** Options every factory takes (PyTorch keyword arguments). */
export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
  generator?: Generator;
}

type NestedNumbers = number | boolean | NestedNumbers[];
export type ShapeArgs = Array<number | number[] | TensorOptions>;

/** Splits `(3, 5, { requiresGrad: true })` or `([3, 5])` into a shape and options. */
export function parseShapeArgs(args: ShapeArgs, fn: string): { shape: number[]; opts: TensorOptions } {
  let opts: TensorOptions = {};
  const dims: number[] = [];
  for (const a of args) {
    if (Array.isArray(a)) dims.push(...a);
    else if (typeof a === "number") dims.push(a);
    else if (a && typeof a === "object") opts = a;
  }
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) {
      throw new TypeError(`${fn}(): sizes must be non-negative integers, got [${dims.join(", ")}]`);
    }
  }
  return { shape: dims, opts };
}

function inferShape(data: NestedNumbers): number[] {
  const shape: number[] = [];
  let cur: NestedNumbers = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0] as NestedNumbers;
    if (cur === undefined) break;
  }
  return shape;
}

function flatten(data: NestedNumbers, shape: number[], depth: number, out: number[]): void {
  if (depth === shape.length) {
    if (Array.isArray(data)) throw new TypeError("torch.tensor(): ragged nested arrays; every row must have the same length");
    out.push(typeof data === "boolean" ? (data ? 1 : 0) : data);
    return;
  }
  if (!Array.isArray(data) || data.length !== shape[depth]) {
    throw new TypeError(
      `torch.tensor(): expected sequence of length ${shape[depth]} at dim ${depth} (got ${Array.isArray(data) ? data.length : "a number"})`,
    );
  }
  for (const d of data) flatten(d, shape, depth + 1, out);
}

function firstLeaf(data: NestedNumbers): number | boolean | undefined {
  let cur: NestedNumbers | undefined = data;
  while (Array.isArray(cur)) cur = cur[0];
  return cur;
}

function finish(t: tf.Tensor, opts: TensorOptions): Tensor {
  if (opts.requiresGrad && t.dtype !== "float32") {
    t.dispose();
    throw new TypeError("Only Tensors of floating point dtype can require gradients");
  }
  return new Tensor(t, { requiresGrad: opts.requiresGrad });
}

/**
 * Makes a tensor from nested arrays, like `torch.tensor([[1, 2], [3, 4]])`.
 * Integers stay int32 (PyTorch's int64), floats become float32, booleans bool.
 */
export function tensor(data: NestedNumbers | Tensor, opts: TensorOptions = {}): Tensor {
  if (data instanceof Tensor) {
    const src = data;
    return finish(tf.tidy(() => tf.clone(tf.cast(src.data, opts.dtype ?? src.dtype))), opts);
  }
  const shape = inferShape(data);
  const flat: number[] = [];
  flatten(data, shape, 0, flat);
  const leaf = firstLeaf(data);
  // JS cannot tell 1.0 from 1: all-integer values become int32 (PyTorch's int64) unless a dtype is given
  // or requiresGrad asks for a float; any fractional value makes the tensor float32.
  const inferred: DType =
    typeof leaf === "boolean" ? "bool" : opts.requiresGrad || flat.some((v) => !Number.isInteger(v)) ? "float32" : "int32";
  const dtype = opts.dtype ?? inferred;
  return finish(tf.tensor(flat, shape, dtype), opts);
}

/** Wraps a typed array as a tensor of the given shape (no copy of semantics: values are uploaded once). */
export function fromTypedArray(data: Float32Array | Int32Array | Uint8Array, shape: number[], opts: TensorOptions = {}): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) {
    throw new RangeError(`fromTypedArray(): shape [${shape.join(", ")}] needs ${size} values but the array has ${data.length}`);
  }
  const dtype: DType = opts.dtype ?? (data instanceof Float32Array ? "float32" : data instanceof Uint8Array ? "int32" : "int32");
  const values = data instanceof Uint8Array ? Int32Array.from(data) : data;
  return finish(tf.tensor(values, shape, dtype), opts);
}

/** Tensor of zeros: `torch.zeros(3, 5)`. */
export function zeros(...args: ShapeArgs): Tensor {
  const { shape, opts } = parseShapeArgs(args, "zeros");
  return finish(tf.zeros(shape, opts.dtype ?? "float32"), opts);
}

/** Tensor of ones: `torch.ones(3, 5)`. */
export function ones(...args: ShapeArgs): Tensor {
  const { shape, opts } = parseShapeArgs(args, "ones");
  return finish(tf.ones(shape, opts.dtype ?? "float32"), opts);
}

/** Tensor filled with `value`: `torch.full([2, 3], 7)`. */
export function full(shape: number[], value: number, opts: TensorOptions = {}): Tensor {
  return finish(tf.fill(shape, value, opts.dtype ?? (Number.isInteger(value) ? "int32" : "float32")), opts);
}

/** Identity matrix [n, m]. */
export function eye(n: number, m: number = n, opts: TensorOptions = {}): Tensor {
  return finish(tf.tidy(() => tf.cast(tf.eye(n, m), opts.dtype ?? "float32")), opts);
}

/** `torch.arange(end)` / `arange(start, end, step)`: values in [start, end). */
export function arange(a: number, b?: number, step = 1, opts: TensorOptions = {}): Tensor {
  const [start, end] = b === undefined ? [0, a] : [a, b];
  if (step === 0) throw new RangeError("arange(): step must be nonzero");
  const ints = [start, end, step].every(Number.isInteger);
  const dt = opts.dtype ?? (ints ? "int32" : "float32");
  return finish(tf.tidy(() => tf.cast(tf.range(start, end, step, dt === "int32" ? "int32" : "float32"), dt)), opts);
}

/** `steps` evenly spaced values from start to end inclusive. */
export function linspace(start: number, end: number, steps: number, opts: TensorOptions = {}): Tensor {
  return finish(tf.linspace(start, end, steps), opts);
}

function fromGenerator(shape: number[], opts: TensorOptions, draw: (g: Generator) => number): Tensor {
  const g = opts.generator ?? defaultGenerator;
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = draw(g);
  return finish(tf.tensor(v, shape, "float32"), opts);
}

/** Standard-normal samples: `torch.randn(3, 5)`; seeded by manualSeed. */
export function randn(...args: ShapeArgs): Tensor {
  const { shape, opts } = parseShapeArgs(args, "randn");
  return fromGenerator(shape, opts, (g) => g.normal());
}

/** Uniform samples in [0, 1): `torch.rand(3, 5)`. */
export function rand(...args: ShapeArgs): Tensor {
  const { shape, opts } = parseShapeArgs(args, "rand");
  return fromGenerator(shape, opts, (g) => g.random());
}

/** Random integers in [low, high): `torch.randint(0, 10, [3])`. */
export function randint(low: number, high: number, shape: number[], opts: TensorOptions = {}): Tensor {
  const g = opts.generator ?? defaultGenerator;
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Int32Array(n);
  for (let i = 0; i < n; i++) v[i] = g.randint(low, high);
  return finish(tf.tensor(v, shape, "int32"), { ...opts, dtype: "int32" });
}

/** Zeros with another tensor's shape and dtype. */
export function zerosLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  return finish(tf.zeros(t.shape, opts.dtype ?? t.dtype), opts);
}

/** Ones with another tensor's shape and dtype. */
export function onesLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  return finish(tf.ones(t.shape, opts.dtype ?? t.dtype), opts);
}
