// Installs the shape, indexing and conversion methods (x.expand, x.at, x.gather, x.split, x.cpu…) on Tensor.prototype.
import type { DType } from "./dtype";
import { expand, expandAs, repeat } from "./ops/expand";
import { gather, indexSelect, maskedFill, nonzero, where } from "./ops/gather";
import { at, type IndexItem } from "./ops/index-at";
import { reshape, view } from "./ops/shape";
import { chunk, flip, narrow, select, slice, split, unbind } from "./ops/slicing";
import { Tensor } from "./tensor";

type Sizes = Array<number | number[]>;

declare module "./tensor" {
  interface Tensor {
    /**
     * Broadcasts size-1 dims to larger sizes without copying: [3, 1].expand(3, 4) → [3, 4]; -1 keeps a size,
     * extra leading sizes add dims ([4].expand(2, -1) → [2, 4]).
     */
    expand(...sizes: Sizes): Tensor;
    /** `x.expand(other.shape)`. */
    expandAs(other: Tensor): Tensor;
    /** Tiles the data: [2, 3].repeat(2, 2) → [4, 6]; more repeats than dims add leading dims. */
    repeat(...repeats: Sizes): Tensor;
    /** `x.view(other.shape)`. */
    viewAs(other: Tensor): Tensor;
    /** `x.reshape(other.shape)`. */
    reshapeAs(other: Tensor): Tensor;
    /** Returns this tensor: Gradbook tensors are always contiguous. */
    contiguous(): Tensor;
    /** Reverses the order along dims: [1, 2, 3].flip(0) → [3, 2, 1]. */
    flip(...dims: Sizes): Tensor;
    /**
     * Python indexing, `x[...]`, written with strings for slices: `x.at(0)` is x[0], `x.at(":", 1)` is x[:, 1],
     * `x.at("1:3", "::2")` is x[1:3, ::2], `x.at("...", -1)` is x[..., -1], `x.at(null)` is x[None].
     * Integer tensors or arrays index like PyTorch's advanced indexing (`logp.at(torch.arange(n), y)` picks one
     * element per row: [N, C] → [N]); a bool tensor selects where true (`x.at(x.gt(0))` → 1-D).
     * The result is a new tensor: writing into it does not change `x` (PyTorch returns a view).
     */
    at(...indices: IndexItem[]): Tensor;
    /** `x.select(dim, i)` is x[:, …, i]: removes `dim`. [3, 4].select(1, 0) → [3]. */
    select(dim: number, index: number): Tensor;
    /** `length` entries from `start` along `dim`: x.narrow(1, 0, 2) is x[:, 0:2]. */
    narrow(dim: number, start: number, length: number): Tensor;
    /** Python's x[:, start:end:step] on one dim (bounds may be negative or omitted with null). */
    slice(dim: number, start?: number | null, end?: number | null, step?: number): Tensor;
    /** Entries `index` (1-D integers) along `dim`: [5, 3].indexSelect(0, idx[2]) → [2, 3]. */
    indexSelect(dim: number, index: Tensor): Tensor;
    /** out[i][j] = x[i][index[i][j]] (dim 1); index has x's rank. [N, C].gather(1, y.view(-1, 1)) → [N, 1]. */
    gather(dim: number, index: Tensor): Tensor;
    /** Copy with `value` where `mask` (bool, broadcastable to x) is true. */
    maskedFill(mask: Tensor, value: number | Tensor): Tensor;
    /** `torch.where(condition, this, other)`. */
    where(condition: Tensor, other: Tensor | number): Tensor;
    /** Coordinates of non-zero entries: [count, ndim] int32. */
    nonzero(): Tensor;
    /** Pieces of `splitSize` (the last may be shorter), or of the given sizes, along `dim`. */
    split(splitSize: number | number[], dim?: number): Tensor[];
    /** `chunks` nearly equal pieces along `dim`. */
    chunk(chunks: number, dim?: number): Tensor[];
    /** Every slice along `dim`, with the dim removed. */
    unbind(dim?: number): Tensor[];
    /** Returns this tensor: Gradbook computes on the backend chosen at start (there is one device). */
    cpu(): Tensor;
    /** Returns this tensor (see cpu()). */
    cuda(): Tensor;
    /** float32 here (tfjs has no float64). */
    double(): Tensor;
    /** dtype as PyTorch names it: "torch.FloatTensor", "torch.LongTensor" (int32 here) or "torch.BoolTensor". */
    type(): string;
  }
}

const methods: Partial<Record<keyof Tensor, unknown>> & ThisType<Tensor> = {
  expand(...s: Sizes) { return expand(this, ...s); },
  expandAs(o: Tensor) { return expandAs(this, o); },
  repeat(...r: Sizes) { return repeat(this, ...r); },
  viewAs(o: Tensor) { return view(this, o.shape); },
  reshapeAs(o: Tensor) { return reshape(this, o.shape); },
  contiguous() { return this; },
  flip(...d: Sizes) { return flip(this, ...d); },
  at(...i: IndexItem[]) { return at(this, ...i); },
  select(d: number, i: number) { return select(this, d, i); },
  narrow(d: number, s: number, n: number) { return narrow(this, d, s, n); },
  slice(d: number, s?: number | null, e?: number | null, st?: number) { return slice(this, d, s, e, st); },
  indexSelect(d: number, i: Tensor) { return indexSelect(this, d, i); },
  gather(d: number, i: Tensor) { return gather(this, d, i); },
  maskedFill(m: Tensor, v: number | Tensor) { return maskedFill(this, m, v); },
  where(c: Tensor, o: Tensor | number) { return where(c, this, o); },
  nonzero() { return nonzero(this); },
  split(s: number | number[], d?: number) { return split(this, s, d); },
  chunk(c: number, d?: number) { return chunk(this, c, d); },
  unbind(d?: number) { return unbind(this, d); },
  cpu() { return this; },
  cuda() { return this; },
  double() { return this.to("float32" as DType); },
  type() { return `torch.${this.dtype === "float32" ? "Float" : this.dtype === "int32" ? "Long" : "Bool"}Tensor`; },
};

Object.assign(Tensor.prototype, methods);
