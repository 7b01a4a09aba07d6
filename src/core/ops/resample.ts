// Adaptive average pooling and nearest/bilinear resizing (F.adaptive_avg_pool2d, F.interpolate) as two small matmuls:
// each is separable, y = Mh · x · Mwᵀ with constant matrices Mh [H_out, H] and Mw [W_out, W], so autograd comes free.
import { tf } from "../backend";
import { Tensor } from "../tensor";
import { matmul } from "./linalg";
import { t } from "./shape";

const fmt = (s: number[]): string => `[${s.join(", ")}]`;

function constant(rows: number[][], cols: number): Tensor {
  return new Tensor(tf.tensor2d(rows.flat(), [rows.length, cols], "float32"));
}

/** y = Mh · x · Mwᵀ over the last two dims of x: [*, H, W] → [*, H_out, W_out]. */
function separable(x: Tensor, mh: number[][], mw: number[][]): Tensor {
  const [H, W] = x.shape.slice(-2);
  return matmul(matmul(constant(mh, H), x), t(constant(mw, W)));
}

function check4d(x: Tensor, fn: string): void {
  if (x.ndim !== 3 && x.ndim !== 4) throw new RangeError(`${fn}: expected 3D or 4D input [N, C, H, W], but got input of size: ${fmt(x.shape)}`);
  if (x.dtype !== "float32") throw new TypeError(`${fn}: expected a float32 input, got ${x.dtype}; call x.float()`);
}

/** Row i averages input rows floor(i·n/m) … ceil((i+1)·n/m) − 1, as PyTorch's adaptive pooling. */
function adaptiveRows(n: number, m: number): number[][] {
  return Array.from({ length: m }, (_, i) => {
    const start = Math.floor((i * n) / m);
    const end = Math.ceil(((i + 1) * n) / m);
    return Array.from({ length: n }, (_, j) => (j >= start && j < end ? 1 / (end - start) : 0));
  });
}

/**
 * Adaptive average pooling, like `F.adaptive_avg_pool2d(x, output_size)`: [N, C, H, W] → [N, C, oH, oW].
 * `outputSize` is one size for both, or `[oH, oW]` where null keeps that input size.
 */
export function adaptiveAvgPool2d(x: Tensor, outputSize: number | Array<number | null>): Tensor {
  check4d(x, "adaptive_avg_pool2d");
  const [H, W] = x.shape.slice(-2);
  const o = typeof outputSize === "number" ? [outputSize, outputSize] : outputSize;
  if (!Array.isArray(o) || o.length !== 2) throw new RangeError(`adaptive_avg_pool2d: output_size must be an int or a pair, got ${JSON.stringify(outputSize)}`);
  const [oh, ow] = [o[0] ?? H, o[1] ?? W];
  for (const v of [oh, ow]) if (!Number.isInteger(v) || v < 1) throw new RangeError(`adaptive_avg_pool2d: output_size must be positive integers, got ${JSON.stringify(outputSize)}`);
  return separable(x, adaptiveRows(H, oh), adaptiveRows(W, ow));
}

export interface InterpolateOptions {
  /** Output [H, W] (or one size for both). Give this or scaleFactor. */
  size?: number | number[] | null;
  /** Multiplier for H and W (or [sH, sW]); the output is floor(size · factor). */
  scaleFactor?: number | number[] | null;
  /** "nearest" (default) or "bilinear". */
  mode?: "nearest" | "bilinear";
  /** bilinear only: align the corner pixels' centres (default false, PyTorch's default). */
  alignCorners?: boolean | null;
}

function nearestRows(n: number, m: number, scale: number): number[][] {
  return Array.from({ length: m }, (_, i) => {
    const src = Math.min(Math.floor(i * scale), n - 1);
    return Array.from({ length: n }, (_, j) => (j === src ? 1 : 0));
  });
}

function bilinearRows(n: number, m: number, scale: number, alignCorners: boolean): number[][] {
  return Array.from({ length: m }, (_, i) => {
    const src = alignCorners ? i * scale : Math.max(scale * (i + 0.5) - 0.5, 0);
    const i0 = Math.min(Math.floor(src), n - 1);
    const i1 = Math.min(i0 + 1, n - 1);
    const l = src - i0;
    const row = new Array<number>(n).fill(0);
    row[i0] += 1 - l;
    row[i1] += l;
    return row;
  });
}

/**
 * Resizes images, like `F.interpolate(x, size=None, scale_factor=None, mode='nearest', align_corners=None)`:
 * [N, C, H, W] → [N, C, H_out, W_out]; modes "nearest" and "bilinear".
 */
export function interpolate(x: Tensor, opts: InterpolateOptions): Tensor {
  const fn = "interpolate";
  check4d(x, fn);
  const mode = opts.mode ?? "nearest";
  if (mode !== "nearest" && mode !== "bilinear") throw new RangeError(`${fn}: mode '${String(mode)}' is not supported in Gradbook; use 'nearest' or 'bilinear'`);
  const align = opts.alignCorners ?? null;
  if (mode === "nearest" && align !== null) throw new RangeError("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear");
  const hasSize = opts.size != null;
  if (hasSize === (opts.scaleFactor != null)) throw new RangeError(hasSize ? "only one of size or scale_factor should be defined" : "either size or scale_factor should be defined");
  const inSize = x.shape.slice(-2);
  const two = (v: number | number[], what: string): number[] => {
    const p = typeof v === "number" ? [v, v] : v;
    if (!Array.isArray(p) || p.length !== 2 || p.some((u) => !(u > 0))) throw new RangeError(`${fn}: ${what} must be a positive number or a pair of them, got ${JSON.stringify(v)}`);
    return p;
  };
  const factors = hasSize ? null : two(opts.scaleFactor!, "scale_factor");
  const out = hasSize ? two(opts.size!, "size") : inSize.map((n, d) => Math.floor(n * factors![d]));
  if (out.some((v) => !Number.isInteger(v) || v < 1)) throw new RangeError(`${fn}: output size ${fmt(out)} is too small; it must be at least 1×1`);
  const rows = inSize.map((n, d) => {
    const m = out[d];
    if (mode === "nearest") return nearestRows(n, m, factors ? 1 / factors[d] : n / m);
    if (align) return bilinearRows(n, m, m > 1 ? (n - 1) / (m - 1) : 0, true);
    return bilinearRows(n, m, factors ? 1 / factors[d] : n / m, false);
  });
  return separable(x, rows[0], rows[1]);
}
