// In-place ops (x.add_(y), x.clamp_(0, 1), x.fill_(0)…): PyTorch's leaf check, version counters, and a DAG-safe graph.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { isGradEnabled } from "../grad-mode";
import { release } from "../memory";
import { Tensor } from "../tensor";

const torchName = (d: string): string => (d === "float32" ? "Float" : d === "int32" ? "Long" : "Bool");

/** PyTorch refuses in-place changes to a leaf that requires grad while the graph is being recorded. */
export function checkLeafInplace(x: Tensor, what: string): void {
  if (x.isLeaf && x.requiresGrad && isGradEnabled()) {
    throw new Error(
      `a leaf Variable that requires grad is being used in an in-place operation (${what}). ` +
        "Update parameters inside torch.noGrad(() => …), or use the out-of-place form (w = w.add(1)).",
    );
  }
}

/**
 * Runs `op` on x's current value and makes the result x's new value and history (PyTorch's in-place ops).
 * When the op is recorded, x's old value and grad_fn move to a stand-in tensor that the op reads, so the graph
 * stays acyclic; x.version goes up so that backward refuses ops that saved the old value.
 */
export function inplace(x: Tensor, what: string, others: readonly unknown[], op: (self: Tensor) => Tensor): Tensor {
  checkLeafInplace(x, what);
  const records = isGradEnabled() && (x.requiresGrad || others.some((o) => o instanceof Tensor && o.requiresGrad));
  let self = x;
  if (records) {
    self = new Tensor(tf.clone(x.tfData), { requiresGrad: x.requiresGrad });
    self.gradFn = x.gradFn;
    self.version = x.version;
  }
  const out = op(self);
  if (out === x) return x;
  const xs = x.shape;
  const os = out.shape;
  if (os.join(",") !== xs.join(",")) {
    release(out, "discarded");
    throw new RangeError(`output with shape [${xs.join(", ")}] doesn't match the broadcast shape [${os.join(", ")}] (${what} cannot grow a tensor; use the out-of-place form)`);
  }
  if (out.dtype !== x.dtype && (x.dtype === "bool" || out.dtype === "float32")) {
    const od = out.dtype;
    release(out, "discarded");
    throw new TypeError(`result type ${torchName(od)} can't be cast to the desired output type ${torchName(x.dtype)} (${what} on a ${x.dtype} tensor; convert it first, e.g. x = x.float())`);
  }
  if (records && out.gradFn) {
    // `out` stays alive as the op's saved output; x shares its buffer (tfjs clones share data).
    x.assignData(tf.clone(out.tfData));
    x.gradFn = out.gradFn;
    x.requiresGrad = true;
  } else {
    const data = out.dtype === x.dtype ? out.holder.t! : tf.cast(out.tfData, x.dtype);
    if (data === out.holder.t) out.holder.t = null;
    release(out, "moved into an in-place result");
    x.assignData(data);
  }
  x.version++;
  return x;
}

/** The value `x.fill_(v)` / `x.zero_()` writes, as an op (gradient 0 to the old value, all of dy to a tensor value). */
export function filled(self: Tensor, value: number | boolean | Tensor, name: string): Tensor {
  const shape = self.shape;
  const dt = self.dtype;
  if (value instanceof Tensor) {
    if (value.ndim !== 0) throw new RangeError(`fill_ only supports 0-dimension value tensor but got tensor with ${value.ndim} dimensions.`);
    return makeOp("FillBackward3", [self, value], () => tf.broadcastTo(tf.cast(value.tfData, dt), shape), (dy) => [tf.zerosLike(dy), tf.sum(dy)]);
  }
  return makeOp(name, [self], () => tf.fill(shape, Number(value), dt), (dy) => [tf.zerosLike(dy)]);
}

/** The value `x.copy_(src)` writes: src broadcast to x's shape and cast to its dtype; the gradient flows to src. */
export function copied(self: Tensor, src: Tensor): Tensor {
  const shape = self.shape;
  const dt = self.dtype;
  const ss = src.shape;
  const n = Math.max(ss.length, shape.length);
  const ok = ss.length <= shape.length && ss.every((s, i) => s === 1 || s === shape[n - ss.length + i]);
  if (!ok) throw new RangeError(`The size of tensor a (${shape.join(", ")}) must match the size of tensor b (${ss.join(", ")}): copy_() src [${ss.join(", ")}] does not broadcast to [${shape.join(", ")}]`);
  return makeOp("CopyBackwards", [self, src], () => tf.broadcastTo(tf.cast(src.tfData, dt), shape), (dy) => [tf.zerosLike(dy), dy]);
}
