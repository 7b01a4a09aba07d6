// Tensor factories: torch.tensor, zeros, empty, ones, full, eye, arange, linspace, rand, randn, randint, *Like, fromTypedArray.
import { tf } from "./backend";
import type { DType } from "./dtype";
import { defaultGenerator, type Generator } from "./random";
import { Tensor } from "./tensor";

/** Options every factory takes (PyTorch keyword arguments). */
export interface TensorOptions {
  dtype?: DType;
  /** Accepted and ignored (Gradbook computes on the backend picked at start), so `{ device }` ports unchanged. */
  device?: string;
  requiresGrad?: boolean;
  generator?: Generator;
}

type NestedNumbers = number | boolean | NestedNumbers[];
export type ShapeArgs = Array<number | number[] | TensorOptions>;

const DTYPES: readonly string[] = ["float32", "int32", "bool"];

/** The dtype option, checked: a PyTorch dtype Gradbook lacks (or a typo) fails listing the ones it has. */
function dtypeOpt(opts: TensorOptions): DType | undefined {
  checkOptionNames(opts);
  const d = opts.dtype as unknown;
  if (d === undefined || DTYPES.includes(d as string)) return d as DType | undefined;
  throw new TypeError(
    `unknown dtype ${typeof d === "string" ? `"${d}"` : String(d)}; Gradbook's dtypes are torch.float32 ("float32"), ` +
      `torch.int64 / torch.long / torch.int32 ("int32", tfjs has no 64-bit integers) and torch.bool ("bool")`,
  );
}

const OPTION_NAMES = ["dtype", "requiresGrad", "generator", "device"];

/** Python keyword arguments typed as options (`requires_grad`) or misspelt ones fail instead of being ignored. */
function checkOptionNames(opts: object): void {
  for (const k of Object.keys(opts)) {
    if (OPTION_NAMES.includes(k)) continue;
    const camel = k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const hint = camel !== k && OPTION_NAMES.includes(camel) ? `; options use camelCase here: ${camel}` : `; known options: ${OPTION_NAMES.join(", ")}`;
    throw new TypeError(`got an unexpected keyword argument '${k}'${hint}`);
  }
}

/** Splits `(3, 5, { requiresGrad: true })` or `([3, 5])` into a shape and options. */
export function parseShapeArgs(args: ShapeArgs, fn: string): { shape: number[]; opts: TensorOptions } {
  let opts: TensorOptions = {};
  const dims: number[] = [];
  for (const a of args) {
    if (Array.isArray(a)) dims.push(...a);
    else if (typeof a === "number") dims.push(a);
    else if (a && typeof a === "object") opts = a;
  }
  checkOptionNames(opts);
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
    return finish(tf.tidy(() => tf.clone(tf.cast(src.tfData, dtypeOpt(opts) ?? src.dtype))), opts);
  }
  const shape = inferShape(data);
  const flat: number[] = [];
  flatten(data, shape, 0, flat);
  const leaf = firstLeaf(data);
  // JS cannot tell 1.0 from 1: all-integer values become int32 (PyTorch's int64) unless a dtype is given
  // or requiresGrad asks for a float; any fractional value makes the tensor float32.
  const inferred: DType =
    typeof leaf === "boolean"
      ? "bool"
      : opts.requiresGrad || flat.length === 0 || flat.some((v) => !Number.isInteger(v))
        ? "float32"
        : "int32";
  const dtype = dtypeOpt(opts) ?? inferred;
  return finish(tf.tensor(flat, shape, dtype), opts);
}

/** Wraps a typed array as a tensor of the given shape (values are uploaded once). Uint8 pixels become int32. */
export function fromTypedArray(
  data: Float32Array | Float64Array | Int32Array | Uint8Array,
  shape: number[],
  opts: TensorOptions = {},
): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) {
    throw new RangeError(`fromTypedArray(): shape [${shape.join(", ")}] needs ${size} values but the array has ${data.length}`);
  }
  const float = data instanceof Float32Array || data instanceof Float64Array;
  const dtype: DType = dtypeOpt(opts) ?? (float ? "float32" : "int32");
  const values = data instanceof Uint8Array ? Int32Array.from(data) : data instanceof Float64Array ? Float32Array.from(data) : data;
  return finish(tf.tensor(values, shape, dtype), opts);
}

/** Tensor of zeros: `torch.zeros(3, 5)` or `torch.zeros([3, 5], { dtype: torch.int64 })`. */
export function zeros(...args: ShapeArgs): Tensor {
  const { shape, opts } = parseShapeArgs(args, "zeros");
  return finish(tf.zeros(shape, dtypeOpt(opts) ?? "float32"), opts);
}

/** Uninitialised memory in PyTorch; zeros here (reading it is then at least deterministic). */
export function empty(...args: ShapeArgs): Tensor {
  return zeros(...args);
}

/** Tensor of ones: `torch.ones(3, 5)`. */
export function ones(...args: ShapeArgs): Tensor {
  const { shape, opts } = parseShapeArgs(args, "ones");
  return finish(tf.ones(shape, dtypeOpt(opts) ?? "float32"), opts);
}

