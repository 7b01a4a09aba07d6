// PyTorch's older spellings that books still use: torch.Tensor(2, 3), torch.FloatTensor([...]), Variable(x), x[i].
import type { DType } from "./dtype";
import { tensor, zeros } from "./creation";
import { select } from "./ops/slicing";
import { Tensor } from "./tensor";

type NestedNumbers = number | boolean | NestedNumbers[];

/** `torch.Tensor`, `torch.FloatTensor`, … : callable with or without `new`, and usable with `instanceof`. */
export interface LegacyTensorConstructor {
  /** Sizes: an uninitialised tensor in PyTorch; zeros here. `torch.Tensor(2, 3)`. */
  (...sizes: number[]): Tensor;
  /** Data: `torch.FloatTensor([[1, 2], [3, 4]])`. */
  (data: NestedNumbers[] | Tensor): Tensor;
  new (...sizes: number[]): Tensor;
  new (data: NestedNumbers[] | Tensor): Tensor;
  readonly prototype: Tensor;
}

function legacy(name: string, dtype: DType, isInstance: (x: Tensor) => boolean): LegacyTensorConstructor {
  const make = function (...args: unknown[]): Tensor {
    if (args.every((a) => typeof a === "number")) {
      const sizes = args as number[];
      if (sizes.some((d) => !Number.isInteger(d) || d < 0)) {
        throw new TypeError(`${name}(): sizes must be non-negative integers, got (${sizes.join(", ")})`);
      }
      return zeros(sizes.length === 0 ? [0] : sizes, { dtype });
    }
    const [data] = args;
    if (args.length === 1 && (Array.isArray(data) || data instanceof Tensor)) {
      return tensor(data as NestedNumbers, { dtype });
    }
    throw new TypeError(
      `${name}(): expected sizes, e.g. ${name}(2, 3), or data, e.g. ${name}([[1, 2], [3, 4]]); got (${args.map(describe).join(", ")})`,
    );
  };
  Object.defineProperty(make, "name", { value: name });
  Object.defineProperty(make, "prototype", { value: Tensor.prototype });
  Object.defineProperty(make, Symbol.hasInstance, { value: (x: unknown) => x instanceof Tensor && isInstance(x) });
  return make as unknown as LegacyTensorConstructor;
}

function describe(a: unknown): string {
  return a === null ? "null" : Array.isArray(a) ? "Array" : typeof a;
}

/** `torch.Tensor(2, 3)` / `torch.Tensor([[…]])`: float32 (PyTorch's default tensor type); any tensor is an instance. */
export const TorchTensor = legacy("torch.Tensor", "float32", () => true);
export const FloatTensor = legacy("torch.FloatTensor", "float32", (x) => x.dtype === "float32");
/** PyTorch's int64; int32 here (tfjs has no 64-bit integers). */
export const LongTensor = legacy("torch.LongTensor", "int32", (x) => x.dtype === "int32");
export const IntTensor = legacy("torch.IntTensor", "int32", (x) => x.dtype === "int32");
export const BoolTensor = legacy("torch.BoolTensor", "bool", (x) => x.dtype === "bool");

/**
 * `torch.autograd.Variable(x)`: deprecated since PyTorch 0.4, where tensors took over; returns `x` itself
 * (with `{ requiresGrad: true }`, sets it on x).
 */
export const Variable = function (x: Tensor, opts: { requiresGrad?: boolean } = {}): Tensor {
  if (!(x instanceof Tensor)) {
    throw new TypeError(`Variable(): expected a Tensor (got ${describe(x)}); e.g. Variable(torch.tensor([1.0, 2.0]))`);
  }
  if (opts.requiresGrad) x.requiresGrad_(true);
  return x;
} as unknown as { (x: Tensor, opts?: { requiresGrad?: boolean }): Tensor; new (x: Tensor, opts?: { requiresGrad?: boolean }): Tensor };

/** How many `x[i]` indices Tensor answers (rows of the first dim); past that, `select(0, i)`. */
const INDEXED = 1024;

/**
 * `x[i]` is row i (`x.select(0, i)`), as in PyTorch; on a 0-dim tensor it is PyTorch's error, which is what
 * `loss.data[0]` (PyTorch 0.3's way to read a number) meets. `x[i] = v` is refused rather than silently ignored.
 */
function installIndexing(): void {
  for (let i = 0; i < INDEXED; i++) {
    Object.defineProperty(Tensor.prototype, i, {
      configurable: true,
      get(this: Tensor) {
        if (this.ndim === 0) {
          throw new RangeError(`invalid index of a 0-dim tensor. Use \`tensor.item()\` to convert a 0-dim tensor to a number (x[${i}] / loss.data[0] in older code)`);
        }
        return select(this, 0, i);
      },
      set() {
        throw new TypeError(`x[${i}] = value does not change a Tensor here; tensors are values here: build the new one (torch.where(mask, value, x), x.maskedFill(mask, value), torch.cat)`);
      },
    });
  }
}
installIndexing();
