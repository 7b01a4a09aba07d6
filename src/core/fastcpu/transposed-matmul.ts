// tfjs-wasm's matMul with a transposed operand, made fast: the operand is transposed explicitly, and a transposed B
// (nn.Linear's weight, PyTorch's [out, in]) is kept while its source lives, so inference with fixed weights transposes
// each weight once and tfjs-wasm's XNNPACK finds its packed weights again (its operators are cached by B's data id).
import type { WasmBackendLike } from "./kernels";
import type { KernelConfig, KernelFunc, TensorInfo, Tf } from "./tfjs-types";

interface Cached {
  /** The source's layout: batch (product of the leading dims) × rows × columns. */
  layout: string;
  t: TensorInfo;
}

interface DisposingBackend extends WasmBackendLike {
  dataIdMap: WasmBackendLike["dataIdMap"] & { has(id: object): boolean };
}

/** Per backend instance: source data id → its transpose (last two dims swapped). */
const caches = new WeakMap<object, Map<object, Cached>>();

/**
 * The transposes cached on `backend` (a wasm or fastcpu backend instance); the first call makes the backend dispose
 * a cached transpose together with its source. Exported for the tests.
 */
export function transposeCache(backend: object): Map<object, Cached> {
  let cache = caches.get(backend);
  if (cache) return cache;
  cache = new Map();
  caches.set(backend, cache);
  const b = backend as DisposingBackend;
  const dispose = b.disposeData.bind(b);
  const entries = cache;
  b.disposeData = (id: object, force?: boolean): boolean => {
    const freed = dispose(id, force);
    const hit = entries.get(id);
    // Only once the source's data is really gone (tfjs-wasm keeps it while other tensors share it).
    if (hit && !b.dataIdMap.has(id)) {
      entries.delete(id);
      dispose(hit.t.dataId, true);
    }
    return freed;
  };
  return cache;
}

/** Shapes with one layout (e.g. [N, K] and tf.fused.matMul's [1, N, K]) have the same transpose in memory. */
function layoutOf(shape: readonly number[]): string {
  const n = shape.length;
  return `${shape.slice(0, -2).reduce((a, b) => a * b, 1)}x${shape[n - 2]}x${shape[n - 1]}`;
}

/** The shape of a transpose of the last two dims. */
function flipped(shape: readonly number[]): number[] {
  const n = shape.length;
  return [...shape.slice(0, -2), shape[n - 1], shape[n - 2]];
}

/**
 * tfjs-wasm runs BatchMatMul/_FusedMatMul with transposeA or transposeB through a naive loop, ~20× slower than its
 * XNNPACK path (Node, [64, 784]·[256, 784]ᵀ: 17 ms vs 0.85 ms); transposing explicitly first takes the fast path. A
 * transposed B is cached per source data id: a new transpose each call also meant a new XNNPACK operator, packing the
 * weights again (Node, plain wasm, x[64, 784]·W[256, 784]ᵀ + bias, ReLU: 4.6 ms with a transpose per call, 1.7 ms
 * from a kept one). tfjs data never changes in place, so a data id's transpose stays valid until the id is disposed.
 */
export function patchWasmTransposedMatMul(tf: Tf): void {
  const transpose = tf.getKernel("Transpose", "wasm");
  if (!transpose) return;
  for (const name of ["BatchMatMul", "_FusedMatMul"]) {
    const orig = tf.getKernel(name, "wasm");
    if (!orig || (orig as { patched?: boolean }).patched) continue;
    const kernelFunc: KernelFunc = (args) => {
      const attrs = args.attrs as { transposeA: boolean; transposeB: boolean };
      if (!attrs.transposeA && !attrs.transposeB) return orig.kernelFunc(args);
      const backend = args.backend as unknown as WasmBackendLike;
      const temps: TensorInfo[] = [];
      const flip = (t: TensorInfo): TensorInfo => {
        const perm = t.shape.map((_, i) => i);
        [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
        return transpose.kernelFunc({ inputs: { x: t }, backend: args.backend, attrs: { perm } }) as TensorInfo;
      };
      const inputs = { ...args.inputs } as Record<string, TensorInfo>;
      if (attrs.transposeA) {
        inputs.a = flip(inputs.a);
        temps.push(inputs.a);
      }
      if (attrs.transposeB) {
        const cache = transposeCache(args.backend);
        const src = inputs.b;
        const layout = layoutOf(src.shape);
        let hit = cache.get(src.dataId);
        if (!hit || hit.layout !== layout) {
          // A reshape shares its source's data id: a cached transpose of another layout is replaced.
          if (hit) backend.disposeData(hit.t.dataId, true);
          hit = { layout, t: flip(src) };
          cache.set(src.dataId, hit);
        }
        inputs.b = { ...hit.t, shape: flipped(src.shape) };
      }
      try {
        return orig.kernelFunc({ ...args, inputs, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
      } finally {
        for (const t of temps) backend.disposeData(t.dataId);
      }
    };
    tf.unregisterKernel(name, "wasm");
    tf.registerKernel({ ...orig, kernelFunc, patched: true } as KernelConfig);
  }
}
