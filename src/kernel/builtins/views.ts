// showWeights() and showFeatureMaps(): a layer's weights and a conv layer's activations laid out as image grids.
import { noGrad, scope, Tensor } from "../../core";
import { Conv2d, Linear, Module } from "../../nn";
import { repr } from "../runtime/format";
import type { ShowImagesOptions } from "./images";

/** Images (nested arrays [N, C, H, W]) plus the grid options that suit them. */
export interface ImageSet {
  images: number[][][][];
  opts: ShowImagesOptions;
}

export interface ShowWeightsOptions {
  /** [H, W] of one Linear row as an image; by default the square root of inFeatures (784 → [28, 28]). */
  shape?: [number, number];
  /** Images per row of the grid. */
  nrow?: number;
  /** Rows (Linear) or filters (Conv2d) shown (default 64). */
  max?: number;
}

/**
 * Linear(784 → k): each of the k weight rows as a 28×28 image (what makes that output fire); Conv2d: each filter,
 * one image per input channel.
 */
export function weightImages(layer: unknown, opts: ShowWeightsOptions = {}): ImageSet {
  const max = opts.max ?? 64;
  if (layer instanceof Linear) {
    const inF = layer.inFeatures;
    const side = Math.round(Math.sqrt(inF));
    const [h, w] = opts.shape ?? (side * side === inF ? [side, side] : [0, 0]);
    if (h * w !== inF) {
      throw new TypeError(`showWeights(): Linear(${inF} -> ${layer.outFeatures}) rows are not square images; pass { shape: [H, W] } with H×W = ${inF}`);
    }
    const rows = (layer.weight.detach().tolist() as number[][]).slice(0, max);
    const images = rows.map((r) => [Array.from({ length: h }, (_, y) => r.slice(y * w, (y + 1) * w))]);
    return { images, opts: { labels: images.map((_, i) => String(i)), nrow: opts.nrow ?? Math.min(10, images.length), scale: 2 } };
  }
  if (layer instanceof Conv2d) {
    const filters = (layer.weight.detach().tolist() as number[][][][]).slice(0, max);
    const [kh, kw] = layer.kernelSize;
    const scale = Math.max(1, Math.floor(48 / Math.max(kh, kw)));
    const inC = layer.inChannels;
    const images = filters.flatMap((f) => f.map((ch) => [ch]));
    const labels = filters.flatMap((_, i) => f2(i, inC));
    return { images, opts: { labels, nrow: opts.nrow ?? (inC === 1 ? Math.min(8, filters.length) : inC), scale } };
  }
  const hint = layer instanceof Module ? `; pick a layer, e.g. showWeights(model.${firstWeighted(layer) ?? "fc1"})` : "";
  throw new TypeError(`showWeights() takes an nn.Linear or nn.Conv2d layer; got ${layer instanceof Module ? layer.constructor.name : repr(layer)}${hint}`);
}

function f2(i: number, inC: number): string[] {
  return inC === 1 ? [`f${i + 1}`] : Array.from({ length: inC }, (_, c) => `f${i + 1}·in${c + 1}`);
}

function firstWeighted(m: Module): string | undefined {
  return m.namedModules().find(([, x]) => x instanceof Linear || x instanceof Conv2d)?.[0];
}

export interface FeatureMapOptions {
  /** With a whole model: the dotted name of the layer to look at (default: its first Conv2d). */
  layer?: string;
  nrow?: number;
  /** Maps shown (default 64). */
  max?: number;
}

/**
 * The output of a conv layer for one image: `showFeatureMaps(model.conv1, image)` runs that layer on the image;
 * `showFeatureMaps(model, image, { layer: "conv2" })` runs the whole model and catches conv2's output with a forward hook.
 */
export function featureMapImages(target: unknown, image: unknown, opts: FeatureMapOptions = {}): ImageSet {
  if (!(target instanceof Module)) throw new TypeError(`showFeatureMaps(layer, image) needs an nn.Module (e.g. model.conv1); got ${repr(target)}`);
  if (!(image instanceof Tensor)) throw new TypeError(`showFeatureMaps(layer, image): image must be a Tensor such as testSet.get(0)[0]; got ${repr(image)}`);
  const { module, name } = pickLayer(target, opts.layer);
  const modes = target.modules().map((m) => m.training);
  let maps: number[][][] | null = null;
  target.eval();
  try {
    noGrad(() => scope(() => {
      const x = asBatchOfOne(image);
      if (module === target) {
        maps = mapsOf(target(x), name);
        return;
      }
      const handle = module.registerForwardHook((_m, _in, out) => void (maps ??= mapsOf(out, name)));
      try {
        target(x);
      } finally {
        handle.remove();
      }
    }));
  } finally {
    target.modules().forEach((m, i) => (m.training = modes[i] ?? m.training));
  }
  if (maps === null) throw new Error(`showFeatureMaps(): the forward pass never called ${name}; name a layer that forward uses`);
  const all = maps as number[][][];
  const shown = all.slice(0, opts.max ?? 64);
  const side = shown[0]?.length ?? 1;
  return {
    images: shown.map((m) => [m]),
    opts: { labels: shown.map((_, i) => `${i + 1}`), nrow: opts.nrow ?? Math.min(8, shown.length), scale: Math.max(1, Math.floor(72 / side)) },
  };
}

function pickLayer(target: Module, layer: string | undefined): { module: Module; name: string } {
  const named = target.namedModules();
  if (layer !== undefined) {
    const hit = named.find(([n]) => n === layer);
    if (!hit) throw new RangeError(`showFeatureMaps(): ${target.constructor.name} has no layer "${layer}"; it has: ${named.map(([n]) => n).filter(Boolean).join(", ")}`);
    return { module: hit[1], name: layer };
  }
  if (target instanceof Conv2d || target.children().length === 0) return { module: target, name: target.constructor.name };
  const conv = named.find(([, m]) => m instanceof Conv2d);
  if (!conv) throw new TypeError(`showFeatureMaps(): ${target.constructor.name} has no Conv2d layer; pass { layer: "<name>" } of a layer that outputs [N, C, H, W]`);
  return { module: conv[1], name: conv[0] };
}

/** [H, W], [C, H, W] or [1, C, H, W] → [1, C, H, W]. */
function asBatchOfOne(image: Tensor): Tensor {
  if (image.ndim === 2) return image.view(1, 1, image.shape[0], image.shape[1]);
  if (image.ndim === 3) return image.unsqueeze(0);
  if (image.ndim === 4 && image.shape[0] === 1) return image;
  throw new TypeError(`showFeatureMaps(): image must be one image [C, H, W] (e.g. testSet.get(0)[0]); got [${image.shape.join(", ")}]`);
}

function mapsOf(out: unknown, name: string): number[][][] {
  if (!(out instanceof Tensor) || out.ndim !== 4) {
    const got = out instanceof Tensor ? `[${out.shape.join(", ")}]` : repr(out);
    throw new TypeError(`showFeatureMaps(): ${name} gives ${got}, not feature maps [1, C, H, W]; pick a conv layer`);
  }
  return (out.tolist() as number[][][][])[0];
}
