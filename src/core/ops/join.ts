// Joining tensors: cat and stack, with backward that slices the gradient back apart.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { normDim, Tensor } from "../tensor";

/** Concatenates along an existing dim; all other dims must match. */
export function cat(tensors: Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RangeError("torch.cat(): expected a non-empty list of Tensors");
  const d = normDim(dim, tensors[0].ndim);
  const ref = tensors[0].shape;
  tensors.forEach((t, i) => {
    const s = t.shape;
    if (s.length !== ref.length || s.some((v, j) => j !== d && v !== ref[j])) {
      throw new RangeError(
        `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.map((v, j) => (j === d ? "*" : v)).join("x")} but got ${s.join("x")} for tensor number ${i} in the list.`,
      );
    }
  });
  const sizes = tensors.map((t) => t.shape[d]);
  return makeOp("CatBackward0", tensors, () => tf.concat(tensors.map((t) => t.data), d), (dy) => tf.split(dy, sizes, d));
}

/** Stacks equal-shaped tensors along a new dim. */
export function stack(tensors: Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RangeError("stack expects a non-empty TensorList");
  const ref = tensors[0].shape;
  tensors.forEach((t, i) => {
    if (t.shape.join(",") !== ref.join(",")) {
      throw new RangeError(`stack expects each tensor to be equal size, but got [${ref.join(", ")}] at entry 0 and [${t.shape.join(", ")}] at entry ${i}`);
    }
  });
  const d = normDim(dim, ref.length + 1);
  return makeOp("StackBackward0", tensors, () => tf.stack(tensors.map((t) => t.data), d), (dy) => tf.unstack(dy, d));
}
