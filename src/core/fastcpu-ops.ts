// The fused fastcpu kernels as tfjs calls for ops and nn: each runs only while fastcpu is the backend, else null.
import { tf } from "./backend";
import { CROSS_ENTROPY, SUM_ROWS, type CrossEntropyAttrs } from "./fastcpu/elementwise";

/**
 * On fastcpu: [loss, grad?] of cross-entropy (logits x: [N, C], targets t: [N] int32 whose values are checked to be
 * classes or `ignoreIndex`), divided by `divisor`; null on other backends (the caller uses tfjs ops).
 */
export function fastCrossEntropy(x: tf.Tensor, t: tf.Tensor, attrs: CrossEntropyAttrs): tf.Tensor[] | null {
  if (tf.getBackend() !== "fastcpu" || x.dtype !== "float32" || t.dtype !== "int32" || x.rank !== 2) return null;
  return tf.engine().runKernel(CROSS_ENTROPY, { x, target: t }, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
}

/** On fastcpu: x: [N, M] float32 summed over rows → [M]; null elsewhere (the caller uses tf.sum(x, 0)). */
export function fastSumRows(x: tf.Tensor): tf.Tensor | null {
  if (tf.getBackend() !== "fastcpu" || x.dtype !== "float32" || x.rank !== 2) return null;
  return tf.engine().runKernel(SUM_ROWS, { x }) as tf.Tensor;
}