/** Tensor filled with `value`: `torch.full([2, 3], 7)` (int32, like PyTorch's int64 for an integer fill; bool for a boolean). */
export function full(shape: number[], value: number | boolean, opts: TensorOptions = {}): Tensor {
  const { shape: s } = parseShapeArgs([shape], "full");
  const dt = dtypeOpt(opts) ?? (typeof value === "boolean" ? "bool" : Number.isInteger(value) ? "int32" : "float32");
  const v = typeof value === "boolean" ? Number(value) : dt === "int32" ? Math.trunc(value) : value;
  return finish(tf.fill(s, v, dt), opts);
}

/** Identity matrix: `torch.eye(3)` is [3, 3], `torch.eye(2, 4)` is [2, 4]. */
export function eye(n: number, m: number = n, opts: TensorOptions = {}): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be greater or equal to 0, got ${n}`);
  if (!Number.isInteger(m) || m < 0) throw new RangeError(`m must be greater or equal to 0, got ${m}`);
  return finish(tf.tidy(() => tf.cast(tf.eye(n, m), dtypeOpt(opts) ?? "float32")), opts);
}

/**
 * `torch.arange(end)` / `arange(start, end, step)`: values in [start, end), computed as start + i * step.
 * int32 when all three are integers (PyTorch's int64), else float32; options may follow: `arange(5, { dtype: torch.float32 })`.
 */
export function arange(...args: Array<number | TensorOptions | undefined>): Tensor {
  const nums = args.filter((v): v is number => typeof v === "number");
  const opts: TensorOptions = args.find((v): v is TensorOptions => typeof v === "object" && v !== null) ?? {};
  if (nums.length === 0 || nums.length > 3) throw new TypeError("arange(): give end, (start, end) or (start, end, step), e.g. torch.arange(10)");
  const [start, end] = nums.length === 1 ? [0, nums[0]] : [nums[0], nums[1]];
  const step = nums[2] ?? 1;
  if (step === 0) throw new RangeError("step must be nonzero");
  if ((step > 0 && end < start) || (step < 0 && end > start)) {
    throw new RangeError(`upper bound and larger bound inconsistent with step sign (arange(${start}, ${end}, ${step}))`);
  }
  const ints = [start, end, step].every(Number.isInteger);
  const dt = dtypeOpt(opts) ?? (ints ? "int32" : "float32");
  const n = Math.ceil((end - start) / step);
  const v = dt === "float32" ? new Float32Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) v[i] = start + i * step;
  return finish(tf.tensor(v, [n], dt), opts);
}

/** `steps` evenly spaced values from start to end inclusive (float32 unless `dtype` says otherwise). */
export function linspace(start: number, end: number, steps: number, opts: TensorOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`number of steps must be non-negative (got ${steps})`);
  const v = new Float32Array(steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  // PyTorch fills the first half from start and the second from end, so both ends are exact.
  const half = steps === 1 ? 1 : Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) v[i] = i < half ? start + step * i : end - step * (steps - i - 1);
  const dt = dtypeOpt(opts) ?? "float32";
  return finish(tf.tidy(() => tf.cast(tf.tensor(v, [steps], "float32"), dt)), opts);
}

function fromGenerator(shape: number[], opts: TensorOptions, draw: (g: Generator) => number): Tensor {
  const g = opts.generator ?? defaultGenerator;
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = draw(g);
  return finish(tf.tensor(v, shape, "float32"), opts);
}

/** Standard-normal samples: `torch.randn(3, 5)`; seeded by manualSeed (the values differ from PyTorch's). */
export function randn(...args: ShapeArgs): Tensor {
  const { shape, opts } = parseShapeArgs(args, "randn");
  return fromGenerator(shape, opts, (g) => g.normal());
}

/** Uniform samples in [0, 1): `torch.rand(3, 5)`. */
export function rand(...args: ShapeArgs): Tensor {
  const { shape, opts } = parseShapeArgs(args, "rand");
  return fromGenerator(shape, opts, (g) => g.random());
}

/**
 * Random integers in [low, high), int32: `torch.randint(0, 10, [3])`, or `torch.randint(10, [3])` with low = 0.
 */
export function randint(low: number, high: number | number[], shape?: number[] | TensorOptions, opts: TensorOptions = {}): Tensor {
  if (Array.isArray(high)) return randint(0, low, high, (shape as TensorOptions | undefined) ?? {});
  if (!Array.isArray(shape)) throw new TypeError("randint(): give the shape as an array, e.g. torch.randint(0, 10, [3])");
  if (low >= high) throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const g = opts.generator ?? defaultGenerator;
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Int32Array(n);
  for (let i = 0; i < n; i++) v[i] = g.randint(low, high);
  const dt = dtypeOpt(opts) ?? "int32";
  return finish(tf.tidy(() => tf.cast(tf.tensor(v, shape, "int32"), dt)), { ...opts, dtype: dt });
}

/** Zeros with another tensor's shape and dtype. */
export function zerosLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  return finish(tf.zeros(t.shape, dtypeOpt(opts) ?? t.dtype), opts);
}

/** Ones with another tensor's shape and dtype. */
export function onesLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  return finish(tf.ones(t.shape, dtypeOpt(opts) ?? t.dtype), opts);
}

/** `value` everywhere, with another tensor's shape and dtype. */
export function fullLike(t: Tensor, value: number | boolean, opts: TensorOptions = {}): Tensor {
  return full(t.shape, value, { dtype: t.dtype, ...opts });
}

/** Uniform [0, 1) samples with another tensor's shape. */
export function randLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  return rand(t.shape, opts);
}

/** Standard-normal samples with another tensor's shape. */
export function randnLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  return randn(t.shape, opts);
}
