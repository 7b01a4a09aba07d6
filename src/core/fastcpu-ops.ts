// The fused fastcpu kernels as tfjs calls for ops and nn: each runs only while fastcpu is the backend, else null.
import { tf } from "./backend";
import { CROSS_ENTROPY, heap, SGD_STEP, SUM_ROWS, type CrossEntropyAttrs, type SgdStepAttrs } from "./fastcpu/elementwise";
import type { WasmBackendLike } from "./fastcpu/kernels";

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

/**
 * Largest parameter fastSgdStep takes. Its plain-JS loop costs ~3.4 ns an element against ~0.45 for tfjs-wasm's SIMD
 * multiply and subtract, which cost ~10 µs more to dispatch (two kernels and a scalar): measured in Node, [10] 2.9 vs
 * 13.4 µs, [10, 784] 27 vs 17 µs, [256, 784] 716 vs 88 µs. So only small parameters (biases) take the one kernel.
 */
export const SGD_STEP_MAX = 2048;

/**
 * On fastcpu: plain SGD's new parameter p − lr·g (g negated for `maximize`, plus `weightDecay`·p first) in one kernel,
 * the same float32 values as the tfjs ops; null elsewhere, for other dtypes and shapes, and past SGD_STEP_MAX elements
 * (the caller uses tfjs ops).
 */
export function fastSgdStep(p: tf.Tensor, g: tf.Tensor, attrs: SgdStepAttrs): tf.Tensor | null {
  if (tf.getBackend() !== "fastcpu" || p.dtype !== "float32" || g.dtype !== "float32" || p.size > SGD_STEP_MAX || !sameShape(p.shape, g.shape)) return null;
  return tf.engine().runKernel(SGD_STEP, { p, g }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/**
 * On fastcpu: a read-only view of an int32 tensor's values on the heap (no copy, no kernel), valid until the next
 * tfjs call (the heap may grow and move); null elsewhere (the caller uses dataSync).
 */
export function peekInt32(t: tf.Tensor): Int32Array | null {
  if (tf.getBackend() !== "fastcpu" || t.dtype !== "int32") return null;
  const b = tf.backend() as unknown as WasmBackendLike;
  const info = b.dataIdMap.get(t.dataId);
  return info ? new Int32Array(heap(b), info.memoryOffset, t.size) : null;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
