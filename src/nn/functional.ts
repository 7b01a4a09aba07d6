// torch.nn.functional (F): linear, conv2d, pools, dropout, batchNorm, activations, oneHot, the losses, and the modern set (functional-modern.ts).
import {
  avgPool2d as coreAvgPool2d, batchNorm as coreBatchNorm, conv2d as coreConv2d, dropout as coreDropout, flatten as coreFlatten,
  leakyRelu as coreLeakyRelu, logSoftmax as coreLogSoftmax, maxPool2d as coreMaxPool2d, oneHot as coreOneHot, relu as coreRelu,
  sigmoid as coreSigmoid, softmax as coreSoftmax, tanh as coreTanh,
  type BatchNormOptions, type Conv2dOptions, type Pair, type Pool2dOptions, type Tensor,
} from "../core";

import { linearOp } from "./linear-op";

export * from "./functional-loss";
export * from "./functional-modern";
export * from "./functional-loss-modern";

/** y = x Wᵀ + b, like `F.linear`. x: [*, in], weight: [out, in], bias: [out] → [*, out]. */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null, who = ""): Tensor {
  return linearOp(x, weight, bias, who, false);
}

/**
 * 2-D convolution, like `F.conv2d(input, weight, bias, stride, padding, dilation)`.
 * x: [N, C, H, W]; weight: [O, C, kH, kW]; bias: [O] → [N, O, H_out, W_out]. A number as `opts` is the stride.
 */
export function conv2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, opts: Conv2dOptions | Pair = {}): Tensor {
  return coreConv2d(x, weight, bias, typeof opts === "number" || Array.isArray(opts) ? { stride: opts } : opts);
}

function poolOpts(o: Pair | Pool2dOptions | null | undefined, padding?: Pair): Pool2dOptions {
  const base = o == null ? {} : typeof o === "number" || Array.isArray(o) ? { stride: o } : o;
  return padding === undefined ? base : { ...base, padding };
}

/**
 * Max pooling, like `F.max_pool2d(x, kernel_size, stride, padding)`: [N, C, H, W] → [N, C, H_out, W_out].
 * `F.maxPool2d(x, 2)`, `F.maxPool2d(x, 3, 2, 1)` or `F.maxPool2d(x, 3, { stride: 2, padding: 1 })`. Stride defaults to the kernel.
 */
export function maxPool2d(x: Tensor, kernelSize: Pair, stride?: Pair | Pool2dOptions | null, padding?: Pair): Tensor {
  return coreMaxPool2d(x, kernelSize, poolOpts(stride, padding));
}

/** Average pooling, like `F.avg_pool2d(x, kernel_size, stride, padding)`: [N, C, H, W] → [N, C, H_out, W_out]. */
export function avgPool2d(x: Tensor, kernelSize: Pair, stride?: Pair | Pool2dOptions | null, padding?: Pair): Tensor {
  return coreAvgPool2d(x, kernelSize, poolOpts(stride, padding));
}

/**
 * Dropout, like `F.dropout(x, p=0.5, training=True)`: in a module write `F.dropout(x, 0.5, this.training)`
 * (or `F.dropout(x, { p: 0.5, training: this.training })`). Any shape → same shape.
 */
export function dropout(x: Tensor, p: number | { p?: number; training?: boolean } = 0.5, training = true): Tensor {
  if (typeof p === "object") return coreDropout(x, p.p ?? 0.5, p.training ?? true);
  return coreDropout(x, p, training);
}

/**
 * Batch normalisation, like `F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)`.
 * x: [N, C, *]; runningMean/runningVar: [C] (updated in place when training) or null.
 */
export function batchNorm(x: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, opts: BatchNormOptions = {}): Tensor {
  return coreBatchNorm(x, runningMean, runningVar, opts);
}

/** max(0, x), elementwise. */
export const relu = (x: Tensor): Tensor => coreRelu(x);
/** 1 / (1 + e^−x), elementwise. */
export const sigmoid = (x: Tensor): Tensor => coreSigmoid(x);
/** tanh(x), elementwise. */
export const tanh = (x: Tensor): Tensor => coreTanh(x);
/** x for x > 0, negativeSlope·x otherwise (default slope 0.01). */
export const leakyRelu = (x: Tensor, negativeSlope = 0.01): Tensor => coreLeakyRelu(x, negativeSlope);
/** Softmax along `dim` (required): values in (0, 1) summing to 1 along that dim. */
export const softmax = (x: Tensor, dim: number): Tensor => coreSoftmax(x, dim);
/** log(softmax(x)) along `dim`, computed stably. */
export const logSoftmax = (x: Tensor, dim: number): Tensor => coreLogSoftmax(x, dim);
/** Flattens dims startDim..endDim, like `torch.flatten`. */
export const flatten = (x: Tensor, startDim = 0, endDim = -1): Tensor => coreFlatten(x, startDim, endDim);

/**
 * One-hot encoding, like `F.one_hot`: int tensor [*] of class indices → int tensor [*, numClasses].
 * numClasses −1 (default) uses max(x) + 1. Not differentiable.
 */
export const oneHot = (x: Tensor, numClasses = -1): Tensor => coreOneHot(x, numClasses);
