// The model views a cell calls: summary, confusionMatrix, showMisclassified, showWeights, showFeatureMaps, drawPad.
import { confusionBundle, confusionCounts, findMisclassified, predictAll, type LabelledData } from "./confusion";
import { drawPadBundle, drawPadHandler, type DrawPadOptions, type WidgetHandler } from "./drawpad";
import { repr } from "../runtime/format";
import { gridPng, gridSummary, imageGrid, type ShowImagesOptions } from "./images";
import type { MimeBundle } from "../protocol";
import { summarize, summaryBundle } from "./summary";
import { toNumberList } from "./values";
import { featureMapImages, weightImages, type FeatureMapOptions, type ImageSet, type ShowWeightsOptions } from "./views";

/** What the views need from the kernel. */
export interface ViewHost {
  display(data: MimeBundle): void;
  write(name: "stdout" | "stderr", text: string): void;
  /** Registers a live widget owned by the running cell; returns its id. */
  addWidget(handler: WidgetHandler): string;
}

export interface ConfusionOptions {
  /** Class names for the rows and columns (default "0", "1", …). */
  classes?: string[];
}

export interface MisclassifiedOptions {
  /** How many to show (default 16). */
  n?: number;
  nrow?: number;
  scale?: number;
}

export function makeModelViews(host: ViewHost): Record<string, unknown> {
  const showSet = (set: ImageSet) => {
    const grid = imageGrid(set.images, set.opts);
    host.display({ "image/png": gridPng(grid), "text/plain": gridSummary(grid) });
  };

  /** torchinfo's summary: layers (nested), output shapes, parameter counts, sizes. inputShape includes the batch: [1, 1, 28, 28]. */
  function summary(model: unknown, inputShape: unknown): void {
    host.display(summaryBundle(summarize(model, inputShape)));
  }

  /**
   * Counts of (true class, predicted class) over a loader, `{ inputs, targets }`, or `{ predictions, targets }`;
   * drawn as a heat map (rows = true class) with per-class accuracy.
   */
  function confusionMatrix(model: unknown, data?: unknown, opts: ConfusionOptions = {}): void {
    let counts: number[][];
    const d = model as { predictions?: unknown; targets?: unknown } | null;
    if (d && typeof d === "object" && "predictions" in d && "targets" in d) {
      const predicted = toNumberList(d.predictions, "confusionMatrix(): predictions");
      counts = confusionCounts(predicted.length && isScores(d.predictions) ? argmaxRows(d.predictions) : predicted, toNumberList(d.targets, "confusionMatrix(): targets"));
      opts = (data as ConfusionOptions | undefined) ?? {};
    } else {
      if (data === undefined) throw new TypeError("confusionMatrix(model, testLoader): pass the data too (a DataLoader or { inputs, targets })");
      const { predicted, targets, classes } = predictAll(model, data as LabelledData);
      counts = confusionCounts(predicted, targets, classes);
    }
    host.display(confusionBundle(counts, opts.classes));
  }

  /** A grid of the first n inputs the model gets wrong, each labelled "predicted / true". */
  function showMisclassified(model: unknown, data: unknown, opts: MisclassifiedOptions = {}): void {
    const n = opts.n ?? 16;
    if (!Number.isInteger(n) || n < 1) throw new TypeError(`showMisclassified(): n must be a positive integer; got ${repr(n)}`);
    const found = findMisclassified(model, data, n);
    if (found.images.length === 0) {
      host.write("stdout", `No misclassified images among ${found.seen}.\n`);
      return;
    }
    const opt: ShowImagesOptions = { labels: found.labels, nrow: opts.nrow, scale: opts.scale };
    showSet({ images: found.images as ImageSet["images"], opts: opt });
  }

  /** A Linear layer's weight rows (784 → 28×28 images) or a Conv2d's filters, drawn as images. */
  function showWeights(layer: unknown, opts: ShowWeightsOptions = {}): void {
    showSet(weightImages(layer, opts));
  }

  /** A conv layer's output for one image: showFeatureMaps(model.conv1, image) or showFeatureMaps(model, image, { layer: "conv2" }). */
  function showFeatureMaps(layerOrModel: unknown, image: unknown, opts: FeatureMapOptions = {}): void {
    showSet(featureMapImages(layerOrModel, image, opts));
  }

  /** A canvas to draw a digit on; the model's class probabilities show live as you draw. */
  function drawPad(model: unknown, opts: DrawPadOptions = {}): void {
    const { handler, classes } = drawPadHandler(model, opts);
    host.display(drawPadBundle({ widgetId: host.addWidget(handler), classes }));
  }

  return { summary, confusionMatrix, showMisclassified, showWeights, showFeatureMaps, drawPad };
}

function isScores(v: unknown): boolean {
  return Array.isArray((v as { shape?: unknown }).shape) && (v as { shape: number[] }).shape.length === 2;
}

/** [N, C] scores → the index of each row's largest. */
function argmaxRows(v: unknown): number[] {
  const [n, c] = (v as { shape: number[] }).shape;
  const flat = toNumberList(v, "confusionMatrix(): predictions");
  return Array.from({ length: n }, (_, i) => {
    let best = 0;
    for (let j = 1; j < c; j++) if (flat[i * c + j] > flat[i * c + best]) best = j;
    return best;
  });
}
