// showImages(): lays out a grid of images (like torchvision's make_grid), writes the labels with OffscreenCanvas, encodes a PNG.
import { repr } from "../runtime/format";
import { encodePng, toBase64 } from "./png";
import { toLabelList, toNumericArray } from "./values";

export interface ShowImagesOptions {
  /** One label per image, drawn under it: a Tensor or an array of numbers or strings. */
  labels?: unknown;
  /** Images per row (default 8, like make_grid). */
  nrow?: number;
  /** Pixels between images (default 2). */
  padding?: number;
  /** Each image pixel becomes scale×scale screen pixels (default 2 for images up to 64 px, else 1). */
  scale?: number;
}

/** A laid-out grid: RGBA pixels plus the text to draw under each tile. */
export interface ImageGrid {
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
  labels: { x: number; y: number; text: string }[];
  /** Images drawn (at most MAX_IMAGES). */
  count: number;
  /** The input's shape, for the text fallback. */
  shape: number[];
}

export const MAX_IMAGES = 256;
const LABEL_HEIGHT = 16;
const BACKGROUND = 255;

/**
 * Lays out `[N, 1, H, W]`, `[N, 3, H, W]`, `[N, H, W]` (N grey images) or one `[H, W]` image, normalising all values together
 * to 0–255 (min → black, max → white), like make_grid(normalize=True).
 */
export function imageGrid(images: unknown, opts: ShowImagesOptions = {}): ImageGrid {
  const { shape, values } = toNumericArray(images, "showImages(images)");
  const [n, c, h, w] = layout(shape);
  const count = Math.min(n, MAX_IMAGES);
  const labels = opts.labels === undefined ? null : toLabelList(opts.labels, "showImages(): labels");
  if (labels && labels.length !== n) {
    throw new TypeError(`showImages(): got ${n} images but ${labels.length} labels; pass one label per image`);
  }
  const nrow = positiveInt(opts.nrow ?? 8, "nrow");
  const padding = nonNegativeInt(opts.padding ?? 2, "padding");
  const scale = positiveInt(opts.scale ?? (Math.max(h, w) <= 64 ? 2 : 1), "scale");
  const cols = Math.min(nrow, count);
  const rows = Math.ceil(count / cols);
  const tileW = w * scale;
  const tileH = h * scale + (labels ? LABEL_HEIGHT : 0);
  const width = cols * tileW + (cols + 1) * padding;
  const height = rows * tileH + (rows + 1) * padding;
  const pixels = new Uint8ClampedArray(width * height * 4).fill(BACKGROUND);
  const { lo, span } = range(values, count * c * h * w);
  const gridLabels: ImageGrid["labels"] = [];
  for (let i = 0; i < count; i++) {
    const x0 = padding + (i % cols) * (tileW + padding);
    const y0 = padding + Math.floor(i / cols) * (tileH + padding);
    const base = i * c * h * w;
    for (let y = 0; y < h * scale; y++) {
      for (let x = 0; x < w * scale; x++) {
        const src = Math.floor(y / scale) * w + Math.floor(x / scale);
        const at = ((y0 + y) * width + x0 + x) * 4;
        for (let ch = 0; ch < 3; ch++) {
          const v = values[base + (c === 3 ? ch * h * w : 0) + src];
          pixels[at + ch] = span === 0 ? 0 : Math.round(((v - lo) / span) * 255);
        }
      }
    }
    if (labels) gridLabels.push({ x: x0 + tileW / 2, y: y0 + h * scale + LABEL_HEIGHT - 4, text: labels[i] });
  }
  return { width, height, pixels, labels: gridLabels, count, shape };
}

/** [N, C, H, W] for the accepted layouts; anything else gets an error with the reshape that fixes it. */
function layout(shape: number[]): [number, number, number, number] {
  const flatRows = shape.length === 2 && shape[1] === 784;
  if (shape.length === 2 && !flatRows) return [1, 1, shape[0], shape[1]];
  // [N, H, W] is N grey images (a batch of MNIST digits), never one 3-channel image: colour needs [N, 3, H, W].
  if (shape.length === 3) return [shape[0], 1, shape[1], shape[2]];
  if (shape.length === 4 && (shape[1] === 1 || shape[1] === 3)) return [shape[0], shape[1], shape[2], shape[3]];
  const hint = flatRows ? "; for flat MNIST rows use images.view(-1, 1, 28, 28)" : "";
  throw new TypeError(`showImages() expects images of shape [N, 1, H, W], [N, H, W] or [H, W]; got [${shape.join(", ")}]${hint}`);
}

function range(values: number[], n: number): { lo: number; span: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? { lo, span: hi - lo } : { lo: 0, span: 0 };
}

function positiveInt(v: unknown, name: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new TypeError(`showImages(): ${name} must be a positive integer; got ${repr(v)}`);
  return v;
}

function nonNegativeInt(v: unknown, name: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new TypeError(`showImages(): ${name} must be a whole number ≥ 0; got ${repr(v)}`);
  return v;
}

/** What other tools show instead of the picture. */
export function gridSummary(grid: ImageGrid): string {
  const labels = grid.labels.map((l) => l.text);
  const shown = grid.count < (grid.shape.length > 2 ? grid.shape[0] : 1) ? ` (first ${grid.count})` : "";
  return `${grid.count} image${grid.count === 1 ? "" : "s"} [${grid.shape.join(", ")}]${shown}${labels.length ? `, labels: ${labels.join(" ")}` : ""}`;
}

/** Minimal OffscreenCanvas surface we use, so tests can pass a fake. */
export interface CanvasLike {
  getContext(kind: "2d"): {
    putImageData(data: ImageData, x: number, y: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    fillText(text: string, x: number, y: number): void;
    font: string;
    fillStyle: string;
    textAlign: string;
  } | null;
}

/**
 * The grid's pixels with the labels written in: text needs a canvas, and a worker's OffscreenCanvas draws it
 * synchronously. Without one (Node tests) the labels stay in the text fallback only.
 */
export function drawLabels(grid: ImageGrid): Uint8ClampedArray {
  const Canvas = (globalThis as { OffscreenCanvas?: new (w: number, h: number) => CanvasLike }).OffscreenCanvas;
  if (grid.labels.length === 0 || !Canvas) return grid.pixels;
  const ctx = new Canvas(grid.width, grid.height).getContext("2d");
  if (!ctx) return grid.pixels;
  ctx.putImageData(new ImageData(grid.pixels as Uint8ClampedArray<ArrayBuffer>, grid.width, grid.height), 0, 0);
  ctx.font = "12px sans-serif";
  ctx.fillStyle = "#111827";
  ctx.textAlign = "center";
  for (const l of grid.labels) ctx.fillText(l.text, l.x, l.y);
  return ctx.getImageData(0, 0, grid.width, grid.height).data;
}

/** The grid as a base64 PNG, encoded synchronously so it keeps its place among the cell's outputs. */
export function gridPng(grid: ImageGrid): string {
  return toBase64(encodePng(drawLabels(grid), grid.width, grid.height));
}
