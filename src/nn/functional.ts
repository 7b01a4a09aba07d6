// torch.nn.functional: linear (fused matmul + bias), activations, and the losses, each with its backward.
import { makeOp, tf, Tensor, logSoftmax as coreLogSoftmax, softmax as coreSoftmax, relu as coreRelu, sigmoid as coreSigmoid, tanh as coreTanh } from "../core";

export type Reduction = "mean" | "sum" | "none";

/** y = x Wᵀ + b. x: [*, in], weight: [out, in], bias: [out] → [*, out]. */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null, who = ""): Tensor {
  const [out, inF] = weight.shape;
  const xs = x.shape;
  if (xs.length === 0 || xs[xs.length - 1] !== inF) {
    const rows = xs.length ? xs.slice(0, -1).reduce((a, b) => a * b, 1) : 1;
    const hint = xs.length > 2 && xs.slice(1).reduce((a, b) => a * b, 1) === inF ? `; flatten it first: x.view(-1, ${inF})` : "";
    throw new RangeError(
      `mat1 and mat2 shapes cannot be multiplied (${rows}x${xs[xs.length - 1] ?? 1} and ${inF}x${out}): ` +
        `${who || "Linear"}(${inF} -> ${out}) got input [${xs.join(", ")}]${hint}`,
    );
  }
  if (x.dtype !== "float32") throw new TypeError(`${who || "Linear"} got a ${x.dtype} input; it needs float32: call x.float()`);
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return makeOp(
    "AddmmBackward0",
    inputs,
    () => {
      const x2 = tf.reshape(x.data, [-1, inF]);
      let y = tf.matMul(x2, weight.data, false, true);
      if (bias) y = tf.add(y, bias.data);
      return tf.reshape(y, [...xs.slice(0, -1), out]);
    },
    (dy) => {
      const dy2 = tf.reshape(dy, [-1, out]);
      const x2 = tf.reshape(x.data, [-1, inF]);
      return [
        x.requiresGrad ? tf.reshape(tf.matMul(dy2, weight.data), xs) : null,
        weight.requiresGrad ? tf.matMul(dy2, x2, true, false) : null,
        ...(bias ? [bias.requiresGrad ? tf.sum(dy2, 0) : null] : []),
      ];
    },
  );
}

export const relu = (x: Tensor): Tensor => coreRelu(x);
export const sigmoid = (x: Tensor): Tensor => coreSigmoid(x);
export const tanh = (x: Tensor): Tensor => coreTanh(x);
export const softmax = (x: Tensor, dim: number): Tensor => coreSoftmax(x, dim);
export const logSoftmax = (x: Tensor, dim: number): Tensor => coreLogSoftmax(x, dim);

function reduce(loss: tf.Tensor, reduction: Reduction): tf.Tensor {
  if (reduction === "mean") return tf.mean(loss);
  if (reduction === "sum") return tf.sum(loss);
  return loss;
}

function checkBatch(input: Tensor, target: Tensor): void {
  if (input.shape[0] !== target.shape[0]) {
    throw new RangeError(`Expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0]}).`);
  }
}

function checkClassTarget(fn: string, input: Tensor, target: Tensor): void {
  if (target.dtype === "float32") {
    throw new TypeError(`${fn}: class-index targets must be integers (int32/long), got float32; use target.long()`);
  }
  if (input.ndim < 2) throw new RangeError(`${fn}: input must be [N, C] (got [${input.shape.join(", ")}])`);
  checkBatch(input, target);
  const expect = [input.shape[0], ...input.shape.slice(2)];
  if (target.shape.join(",") !== expect.join(",")) {
    throw new RangeError(`${fn}: target shape [${target.shape.join(", ")}] does not match input [${input.shape.join(", ")}]: expected [${expect.join(", ")}]`);
  }
}

/** One-hot of class indices, placed on dim 1: target [N, *] → [N, C, *]. */
function oneHotDim1(target: tf.Tensor, c: number): tf.Tensor {
  const hot = tf.oneHot(tf.cast(target, "int32"), c); // [N, *, C]
  if (hot.rank === 2) return hot;
  const r = hot.rank;
  const perm = [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)];
  return tf.transpose(hot, perm);
}

/** Negative log-likelihood of log-probabilities. input: [N, C] or [N, C, H, W]; target: [N] or [N, H, W] class indices. */
export function nllLoss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  checkClassTarget("nll_loss", input, target);
  const c = input.shape[1];
  const reduction = opts.reduction ?? "mean";
  return makeOp(
    "NllLossBackward0",
    [input],
    () => reduce(tf.neg(tf.sum(tf.mul(input.data, oneHotDim1(target.data, c)), 1)), reduction),
    (dy) => {
      const hot = oneHotDim1(target.data, c);
      const n = hot.size / c;
      const scale = reduction === "mean" ? tf.div(dy, n) : reduction === "sum" ? dy : tf.expandDims(dy, 1);
      return [tf.mul(tf.neg(hot), scale)];
    },
  );
}

/** Cross-entropy of raw scores (logits) and class indices: logSoftmax + nllLoss in one stable op. */
export function crossEntropy(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  checkClassTarget("cross_entropy", input, target);
  const c = input.shape[1];
  const reduction = opts.reduction ?? "mean";
  return makeOp(
    "NllLossBackward0",
    [input],
    () => {
      const v = input.data;
      const m = tf.max(v, 1, true);
      const lsm = tf.sub(tf.sub(v, m), tf.log(tf.sum(tf.exp(tf.sub(v, m)), 1, true)));
      return reduce(tf.neg(tf.sum(tf.mul(lsm, oneHotDim1(target.data, c)), 1)), reduction);
    },
    (dy) => {
      const v = input.data;
      const e = tf.exp(tf.sub(v, tf.max(v, 1, true)));
      const p = tf.div(e, tf.sum(e, 1, true));
      const hot = oneHotDim1(target.data, c);
      const n = hot.size / c;
      const scale = reduction === "mean" ? tf.div(dy, n) : reduction === "sum" ? dy : tf.expandDims(dy, 1);
      return [tf.mul(tf.sub(p, hot), scale)];
    },
  );
}

function checkSame(fn: string, input: Tensor, target: Tensor): void {
  if (input.shape.join(",") !== target.shape.join(",")) {
    throw new RangeError(
      `${fn}: Using a target size ([${target.shape.join(", ")}]) that is different to the input size ([${input.shape.join(", ")}]). ` +
        "Make them match, e.g. target.view(-1, 1) or output.squeeze(1).",
    );
  }
}

/** Mean squared error. */
export function mseLoss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  checkSame("mse_loss", input, target);
  const d = input.sub(target.float());
  return reduceTensor(d.mul(d), opts.reduction ?? "mean");
}

/** Mean absolute error. */
export function l1Loss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  checkSame("l1_loss", input, target);
  return reduceTensor(input.sub(target.float()).abs(), opts.reduction ?? "mean");
}

/** Binary cross-entropy of probabilities in [0, 1] (log clamped at -100 like PyTorch). */
export function binaryCrossEntropy(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  checkSame("binary_cross_entropy", input, target);
  const t = target.float();
  const logP = input.log().clamp(-100);
  const log1mP = input.neg().add(1).log().clamp(-100);
  return reduceTensor(t.mul(logP).add(t.neg().add(1).mul(log1mP)).neg(), opts.reduction ?? "mean");
}

function reduceTensor(x: Tensor, reduction: Reduction): Tensor {
  return reduction === "mean" ? x.mean() : reduction === "sum" ? x.sum() : x;
}
