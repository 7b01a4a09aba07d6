// The fastcpu kernels: tfjs kernel functions (BatchMatMul, _FusedMatMul, Conv2D and both gradients, MaxPoolGrad)
// that run our SIMD module (wasm/kernels.ts) directly on tfjs-wasm's heap. Anything they do not cover falls back.
import { conv2dBackpropFilterThreaded, conv2dBackpropInputThreaded, conv2dThreaded, gemmScratchFloats, gemmThreaded, type HeapOf } from "./threaded";
import { kernelModuleBytes, kernelVariant, type KernelVariant } from "./variant";
import type { Conv2DInfo, DataType, ExplicitPadding, KernelFunc, TensorInfo, Tf } from "./tfjs-types";

/** The parts of tfjs-wasm's BackendWasm these kernels use. */
export interface WasmBackendLike {
  wasm: { _malloc(n: number): number; _free(p: number): void; asm?: { memory?: WebAssembly.Memory }; wasmMemory?: WebAssembly.Memory };
  dataIdMap: { get(id: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  disposeData(id: object, force?: boolean): boolean;
}

interface Kernels {
  gemm(a: number, b: number, c: number, M: number, N: number, K: number, rsA: number, csA: number, rsB: number, csB: number, bias: number, act: number, pack: number, ldc?: number): void;
  im2col(x: number, cols: number, ...geom: number[]): void;
  col2im(cols: number, dx: number, ...geom: number[]): void;
  maxPoolGrad(x: number, dy: number, dx: number, ...geom: number[]): void;
}

const compiled = new Map<KernelVariant, WebAssembly.Module>();
const instances = new WeakMap<object, { variant: KernelVariant; k: Kernels }>();

function memoryOf(backend: WasmBackendLike): WebAssembly.Memory {
  const memory = backend.wasm.asm?.memory ?? backend.wasm.wasmMemory;
  if (!memory) throw new Error("fastcpu: tfjs-wasm does not expose its WebAssembly.Memory (asm.memory); the fastcpu backend needs tfjs 4.x");
  return memory;
}

/** tfjs-wasm's heap, read fresh on each call (it is replaced when the heap grows). */
const heapOf = (backend: WasmBackendLike): HeapOf => () => memoryOf(backend).buffer;

/** Our module (the build variant.ts picks) instantiated on this backend's memory, once per backend and build. */
export function kernelsFor(backend: WasmBackendLike): Kernels {
  const variant = kernelVariant();
  const have = instances.get(backend);
  if (have?.variant === variant) return have.k;
  let module = compiled.get(variant);
  if (!module) {
    module = new WebAssembly.Module(kernelModuleBytes("plain") as BufferSource);
    compiled.set(variant, module);
  }
  // The module owns no data: a second instance on the same memory is safe.
  const k = new WebAssembly.Instance(module, { env: { memory: memoryOf(backend) } }).exports as unknown as Kernels;
  instances.set(backend, { variant, k });
  return k;
}

const ptr = (b: WasmBackendLike, t: TensorInfo): number => b.dataIdMap.get(t.dataId)!.memoryOffset;
const prod = (s: number[]): number => s.reduce((a, b) => a * b, 1);

/** Runs `f` with scratch buffers of the given float counts, freed afterwards. */
function withScratch<T>(b: WasmBackendLike, floats: number[], f: (...ptrs: number[]) => T): T {
  const ptrs = floats.map((n) => b.wasm._malloc(Math.max(16, n * 4)) >>> 0);
  try {
    return f(...ptrs);
  } finally {
    for (const p of ptrs) b.wasm._free(p);
  }
}

/**
 * A[.., M, K] · B[.., K, N] with optional transposes, batch dims broadcast when one side has batch 1;
 * null when the shapes or dtypes are outside what our GEMM does (the caller falls back).
 */
function matMul(tf: Tf, b: WasmBackendLike, a: TensorInfo, bb: TensorInfo, ta: boolean, tb: boolean, bias: TensorInfo | null, act: number): TensorInfo | null {
  if (a.dtype !== "float32" || bb.dtype !== "float32" || a.shape.length < 2 || bb.shape.length < 2) return null;
  const ra = a.shape.length;
  const rb = bb.shape.length;
  const M = ta ? a.shape[ra - 1] : a.shape[ra - 2];
  const K = ta ? a.shape[ra - 2] : a.shape[ra - 1];
  const K2 = tb ? bb.shape[rb - 1] : bb.shape[rb - 2];
  const N = tb ? bb.shape[rb - 2] : bb.shape[rb - 1];
  if (K !== K2) return null;
  const batchShapeA = a.shape.slice(0, -2);
  const batchShapeB = bb.shape.slice(0, -2);
  const batchA = prod(batchShapeA);
  const batchB = prod(batchShapeB);
  let outBatch: number[];
  if (batchA === 1 || batchB === 1 || batchShapeA.join() === batchShapeB.join()) {
    outBatch = tf.backend_util.assertAndGetBroadcastShape(batchShapeA, batchShapeB);
  } else return null;
  const batch = Math.max(batchA, batchB);
  if (bias && (bias.dtype !== "float32" || prod(bias.shape) !== N || bias.shape[bias.shape.length - 1] !== N)) return null;
  const out = b.makeOutput([...outBatch, M, N], "float32");
  if (M * N === 0 || batch === 0) return out;
  const k = kernelsFor(b);
  const pa = ptr(b, a);
  const pb = ptr(b, bb);
  const pc = ptr(b, out);
  const pbias = bias ? ptr(b, bias) : 0;
  const threaded = withScratch(b, [gemmScratchFloats(M, K)], (pack) =>
    gemmThreaded(heapOf(b), { a: pa, b: pb, c: pc, bias: pbias, M, N, K, batch, batchA, batchB, ta, tb, act }, (args, ldc = 0) =>
      (k.gemm as (...xs: number[]) => void)(...args, pack, ldc)),
  );
  if (threaded) return out;
  withScratch(b, [gemmScratchFloats(M, K)], (pack) => {
    for (let i = 0; i < batch; i++) {
      const offA = batchA === 1 ? 0 : i * M * K * 4;
      const offB = batchB === 1 ? 0 : i * K * N * 4;
      k.gemm(pa + offA, pb + offB, pc + i * M * N * 4, M, N, K, ta ? 1 : K, ta ? M : 1, tb ? 1 : N, tb ? K : 1, pbias, act, pack);
    }
  });
  return out;
}

/**
 * Our kernels by name; `tf` is core/backend.ts's tfjs handle (passed in, so fastcpu never imports backend.ts), and
 * `fallback` the original tfjs-wasm kernel (or null when tfjs-wasm has none).
 */
export function fastKernels(tf: Tf, fallback: (name: string) => KernelFunc | null): Record<string, KernelFunc> {
  const orFallback = (name: string, args: Parameters<KernelFunc>[0]) => {
    const f = fallback(name);
    if (!f) throw new Error(`fastcpu: ${name} got inputs it does not support and tfjs-wasm has no ${name} kernel`);
    return f(args);
  };
  return {
    BatchMatMul(args) {
      const { a, b } = args.inputs as Record<string, TensorInfo>;
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      return matMul(tf, args.backend as WasmBackendLike, a, b, transposeA, transposeB, null, 0) ?? orFallback("BatchMatMul", args);
    },
    _FusedMatMul(args) {
      const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo>;
      const { transposeA, transposeB, activation } = args.attrs as { transposeA: boolean; transposeB: boolean; activation: string };
      const act = activation === "linear" ? 0 : activation === "relu" ? 1 : -1;
      const r = act < 0 || preluActivationWeights ? null : matMul(tf, args.backend as WasmBackendLike, a, b, transposeA, transposeB, bias ?? null, act);
      return r ?? orFallback("_FusedMatMul", args);
    },
    Conv2D(args) {
      const { x, filter } = args.inputs as Record<string, TensorInfo>;
      const at = args.attrs as { strides: number | [number, number]; pad: ExplicitPadding | "same" | "valid" | number; dataFormat: "NHWC" | "NCHW"; dilations: number | [number, number]; dimRoundingMode?: "floor" | "round" | "ceil" };
      if (at.dataFormat === "NCHW" || x.dtype !== "float32") return orFallback("Conv2D", args);
      const be = args.backend as WasmBackendLike;
      const ci = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filter.shape as [number, number, number, number], at.strides, at.dilations, at.pad, at.dimRoundingMode, false, "channelsLast");
      const rows = ci.batchSize * ci.outHeight * ci.outWidth;
      const depth = ci.filterHeight * ci.filterWidth * ci.inChannels;
      // tfjs-wasm's XNNPACK convolution (indirect, no im2col copy) beats our im2col + GEMM on plain convolutions:
      // interleaved A/B in Node, relaxed SIMD, one thread: [64, 12, 12, 6] ⊛ 5×5×16 0.61× our time, batch 256 0.33×;
      // [64, 28, 28, 1] ⊛ 5×5×6 (25 taps: the im2col copy costs more than the GEMM saves) about even or better. Two
      // pool threads do not close a 1.6–3× gap, so every plain convolution goes there. Only for stride 1, no padding,
      // no dilation: tfjs-wasm 4.22's Conv2D gives wrong values for strides [2, 3] and reads out of bounds for stride 2
      // with padding 1 (seen against tfjs cpu in Node); those stay on ours.
      const plain = ci.strideHeight === 1 && ci.strideWidth === 1 && ci.dilationHeight === 1 && ci.dilationWidth === 1 &&
        ci.padInfo.top + ci.padInfo.bottom + ci.padInfo.left + ci.padInfo.right === 0;
      if (plain && fallback("Conv2D")) return orFallback("Conv2D", args);
      const out = be.makeOutput(ci.outShape, "float32");
      if (rows * ci.outChannels === 0) return out;
      if (conv2dThreaded(heapOf(be), ci, ptr(be, x), ptr(be, filter), ptr(be, out))) return out;
      const k = kernelsFor(be);
      withScratch(be, [rows * depth, gemmScratchFloats(rows, depth)], (cols, pack) => {
        k.im2col(ptr(be, x), cols, ...geometry(ci));
        k.gemm(cols, ptr(be, filter), ptr(be, out), rows, ci.outChannels, depth, depth, 1, ci.outChannels, 1, 0, 0, pack);
      });
      return out;
    },
    Conv2DBackpropInput(args) {
      const { dy, filter } = args.inputs as Record<string, TensorInfo>;
      const at = args.attrs as { strides: number | [number, number]; pad: ExplicitPadding | "same" | "valid" | number; dataFormat: "NHWC" | "NCHW"; dimRoundingMode?: "floor" | "round" | "ceil"; inputShape: [number, number, number, number] };
      if (at.dataFormat === "NCHW" || dy.dtype !== "float32") return orFallback("Conv2DBackpropInput", args);
      const be = args.backend as WasmBackendLike;
      const ci = tf.backend_util.computeConv2DInfo(at.inputShape, filter.shape as [number, number, number, number], at.strides, 1, at.pad, at.dimRoundingMode, false, "channelsLast");
      const dx = be.makeOutput(ci.inShape, "float32");
      const rows = ci.batchSize * ci.outHeight * ci.outWidth;
      const depth = ci.filterHeight * ci.filterWidth * ci.inChannels;
      if (conv2dBackpropInputThreaded(heapOf(be), ci, ptr(be, dy), ptr(be, filter), ptr(be, dx))) return dx;
      const k = kernelsFor(be);
      withScratch(be, [rows * depth, gemmScratchFloats(rows, ci.outChannels)], (cols, pack) => {
        // dcols[rows, depth] = dy[rows, O] · filter[depth, O]ᵀ, then scatter-add back to the image.
        if (rows * depth > 0) k.gemm(ptr(be, dy), ptr(be, filter), cols, rows, depth, ci.outChannels, ci.outChannels, 1, 1, ci.outChannels, 0, 0, pack);
        k.col2im(cols, ptr(be, dx), ...geometry(ci));
      });
      return dx;
    },
    Conv2DBackpropFilter(args) {
      const { x, dy } = args.inputs as Record<string, TensorInfo>;
      const at = args.attrs as { strides: number | [number, number]; pad: ExplicitPadding | "same" | "valid" | number; dataFormat: "NHWC" | "NCHW"; dimRoundingMode?: "floor" | "round" | "ceil"; filterShape: [number, number, number, number] };
      if (at.dataFormat === "NCHW" || x.dtype !== "float32") return orFallback("Conv2DBackpropFilter", args);
      const be = args.backend as WasmBackendLike;
      const ci = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], at.filterShape, at.strides, 1, at.pad, at.dimRoundingMode, false, "channelsLast");
      const dw = be.makeOutput(at.filterShape, "float32");
      const rows = ci.batchSize * ci.outHeight * ci.outWidth;
      const depth = ci.filterHeight * ci.filterWidth * ci.inChannels;
      if (rows > 0 && conv2dBackpropFilterThreaded(heapOf(be), ci, ptr(be, x), ptr(be, dy), ptr(be, dw))) return dw;
      const k = kernelsFor(be);
      withScratch(be, [rows * depth, gemmScratchFloats(depth, rows)], (cols, pack) => {
        // dW[depth, O] = cols[rows, depth]ᵀ · dy[rows, O].
        k.im2col(ptr(be, x), cols, ...geometry(ci));
        k.gemm(cols, ptr(be, dy), ptr(be, dw), depth, ci.outChannels, rows, 1, depth, ci.outChannels, 1, 0, 0, pack);
      });
      return dw;
    },
    MaxPoolGrad(args) {
      const { dy, input } = args.inputs as Record<string, TensorInfo>;
      const at = args.attrs as { filterSize: number | [number, number]; strides: number | [number, number]; pad: "same" | "valid" | number; dimRoundingMode?: "floor" | "round" | "ceil" };
      const be = args.backend as WasmBackendLike;
      const pi = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], at.filterSize, at.strides, 1, at.pad, at.dimRoundingMode);
      const dx = be.makeOutput(input.shape, "float32");
      kernelsFor(be).maxPoolGrad(ptr(be, input), ptr(be, dy), ptr(be, dx), pi.batchSize, pi.inHeight, pi.inWidth, pi.inChannels,
        pi.filterHeight, pi.filterWidth, pi.strideHeight, pi.strideWidth, pi.padInfo.top, pi.padInfo.left, pi.outHeight, pi.outWidth);
      return dx;
    },
  };
}

/** im2col/col2im's geometry arguments after the two pointers. */
function geometry(ci: Conv2DInfo): number[] {
  return [ci.batchSize, ci.inHeight, ci.inWidth, ci.inChannels, ci.filterHeight, ci.filterWidth, ci.strideHeight, ci.strideWidth,
    ci.dilationHeight, ci.dilationWidth, ci.padInfo.top, ci.padInfo.left, ci.outHeight, ci.outWidth];
}
