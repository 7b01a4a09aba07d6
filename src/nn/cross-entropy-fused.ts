// F.cross_entropy's common case (logits [N, C], class indices [N], mean or sum) as one op with a one-kernel backward.
import { currentBackend, fastCrossEntropy, isGradEnabled, makeOp, peekInt32, tf, Tensor } from "../core";

/** Backends where reading the targets back is free (the general path reads them there too, for bounds checks). */
function cpuLike(): boolean {
  const b = currentBackend();
  return b === "cpu" || b === "wasm" || b === "fastcpu";
}

/**
 * True when `fusedCrossEntropy` computes the same loss as the general class loss: 2-D logits, 1-D int targets, no class
 * weights, no label smoothing, an ignoreIndex outside [0, C) (oneHot then yields a zero row for it) and a reduction.
 */
export function canFuseCrossEntropy(input: Tensor, target: Tensor, o: { weight?: Tensor | null; labelSmoothing?: number; ignoreIndex?: number; reduction?: string }): boolean {
  const c = input.shape[1];
  const ignore = o.ignoreIndex ?? -100;
  return (
    input.ndim === 2 && target.ndim === 1 && input.dtype === "float32" && target.dtype === "int32" &&
    !o.weight && !(o.labelSmoothing ?? 0) && (ignore < 0 || ignore >= c) && (o.reduction === "mean" || o.reduction === "sum")
  );
}

/**
 * Cross-entropy of logits x: [N, C] against class indices t: [N] (targets equal to `ignoreIndex` are skipped and left
 * out of the mean). Forward: Σ_i (logsumexp(x_i) − x_i[t_i]), computed once with the max shift. When a gradient is
 * needed, forward also keeps (softmax(x) − onehot(t)) / count, so backward is one multiply by dy instead of recomputing
 * logSoftmax. On fastcpu all of it is one kernel; elsewhere ~15 tfjs ops (the general path costs ~40 per step).
 */
export function fusedCrossEntropy(input: Tensor, target: Tensor, ignoreIndex: number, reduction: "mean" | "sum"): Tensor {
  const c = input.shape[1];
  let count: number | null = null;
  if (cpuLike()) {
    count = 0;
    for (const v of peekInt32(target.tfData) ?? target.tfData.dataSync()) if (v !== ignoreIndex) count++;
  }
  const wantGrad = isGradEnabled() && input.requiresGrad;
  // Rows whose target is ignored must drop out; when every target is a class (known after reading them) skip the mask.
  const masked = count === null || count !== target.shape[0];
  const divisor = reduction === "sum" ? 1 : count;
  const [loss, grad] = (divisor !== null && fastCrossEntropy(input.tfData, target.tfData, { ignoreIndex, divisor, withGrad: wantGrad })) || tf.tidy(() => {
    const x = input.tfData;
    // One explicit cast: tfjs-wasm's OneHot writes int32 values whatever dtype it is asked for.
    const oh = tf.cast(tf.oneHot(target.tfData, c), "float32");
    const z = tf.sub(x, tf.max(x, 1, true));
    const e = tf.exp(z);
    const s = tf.sum(e, 1, true);
    // oneHot gives an ignored target (outside [0, C)) a zero row.
    const valid = masked ? tf.sum(oh, 1, true) : null;
    const lse = tf.log(s);
    // Σ_i logsumexp_i − Σ_i z_i[t_i]: the max shift cancels.
    const total = tf.sub(tf.sum(valid ? tf.mul(lse, valid) : lse), tf.sum(tf.mul(oh, z)));
    const n: number | tf.Tensor = reduction === "sum" ? 1 : (count ?? tf.sum(valid!));
    const l = n === 1 ? total : tf.div(total, n);
    if (!wantGrad) return [l];
    const p = tf.div(e, s);
    const g = tf.sub(valid ? tf.mul(p, valid) : p, oh);
    return [l, n === 1 ? g : tf.div(g, n)];
  });
  if (!grad) return makeOp("NllLossBackward0", [input], () => loss);
  const saved = new Tensor(grad);
  // The saved gradient is a copy, so changing the input in place afterwards is fine (PyTorch saves log-probabilities).
  return makeOp("NllLossBackward0", [input, saved], () => loss, (dy) => [tf.mul(saved.tfData, dy), null], { readsInputs: false });
}
