// Broadcasting copies: expand (a view in PyTorch; -1 keeps a size) and repeat (tiles the data); backward sums back.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { Tensor } from "../tensor";
import { shapeArgs } from "./shape";

const fmt = (s: number[]): string => `[${s.join(", ")}]`;

/**
 * Broadcasts size-1 dims to a larger size without copying values: [3, 1].expand(3, 4) → [3, 4];
 * -1 keeps a dim's size, and new leading dims may be added: [4].expand(2, -1) → [2, 4].
 */
export function expand(x: Tensor, ...sizes: Array<number | number[]>): Tensor {
  const target = shapeArgs(sizes);
  const shape = x.shape;
  if (target.length < shape.length) {
    throw new RangeError(
      `expand(torch.FloatTensor{${fmt(shape)}}, size=${fmt(target)}): the number of sizes provided (${target.length}) must be greater or equal to the number of dimensions in the tensor (${shape.length})`,
    );
  }
  const lead = target.length - shape.length;
  const out = target.map((t, i) => {
    if (i < lead) {
      if (t < 0) throw new RangeError(`The expanded size of the tensor (${t}) isn't allowed in a leading, non-existing dimension ${i}`);
      return t;
    }
    const s = shape[i - lead];
    if (t === -1) return s;
    if (s !== t && s !== 1) {
      throw new RangeError(
        `The expanded size of the tensor (${t}) must match the existing size (${s}) at non-singleton dimension ${i}.  Target sizes: ${fmt(target)}.  Tensor sizes: ${fmt(shape)}. Only size-1 dims can be expanded; use repeat() to tile data.`,
      );
    }
    return t;
  });
  // The gradient is dy summed back to x's shape, which makeOp's unbroadcast already does.
  return makeOp("ExpandBackward0", [x], () => tf.broadcastTo(x.tfData, out), (dy) => [dy], { readsInputs: false });
}

/** `x.expandAs(other)`: expand to `other`'s shape. */
export function expandAs(x: Tensor, other: Tensor): Tensor {
  return expand(x, other.shape);
}

/** Tiles the data: [2, 3].repeat(2, 1) → [4, 3]; more repeats than dims add leading dims. */
export function repeat(x: Tensor, ...repeats: Array<number | number[]>): Tensor {
  const reps = shapeArgs(repeats);
  const shape = x.shape;
  if (reps.length < shape.length) {
    throw new RangeError(
      `Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor (got ${reps.length} repeats for a tensor of shape ${fmt(shape)})`,
    );
  }
  if (reps.some((r) => !Number.isInteger(r) || r < 0)) throw new RangeError(`Trying to create tensor with negative dimension: repeats ${fmt(reps)}`);
  const padded = [...new Array<number>(reps.length - shape.length).fill(1), ...shape];
  return makeOp(
    "RepeatBackward0",
    [x],
    () => tf.tile(tf.reshape(x.tfData, padded), reps),
    (dy) => {
      // Output dim i is (reps[i], padded[i]) interleaved; summing the reps axes gives the gradient.
      const split = tf.reshape(dy, reps.flatMap((r, i) => [r, padded[i]]));
      const summed = tf.sum(split, reps.map((_, i) => 2 * i));
      return [tf.reshape(summed, shape)];
    },
    { readsInputs: false },
  );
}
