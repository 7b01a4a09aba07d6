// The modern losses of torch.nn.functional: huber_loss, kl_div, cosine_embedding_loss (composites of differentiable ops).
import { where, type Tensor } from "../core";
import { checkReduction, type Reduction } from "./functional-loss";

function reduce(x: Tensor, reduction: Reduction): Tensor {
  return reduction === "mean" ? x.mean() : reduction === "sum" ? x.sum() : x;
}

function sameShape(fn: string, input: Tensor, target: Tensor): void {
  if (input.shape.join(",") !== target.shape.join(",")) {
    throw new RangeError(`${fn}: target size [${target.shape.join(", ")}] is different from the input size [${input.shape.join(", ")}]; make them match`);
  }
}

export interface HuberOptions {
  reduction?: Reduction;
  /** Where the loss turns from quadratic to linear (default 1.0). */
  delta?: number;
}

/**
 * Huber loss, like `F.huber_loss(input, target, reduction='mean', delta=1.0)`: ½d² where |d| < δ, δ·(|d| − ½δ) elsewhere
 * (d = input − target). Same shapes → scalar (or that shape with reduction "none").
 */
export function huberLoss(input: Tensor, target: Tensor, opts: HuberOptions = {}): Tensor {
  const delta = opts.delta ?? 1.0;
  if (!(delta > 0)) throw new RangeError(`huber_loss does not support non-positive values for delta, got ${delta}`);
  sameShape("huber_loss", input, target);
  const d = input.sub(target.float());
  const a = d.abs();
  return reduce(where(a.lt(delta), d.mul(d).mul(0.5), a.sub(0.5 * delta).mul(delta)), checkReduction(opts.reduction ?? "mean"));
}

export type KLDivReduction = Reduction | "batchmean";

export interface KLDivOptions {
  /** "mean" (PyTorch's default, over every element), "batchmean" (the KL divergence: sum / batch size), "sum", "none". */
  reduction?: KLDivReduction;
  /** The target is given as log-probabilities (default false: probabilities). */
  logTarget?: boolean;
}

/**
 * Kullback-Leibler divergence, like `F.kl_div(input, target, reduction='mean', log_target=False)`: `input` holds
 * log-probabilities (e.g. logSoftmax output), `target` probabilities; pointwise target·(log target − input), 0 where target is 0.
 */
export function klDiv(input: Tensor, target: Tensor, opts: KLDivOptions = {}): Tensor {
  const reduction = opts.reduction ?? "mean";
  if (reduction !== "batchmean") checkReduction(reduction);
  sameShape("kl_div", input, target);
  const t = target.float();
  let pointwise: Tensor;
  if (opts.logTarget) pointwise = t.exp().mul(t.sub(input));
  else {
    // xlogy(t, t): 0 where t is 0 (the log sees 1 there, so no NaN reaches the gradient either).
    const pos = t.gt(0);
    const xlogy = where(pos, t.mul(where(pos, t, 1).log()), 0);
    pointwise = xlogy.sub(t.mul(input));
  }
  if (reduction === "batchmean") return input.ndim === 0 ? pointwise.sum() : pointwise.sum().div(input.shape[0]);
  return reduce(pointwise, reduction);
}

export interface CosineEmbeddingOptions {
  /** For y = −1 pairs: the loss is max(0, cos − margin) (default 0). */
  margin?: number;
  reduction?: Reduction;
}

/**
 * Cosine embedding loss, like `F.cosine_embedding_loss(x1, x2, y, margin=0, reduction='mean')`: x1, x2 [N, D]
 * (or [D]); y [N] of 1 (similar: 1 − cos) or −1 (dissimilar: max(0, cos − margin)).
 */
export function cosineEmbeddingLoss(x1: Tensor, x2: Tensor, y: Tensor, opts: CosineEmbeddingOptions = {}): Tensor {
  const margin = opts.margin ?? 0;
  const reduction = checkReduction(opts.reduction ?? "mean");
  if (x1.ndim !== x2.ndim || x1.ndim < 1 || x1.ndim > 2 || x1.shape.join(",") !== x2.shape.join(",")) {
    throw new RangeError(`cosine_embedding_loss: expected x1 and x2 of the same shape [N, D] or [D], got [${x1.shape.join(", ")}] and [${x2.shape.join(", ")}]`);
  }
  const n = x1.ndim === 2 ? x1.shape[0] : 1;
  if (y.numel() !== n || y.ndim !== x1.ndim - 1) {
    throw new RangeError(`cosine_embedding_loss: expected target of shape [${x1.ndim === 2 ? n : ""}] (1 or -1 per pair), got [${y.shape.join(", ")}]`);
  }
  const EPS = 1e-12; // PyTorch's EPSILON
  const d = x1.ndim - 1;
  const prod = x1.mul(x2).sum(d);
  const mag1 = x1.mul(x1).sum(d).add(EPS);
  const mag2 = x2.mul(x2).sum(d).add(EPS);
  const cos = prod.div(mag1.mul(mag2).sqrt());
  const yf = y.float();
  const pos = where(yf.eq(1), cos.neg().add(1), 0);
  const neg = where(yf.eq(-1), cos.sub(margin).clamp(0), 0);
  return reduce(pos.add(neg), reduction);
}
