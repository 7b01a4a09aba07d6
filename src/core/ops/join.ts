// Joining tensors: cat and stack (dtypes promoted like PyTorch), with a backward that slices the gradient apart.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { promote } from "../dtype";
import { normDim, Tensor } from "../tensor";

function commonData(tensors: Tensor[]): () => tf.Tensor[] {
  const dt = tensors.map((t) => t.dtype).reduce(promote);
  return () => tensors.map((t) => (t.dtype === dt ? t.tfData : tf.cast(t.tfData, dt)));
}

/** Concatenates along an existing dim; other dims must match. [2, 3] and [4, 3] → [6, 3]. */
export function cat(tensors: Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RangeError("torch.cat(): expected a non-empty list of Tensors");
  const ref = tensors[0].shape;
  const d = normDim(dim, ref.length);
  tensors.forEach((t, i) => {
    const s = t.shape;
    if (s.length !== ref.length) {
      throw new RangeError(`Tensors must have same number of dimensions: got ${ref.length} and ${s.length} (shapes [${ref.join(", ")}] and [${s.join(", ")}] at entries 0 and ${i})`);
    }
    const j = s.findIndex((v, k) => k !== d && v !== ref[k]);
    if (j >= 0) {
      throw new RangeError(
        `Sizes of tensors must match except in dimension ${d}. Expected size ${ref[j]} but got size ${s[j]} for tensor number ${i} in the list (shapes [${ref.join(", ")}] and [${s.join(", ")}]).`,
      );
    }
  });
  const sizes = tensors.map((t) => t.shape[d]);
  const data = commonData(tensors);
  return makeOp("CatBackward0", tensors, () => tf.concat(data(), d), (dy) => tf.split(dy, sizes, d), { readsInputs: false });
}

/** Stacks equal-shaped tensors along a new dim: three [2, 3] → [3, 2, 3] (dim 0). */
export function stack(tensors: Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RangeError("stack expects a non-empty TensorList");
  const ref = tensors[0].shape;
  tensors.forEach((t, i) => {
    if (t.shape.join(",") !== ref.join(",")) {
      throw new RangeError(`stack expects each tensor to be equal size, but got [${ref.join(", ")}] at entry 0 and [${t.shape.join(", ")}] at entry ${i}`);
    }
  });
  const d = normDim(dim, ref.length + 1);
  const data = commonData(tensors);
  return makeOp("StackBackward0", tensors, () => tf.stack(data(), d), (dy) => tf.unstack(dy, d), { readsInputs: false });
}
