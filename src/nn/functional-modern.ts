// torch.nn.functional's modern set: gelu, elu, selu, silu, softplus, layerNorm, groupNorm, embedding, conv1d,
// convTranspose2d, interpolate, adaptiveAvgPool2d (the losses are in functional-loss-modern.ts).
import {
  adaptiveAvgPool2d as coreAdaptiveAvgPool2d, conv1d as coreConv1d, convTranspose2d as coreConvTranspose2d, elu as coreElu,
  gelu as coreGelu, indexSelect, interpolate as coreInterpolate, selu as coreSelu, silu as coreSilu, softplus as coreSoftplus,
  type Conv1dOptions, type ConvTranspose2dOptions, type InterpolateOptions, type Tensor,
} from "../core";

export type { Conv1dOptions, ConvTranspose2dOptions, InterpolateOptions };

/** GELU, like `F.gelu(x, approximate='none')`; `approximate: "tanh"` for the tanh form. Any shape → same shape. */
export const gelu = (x: Tensor, approximate: "none" | "tanh" | { approximate?: "none" | "tanh" } = "none"): Tensor =>
  coreGelu(x, typeof approximate === "object" ? (approximate.approximate ?? "none") : approximate);
/** ELU, like `F.elu(x, alpha=1.0)`: x for x > 0, α·(eˣ − 1) otherwise. */
export const elu = (x: Tensor, alpha = 1.0): Tensor => coreElu(x, alpha);
/** SELU, like `F.selu(x)`: 1.0507·elu(x, 1.6733). */
export const selu = (x: Tensor): Tensor => coreSelu(x);
/** SiLU (swish), like `F.silu(x)`: x·σ(x). */
export const silu = (x: Tensor): Tensor => coreSilu(x);
/** Softplus, like `F.softplus(x, beta=1, threshold=20)`: log(1 + e^(βx))/β, linear above the threshold. */
export const softplus = (x: Tensor, beta = 1, threshold = 20): Tensor => coreSoftplus(x, beta, threshold);

function normalize(x: Tensor, dims: number[], eps: number): Tensor {
  const mean = x.mean(dims, true);
  const centred = x.sub(mean);
  const variance = centred.mul(centred).mean(dims, true);
  return centred.div(variance.add(eps).sqrt());
}

/**
 * Layer normalisation, like `F.layer_norm(input, normalized_shape, weight, bias, eps=1e-5)`: normalises over the
 * last dims (`normalizedShape`), then scales by weight and shifts by bias (both shaped `normalizedShape`).
 */
export function layerNorm(x: Tensor, normalizedShape: number | number[], weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  const ns = typeof normalizedShape === "number" ? [normalizedShape] : normalizedShape;
  const tail = x.shape.slice(x.ndim - ns.length);
  if (ns.length === 0 || ns.length > x.ndim || tail.some((s, i) => s !== ns[i])) {
    throw new RangeError(
      `Given normalized_shape=[${ns.join(", ")}], expected input with shape [*, ${ns.join(", ")}], but got input of size[${x.shape.join(", ")}]`,
    );
  }
  let y = normalize(x, ns.map((_, i) => x.ndim - ns.length + i), eps);
  if (weight) y = y.mul(weight);
  if (bias) y = y.add(bias);
  return y;
}

/**
 * Group normalisation, like `F.group_norm(input, num_groups, weight, bias, eps=1e-5)`: x [N, C, *] is split into
 * `numGroups` groups of channels, each normalised over its channels and positions; weight/bias: [C].
 */
export function groupNorm(x: Tensor, numGroups: number, weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  if (x.ndim < 2) throw new RangeError(`group_norm: expected an input [N, C, *] with at least 2 dims, got [${x.shape.join(", ")}]`);
  const [N, C] = x.shape;
  if (!Number.isInteger(numGroups) || numGroups < 1 || C % numGroups !== 0) {
    throw new RangeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape [${x.shape.join(", ")}] and num_groups=${numGroups}`);
  }
  const y = normalize(x.reshape(N, numGroups, -1), [2], eps).reshape(x.shape);
  const affineShape = [1, C, ...x.shape.slice(2).map(() => 1)];
  let out = y;
  if (weight) out = out.mul(weight.reshape(affineShape));
  if (bias) out = out.add(bias.reshape(affineShape));
  return out;
}

export interface EmbeddingOptions {
  /** Rows at this index get no gradient (and start at zero in nn.Embedding), like PyTorch's padding_idx. */
  paddingIdx?: number | null;
}

/**
 * Looks up rows of `weight` [numEmbeddings, dim] for integer indices of any shape, like `F.embedding(input, weight,
 * padding_idx=None)`: indices [*] → [*, dim].
 */
export function embedding(input: Tensor, weight: Tensor, opts: EmbeddingOptions | number | null = {}): Tensor {
  const o = typeof opts === "number" || opts === null ? { paddingIdx: opts } : opts;
  if (input.dtype !== "int32") throw new TypeError(`embedding: Expected tensor for argument #1 'indices' to have an integer dtype, but got ${input.dtype}; convert with .long()`);
  if (weight.ndim !== 2) throw new RangeError(`embedding: 'weight' must be 2-D [num_embeddings, embedding_dim], got [${weight.shape.join(", ")}]`);
  const [n, dim] = weight.shape;
  const flat = input.reshape(-1);
  const rows = indexSelect(weight, 0, flat).reshape([...input.shape, dim]);
  if (o.paddingIdx == null) return rows;
  const pad = o.paddingIdx < 0 ? o.paddingIdx + n : o.paddingIdx;
  // Same values; the padding rows' part goes through detach(), so no gradient reaches weight[paddingIdx].
  const keep = input.ne(pad).float().unsqueeze(-1);
  return rows.mul(keep).add(rows.detach().mul(keep.neg().add(1)));
}

/** 1-D convolution, like `F.conv1d(input, weight, bias, stride, padding, dilation)`: [N, C, L] → [N, O, L_out]. */
export function conv1d(x: Tensor, weight: Tensor, bias: Tensor | null = null, opts: Conv1dOptions | number = {}): Tensor {
  return coreConv1d(x, weight, bias, typeof opts === "number" ? { stride: opts } : opts);
}

/** Transposed 2-D convolution, like `F.conv_transpose2d(input, weight, bias, stride, padding, output_padding)`. */
export function convTranspose2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, opts: ConvTranspose2dOptions | number = {}): Tensor {
  return coreConvTranspose2d(x, weight, bias, typeof opts === "number" ? { stride: opts } : opts);
}

/**
 * Resizes images, like `F.interpolate(x, size=None, scale_factor=None, mode='nearest', align_corners=None)`:
 * `F.interpolate(x, { scaleFactor: 2, mode: "bilinear" })`. [N, C, H, W] → [N, C, H_out, W_out].
 */
export const interpolate = (x: Tensor, opts: InterpolateOptions): Tensor => coreInterpolate(x, opts);

/** Adaptive average pooling, like `F.adaptive_avg_pool2d(x, output_size)`: [N, C, H, W] → [N, C, oH, oW]. */
export const adaptiveAvgPool2d = (x: Tensor, outputSize: number | Array<number | null>): Tensor => coreAdaptiveAvgPool2d(x, outputSize);
