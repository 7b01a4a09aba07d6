// Reads numbers out of what a cell passes to plot/showImages: Tensors (duck-typed, so no core import), arrays, typed arrays.

/** Numbers in row-major order with their shape. */
export interface NumericArray {
  shape: number[];
  values: number[];
}

interface TensorLike {
  shape: number[];
  tolist(): unknown;
}

export function isTensorLike(value: unknown): value is TensorLike {
  const v = value as Partial<TensorLike> | null;
  return (typeof v === "object" || typeof v === "function") && v !== null && Array.isArray(v.shape) && typeof v.tolist === "function";
}

/** True for `{ a: 1 }`-style objects (not arrays, tensors, class instances, or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A Tensor, a (nested) number array or a typed array as flat numbers plus shape; `what` names the argument in
 * errors. Booleans count as 0/1, like torch.
 */
export function toNumericArray(value: unknown, what: string): NumericArray {
  const raw = isTensorLike(value) ? value.tolist() : ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value;
  if (typeof raw === "number" || typeof raw === "boolean") return { shape: [], values: [Number(raw)] };
  if (!Array.isArray(raw)) throw new TypeError(`${what} must be a Tensor or an array of numbers; got ${describe(value)}`);
  const shape: number[] = [];
  for (let level: unknown = raw; Array.isArray(level); level = level[0]) shape.push(level.length);
  const values: number[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof node !== "number" && typeof node !== "boolean") {
        throw new TypeError(`${what} must hold only numbers; found ${describe(node)}`);
      }
      values.push(Number(node));
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new TypeError(`${what} is ragged: every row must have ${shape[depth]} items, like a tensor of shape [${shape.join(", ")}]`);
    }
    for (const child of node) walk(child, depth + 1);
  };
  walk(raw, 0);
  return { shape, values };
}

/** A flat list of numbers (any shape is flattened); `what` names the argument in errors. */
export function toNumberList(value: unknown, what: string): number[] {
  return toNumericArray(value, what).values;
}

/** Labels for images or table cells: a Tensor or array of numbers/strings, flattened. */
export function toLabelList(value: unknown, what: string): string[] {
  if (Array.isArray(value) && value.some((v) => typeof v === "string")) return value.map((v) => String(v));
  return toNumberList(value, what).map((v) => String(v));
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return (value as object).constructor?.name ?? "an object";
  return `${typeof value} ${String(value)}`;
}
