// The losses of torch.nn.functional (reduction "mean" | "sum" | "none"), with PyTorch's formulas, options and messages.
import { currentBackend, makeOp, peekInt32, signData, tf, Tensor } from "../core";
import { canFuseCrossEntropy, fusedCrossEntropy } from "./cross-entropy-fused";

export type Reduction = "mean" | "sum" | "none";

const fmt = (s: number[]): string => `[${s.join(", ")}]`;
const size = (s: number[]): string => `torch.Size(${fmt(s)})`;

/** Checks a reduction name with PyTorch's message. */
export function checkReduction(r: string): Reduction {
  if (r !== "mean" && r !== "sum" && r !== "none") throw new RangeError(`${r} is not a valid value for reduction (use "mean", "sum" or "none")`);
  return r;
}

/** dL/d(elementwise loss) for a reduced loss: dy / count (mean), dy (sum) or dy itself (none). */
function reductionScale(dy: tf.Tensor, reduction: Reduction, count: number | tf.Tensor): tf.Tensor {
  return reduction === "mean" ? tf.div(dy, count) : dy;
}

function reduceTf(loss: tf.Tensor, reduction: Reduction, denom?: tf.Tensor): tf.Tensor {
  if (reduction === "none") return loss;
  const s = tf.sum(loss);
  if (reduction === "sum") return s;
  return denom ? tf.div(s, denom) : tf.div(s, loss.size);
}

export interface ClassLossOptions {
  /** Rescaling weight per class: [C]. */
  weight?: Tensor | null;
  /** Targets equal to this are skipped and excluded from the mean (default -100). */
  ignoreIndex?: number;
  reduction?: Reduction;
}

export interface CrossEntropyOptions extends ClassLossOptions {
  /** Mixes the target with the uniform distribution: (1 − ε)·target + ε/C. Default 0. */
  labelSmoothing?: number;
}

/** Moves the class axis of a [M, C] matrix (rows = target elements) to dim 1 of [N, C, *]: the input's layout. */
function classesToDim1(m: tf.Tensor, targetShape: number[]): tf.Tensor {
  if (targetShape.length === 1) return m;
  const r = targetShape.length + 1;
  return tf.transpose(tf.reshape(m, [...targetShape, m.shape[1] as number]), [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)]);
}

