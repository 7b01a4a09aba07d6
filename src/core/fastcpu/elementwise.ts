// fastcpu's small fused kernels (ReLU backward, cross-entropy, bias gradient, SGD step), in plain JS on tfjs-wasm's heap: one pass, not several ops.
import type { WasmBackendLike } from "./kernels";
import type { KernelFunc, TensorInfo } from "./tfjs-types";

/** ReLU's backward as one kernel: dx = dy where y > 0, else 0 (NaN in y gives 0, as the tfjs-op form did). */
export const RELU_GRAD = "GradbookReluGrad";

/** tfjs-wasm's heap (read fresh: it is replaced when the heap grows). */
export function heap(b: WasmBackendLike): ArrayBuffer {
  const memory = b.wasm.asm?.memory ?? b.wasm.wasmMemory;
  if (!memory) throw new Error("fastcpu: tfjs-wasm does not expose its WebAssembly.Memory");
  return memory.buffer;
}

/** inputs { dy, y }: float32 tensors of one shape (the caller checks) → dx of that shape. */
export const reluGrad: KernelFunc = ({ inputs, backend }) => {
  const { dy, y } = inputs as Record<string, TensorInfo>;
  const b = backend as unknown as WasmBackendLike;
  const out = b.makeOutput(dy.shape, "float32");
  const n = dy.shape.reduce((a, s) => a * s, 1);
  if (n === 0) return out;
  // Views made after makeOutput: its malloc may grow the memory and detach older ones.
  const buffer = heap(b);
  const view = (t: TensorInfo): Float32Array => new Float32Array(buffer, b.dataIdMap.get(t.dataId)!.memoryOffset, n);
  const [o, d, v] = [view(out), view(dy), view(y)];
  // A multiply, not a branch (random signs mispredict); also keeps dy = NaN or ±Inf giving NaN, as dy · (y > 0) does.
  for (let i = 0; i < n; i++) o[i] = d[i] * +(v[i] > 0);
  return out;
};

/** Cross-entropy of logits against class indices, with its gradient, in one kernel (see `fastCrossEntropy` in core/fastcpu-ops.ts). */
export const CROSS_ENTROPY = "GradbookCrossEntropy";

export interface CrossEntropyAttrs {
  ignoreIndex: number;
  /** The loss and gradient are divided by this: the count of kept targets (mean) or 1 (sum). */
  divisor: number;
  withGrad: boolean;
}

/** inputs { x: [N, C] float32, target: [N] int32 (classes in [0, C) or ignoreIndex) } → [loss [], grad [N, C]]. */
const crossEntropyKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, target } = inputs as Record<string, TensorInfo>;
  const { ignoreIndex, divisor, withGrad } = attrs as unknown as CrossEntropyAttrs;
  const b = backend as unknown as WasmBackendLike;
  const [n, c] = x.shape;
  const loss = b.makeOutput([], "float32");
  const grad = withGrad ? b.makeOutput([n, c], "float32") : null;
  const floats = new Float32Array(heap(b));
  const ints = new Int32Array(floats.buffer);
  const at = (t: TensorInfo): number => b.dataIdMap.get(t.dataId)!.memoryOffset >>> 2;
  const [px, pt, pg] = [at(x), at(target), grad ? at(grad) : 0];
  const e = new Float64Array(c);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = px + i * c;
    const t = ints[pt + i];
    const keep = t !== ignoreIndex;
    let m = -Infinity;
    for (let j = 0; j < c; j++) m = Math.max(m, floats[row + j]);
    let s = 0;
    // Each exp once, kept in double precision for the gradient (the values a second exp pass would give).
    for (let j = 0; j < c; j++) s += e[j] = Math.exp(floats[row + j] - m);
    if (grad) {
      // (softmax − onehot) / divisor; an ignored row is 0 (0/0 = NaN when every target is ignored, as the op form).
      for (let j = 0, g = pg + i * c; j < c; j++) floats[g + j] = (keep ? e[j] / s - (j === t ? 1 : 0) : 0) / divisor;
    }
    if (keep) total += Math.log(s) - (floats[row + t] - m);
  }
  floats[at(loss)] = total / divisor;
  return grad ? [loss, grad] : [loss];
};

/** Column sums of a [N, M] matrix (a bias gradient): tfjs-wasm's Sum over axis 0 transposes first. */
export const SUM_ROWS = "GradbookSumRows";

const sumRowsKernel: KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as Record<string, TensorInfo>;
  const b = backend as unknown as WasmBackendLike;
  const [n, m] = x.shape;
  const out = b.makeOutput([m], "float32");
  if (m === 0) return out;
  const buffer = heap(b);
  const o = new Float32Array(buffer, b.dataIdMap.get(out.dataId)!.memoryOffset, m);
  const acc = new Float64Array(m);
  if (n > 0) {
    const v = new Float32Array(buffer, b.dataIdMap.get(x.dataId)!.memoryOffset, n * m);
    for (let i = 0; i < n; i++) for (let j = 0, r = i * m; j < m; j++) acc[j] += v[r + j];
  }
  o.set(acc);
  return out;
};

/** Plain SGD's update p − lr·g (with maximize and weight decay) as one kernel (see `fastSgdStep` in core/fastcpu-ops.ts). */
export const SGD_STEP = "GradbookSgdStep";

export interface SgdStepAttrs {
  lr: number;
  weightDecay: number;
  maximize: boolean;
}

/**
 * inputs { p, g }: float32 of one shape → the new p. Each float32 rounding of the tfjs-op form is done here too
 * (Math.fround after every product and sum; a float32 store rounds the last one), so the values are the same bits.
 */
const sgdStepKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const { p, g } = inputs as Record<string, TensorInfo>;
  const { lr, weightDecay, maximize } = attrs as unknown as SgdStepAttrs;
  const b = backend as unknown as WasmBackendLike;
  const out = b.makeOutput(p.shape, "float32");
  const n = p.shape.reduce((a, v) => a * v, 1);
  if (n === 0) return out;
  const buffer = heap(b);
  const view = (t: TensorInfo): Float32Array => new Float32Array(buffer, b.dataIdMap.get(t.dataId)!.memoryOffset, n);
  const [o, pv, gv] = [view(out), view(p), view(g)];
  const f = Math.fround;
  const rate = f(lr);
  const decay = f(weightDecay);
  if (!weightDecay && !maximize) {
    for (let i = 0; i < n; i++) o[i] = pv[i] - f(gv[i] * rate);
  } else {
    for (let i = 0; i < n; i++) {
      const gi = maximize ? -gv[i] : gv[i];
      o[i] = pv[i] - f((weightDecay ? f(gi + f(pv[i] * decay)) : gi) * rate);
    }
  }
  return out;
};

/** Kernels this file adds to fastcpu, by tfjs kernel name. */
export const elementwiseKernels: Record<string, KernelFunc> = {
  [RELU_GRAD]: reluGrad,
  [CROSS_ENTROPY]: crossEntropyKernel,
  [SUM_ROWS]: sumRowsKernel,
  [SGD_STEP]: sgdStepKernel,
};