/** Checks the target of a class loss; returns true for class probabilities (cross_entropy only). */
function checkClassTarget(input: Tensor, target: Tensor, allowProbs: boolean, o: CrossEntropyOptions): boolean {
  if (input.ndim < 2) throw new RangeError(`expected input [N, C] or [N, C, d1, …], got ${fmt(input.shape)}`);
  const c = input.shape[1];
  if (o.weight && (o.weight.ndim !== 1 || o.weight.shape[0] !== c)) {
    throw new RangeError(`weight tensor should be defined either for all ${c} classes or no classes but got weight tensor of shape: ${fmt(o.weight.shape)}`);
  }
  const ls = o.labelSmoothing ?? 0;
  if (!(ls >= 0 && ls <= 1)) throw new RangeError(`label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
  if (allowProbs && input.shape.join(",") === target.shape.join(",")) {
    if (target.dtype !== "float32") throw new TypeError(`Expected floating point type for target with class probabilities, got Long; use target.float()`);
    return true;
  }
  if (target.dtype === "float32") {
    throw new TypeError("expected scalar type Long but found Float: class-index targets must be integers; use target.long()");
  }
  if (input.shape[0] !== target.shape[0]) {
    throw new RangeError(`Expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0]}).`);
  }
  const expect = [input.shape[0], ...input.shape.slice(2)];
  if (target.shape.join(",") !== expect.join(",")) {
    throw new RangeError(`size mismatch (got input: ${fmt(input.shape)}, target: ${fmt(target.shape)}); class-index targets must be ${fmt(expect)}`);
  }
  // Reading the targets costs nothing on CPU backends; on GPUs it would stall the pipeline every step, so skip it there.
  if (currentBackend() === "cpu" || currentBackend() === "wasm" || currentBackend() === "fastcpu") {
    const ig = o.ignoreIndex ?? -100;
    // fastcpu: the values in place on its heap (no copy); elsewhere a read.
    for (const v of peekInt32(target.tfData) ?? target.tfData.dataSync()) if (v !== ig && (v < 0 || v >= c)) throw new RangeError(`Target ${v} is out of bounds.`);
  }
  return false;
}

/**
 * Shared op for nll_loss (logits false: input holds log-probabilities) and cross_entropy (logits true).
 * Per element: loss = −Σ_c a[c]·logp[c], where `a` folds in the class weights, ignored targets and label smoothing;
 * so d/dlogits = p·Σa − a and d/dlogp = −a.
 */
function classLoss(input: Tensor, target: Tensor, o: CrossEntropyOptions, logits: boolean): Tensor {
  if (input.ndim === 1) {
    // Unbatched: input [C] with a 0-D class index (or [C] probabilities).
    const tShape = target.ndim === 0 ? [1] : [1, ...target.shape];
    const y = classLoss(input.view(1, -1), target.view(tShape), o, logits);
    return o.reduction === "none" ? y.view([]) : y;
  }
  const probs = checkClassTarget(input, target, logits, o);
  const reduction = checkReduction(o.reduction ?? "mean");
  if (logits && !probs && reduction !== "none" && canFuseCrossEntropy(input, target, { ...o, reduction })) {
    return fusedCrossEntropy(input, target, o.ignoreIndex ?? -100, reduction);
  }
  const c = input.shape[1];
  const eps = o.labelSmoothing ?? 0;
  const ignore = o.ignoreIndex ?? -100;
  const bshape = input.shape.map((s, i) => (i === 1 ? s : 1));
  const [a, denom] = tf.tidy(() => {
    const w = o.weight ? tf.reshape(o.weight.tfData, bshape) : null;
    if (probs) {
      let t = eps > 0 ? tf.add(tf.mul(target.tfData, 1 - eps), eps / c) : target.tfData;
      if (w) t = tf.mul(t, w);
      return [t, tf.scalar(input.numel() / c)];
    }
    // Work on the flattened targets ([M] → [M, C]): the same ops on [N, H, W] targets gave wrong values on tfjs-webgpu.
    const t = tf.reshape(target.tfData, [-1]);
    const valid = tf.notEqual(t, tf.scalar(ignore, "int32"));
    const safe = tf.where(valid, t, tf.zerosLike(t));
    const wy = tf.mul(o.weight ? tf.gather(o.weight.tfData, safe) : tf.ones(safe.shape, "float32"), tf.cast(valid, "float32"));
    let coef = tf.mul(tf.oneHot(safe, c), tf.expandDims(tf.mul(wy, 1 - eps), 1));
    if (eps > 0) coef = tf.add(coef, tf.mul(tf.expandDims(tf.cast(valid, "float32"), 1), o.weight ? tf.mul(o.weight.tfData, eps / c) : eps / c));
    coef = classesToDim1(coef, target.shape);
    return [coef, tf.sum(wy)];
  });
  const coef = new Tensor(a);
  const count = new Tensor(denom);
  // tf.logSoftmax/softmax only work on the last axis; the class axis is 1.
  const logp = (): tf.Tensor => {
    if (!logits) return input.tfData;
    const z = tf.sub(input.tfData, tf.max(input.tfData, 1, true));
    return tf.sub(z, tf.log(tf.sum(tf.exp(z), 1, true)));
  };
  return makeOp(
    "NllLossBackward0",
    [input, coef, count],
    () => reduceTf(tf.neg(tf.sum(tf.mul(coef.tfData, logp()), 1)), reduction, count.tfData),
    (dy) => {
      const scale = reduction === "none" ? tf.expandDims(dy, 1) : reductionScale(dy, reduction, count.tfData);
      const g = logits ? tf.sub(tf.mul(tf.exp(logp()), tf.sum(coef.tfData, 1, true)), coef.tfData) : tf.neg(coef.tfData);
      return [tf.mul(g, scale), null, null];
    },
  );
}

/**
 * Negative log-likelihood of log-probabilities, like `F.nll_loss`. input: [N, C] or [N, C, d1, …] (e.g. [N, C, H, W]);
 * target: [N] or [N, d1, …] class indices (int) → scalar (or [N, d1, …] with reduction "none").
 */
export function nllLoss(input: Tensor, target: Tensor, opts: ClassLossOptions = {}): Tensor {
  return classLoss(input, target, opts, false);
}

/**
 * Cross-entropy of raw scores (logits), like `F.cross_entropy` (logSoftmax + nllLoss in one stable op).
 * input: [N, C] or [N, C, d1, …] (or unbatched [C]); target: class indices [N, d1, …] (int), or class
 * probabilities with the input's shape (float) → scalar (or per-element losses with reduction "none").
 */
export function crossEntropy(input: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  return classLoss(input, target, opts, true);
}

function checkSame(fn: string, input: Tensor, target: Tensor, strictMsg?: boolean): void {
  if (input.shape.join(",") === target.shape.join(",")) return;
  const fix = "Make them match, e.g. target.view(-1, 1) or output.squeeze(1).";
  if (strictMsg) throw new RangeError(`Target size (${size(target.shape)}) must be the same as input size (${size(input.shape)}). ${fix}`);
  throw new RangeError(`${fn}: Using a target size (${size(target.shape)}) that is different to the input size (${size(input.shape)}). ${fix}`);
}

function reduceTensor(x: Tensor, reduction: Reduction): Tensor {
  return reduction === "mean" ? x.mean() : reduction === "sum" ? x.sum() : x;
}

/** Mean squared error (x − y)², like `F.mse_loss`. input and target: same shape → scalar (or that shape). */
export function mseLoss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  checkSame("mse_loss", input, target);
  const d = input.sub(target.float());
  return reduceTensor(d.mul(d), checkReduction(opts.reduction ?? "mean"));
}

/** Mean absolute error |x − y|, like `F.l1_loss`. input and target: same shape → scalar (or that shape). */
export function l1Loss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  checkSame("l1_loss", input, target);
  return reduceTensor(input.sub(target.float()).abs(), checkReduction(opts.reduction ?? "mean"));
}

/** Elementwise loss op whose gradient flows to the input (and to the target when `dTarget` is given). */
function elementwiseLoss(
  name: string, input: Tensor, target: Tensor, reduction: Reduction,
  loss: () => tf.Tensor, dInput: () => tf.Tensor, dTarget?: () => tf.Tensor,
): Tensor {
  const n = input.numel();
  return makeOp(name, [input, target], () => reduceTf(loss(), reduction), (dy) => {
    const s = reductionScale(dy, reduction, n);
    return [input.requiresGrad ? tf.mul(dInput(), s) : null, dTarget && target.requiresGrad ? tf.mul(dTarget(), s) : null];
  });
}

/**
 * Binary cross-entropy of probabilities p ∈ [0, 1], like `F.binary_cross_entropy` (logs clamped at −100, as PyTorch).
 * input, target: same shape; weight: broadcastable to it → scalar (or the input's shape).
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, opts: { weight?: Tensor | null; reduction?: Reduction } = {}): Tensor {
  checkSame("binary_cross_entropy", input, target);
  const reduction = checkReduction(opts.reduction ?? "mean");
  const w = opts.weight ?? null;
  if (currentBackend() === "cpu" || currentBackend() === "wasm") {
    for (const v of input.tfData.dataSync()) if (!(v >= 0 && v <= 1)) throw new RangeError("all elements of input should be between 0 and 1 (apply a Sigmoid first, or use BCEWithLogitsLoss on raw scores)");
  }
  const p = (): tf.Tensor => input.tfData;
  const t = (): tf.Tensor => tf.cast(target.tfData, "float32");
  const weigh = (v: tf.Tensor): tf.Tensor => (w ? tf.mul(v, w.tfData) : v);
  return elementwiseLoss("BinaryCrossEntropyBackward0", input, target, reduction,
    () => weigh(tf.neg(tf.add(tf.mul(t(), tf.maximum(tf.log(p()), -100)), tf.mul(tf.sub(1, t()), tf.maximum(tf.log(tf.sub(1, p())), -100))))),
    // PyTorch's gradient: w·(p − t) / max(p·(1 − p), 1e-12).
    () => weigh(tf.div(tf.sub(p(), t()), tf.maximum(tf.mul(p(), tf.sub(1, p())), 1e-12))),
  );
}

/**
 * Sigmoid + binary cross-entropy in one stable op, like `F.binary_cross_entropy_with_logits`.
 * input (logits), target: same shape; weight: broadcastable; posWeight: [C] weight of positives (broadcast on the last dim).
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor, target: Tensor, opts: { weight?: Tensor | null; posWeight?: Tensor | null; reduction?: Reduction } = {},
): Tensor {
  checkSame("binary_cross_entropy_with_logits", input, target, true);
  const reduction = checkReduction(opts.reduction ?? "mean");
  const { weight = null, posWeight = null } = opts;
  const t = (): tf.Tensor => tf.cast(target.tfData, "float32");
  // log_weight = 1 + (pos_weight − 1)·t; loss = (1 − t)·x + log_weight·softplus(−x), softplus written stably.
  const lw = (): tf.Tensor | number => (posWeight ? tf.add(1, tf.mul(tf.sub(posWeight.tfData, 1), t())) : 1);
  const weigh = (v: tf.Tensor): tf.Tensor => (weight ? tf.mul(v, weight.tfData) : v);
  const x = (): tf.Tensor => input.tfData;
  return elementwiseLoss("BinaryCrossEntropyWithLogitsBackward0", input, target, reduction,
    () => weigh(tf.add(tf.mul(tf.sub(1, t()), x()), tf.mul(lw(), tf.add(tf.log1p(tf.exp(tf.neg(tf.abs(x())))), tf.relu(tf.neg(x())))))),
    () => weigh(tf.sub(tf.sub(1, t()), tf.mul(lw(), tf.sigmoid(tf.neg(x()))))),
  );
}

/**
 * Smooth L1 (Huber-like) loss, like `F.smooth_l1_loss`: 0.5·d²/β where |d| < β, else |d| − 0.5·β (β = 0 is L1).
 * input, target: same shape → scalar (or that shape).
 */
export function smoothL1Loss(input: Tensor, target: Tensor, opts: { reduction?: Reduction; beta?: number } = {}): Tensor {
  checkSame("smooth_l1_loss", input, target);
  const reduction = checkReduction(opts.reduction ?? "mean");
  const beta = opts.beta ?? 1;
  if (!(beta >= 0)) throw new RangeError(`smooth_l1_loss does not support negative values for beta (got ${beta}).`);
  const d = (): tf.Tensor => tf.sub(input.tfData, tf.cast(target.tfData, "float32"));
  const small = (v: tf.Tensor): tf.Tensor => tf.less(tf.abs(v), beta);
  const grad = (): tf.Tensor => (beta === 0 ? signData(d()) : tf.where(small(d()), tf.div(d(), beta), signData(d())));
  return elementwiseLoss("SmoothL1LossBackward0", input, target, reduction,
    () => (beta === 0 ? tf.abs(d()) : tf.where(small(d()), tf.div(tf.mul(tf.square(d()), 0.5), beta), tf.sub(tf.abs(d()), 0.5 * beta))),
    grad,
    () => tf.neg(grad()),
  );
}
