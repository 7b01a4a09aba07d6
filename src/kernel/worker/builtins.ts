// The functions the kernel puts in every cell's scope besides the API: print, display, table, plot, showImages, log, exportWeights, loadWeights.
import type { MetricPoint, MimeBundle } from "../protocol";
import { formatPrint, repr, str } from "../runtime/format";
import { gridPng, gridSummary, imageGrid, type ShowImagesOptions } from "../builtins/images";
import { plotBundle, readPlotArgs } from "../builtins/plot";
import { isTableLike, tableBundle, type TableOptions } from "../builtins/table";
import type { WidgetHandler } from "../builtins/drawpad";
import { makeModelViews } from "../builtins/model-views";
import { makeWeightsBuiltins, type Uploads, type WeightsFiles } from "../files/weights-builtins";

/** What the builtins need from the kernel. */
export interface BuiltinHost {
  write(name: "stdout" | "stderr", text: string): void;
  /** Sends a MIME bundle as a display output of the current run. */
  display(data: MimeBundle): void;
  metrics(points: MetricPoint[]): void;
  /** The user logged their own "loss" this run. */
  userLoggedLoss(): void;
  isModule(value: unknown): boolean;
  stateDictToSafetensors(model: unknown): Uint8Array;
  download(filename: string, bytes: Uint8Array): void;
  /** The export/import formats (absent in fake-engine tests: exportWeights then writes safetensors only). */
  weights?: WeightsFiles;
  /** Files uploaded with the Import control (loadWeights, uploadedFile). */
  uploads?: Uploads;
  /** Registers a live widget (the draw pad) owned by the running cell; returns its id. */
  addWidget(handler: WidgetHandler): string;
}

export interface LogOptions {
  /** X value; by default log() calls are counted per axis within the run (1, 2, 3…). */
  step?: number;
  axis?: "step" | "epoch";
}

export interface Builtins {
  /** Goes into the scope's prototype. */
  functions: Record<string, unknown>;
  /** A run starts: log() counts steps from 1 again. */
  resetRun(): void;
  /** A resumed run: log()'s default steps continue after the saved curves' last ones. */
  continueFrom(last: { step: number; epoch: number }): void;
}

export function makeBuiltins(host: BuiltinHost): Builtins {
  const counters = { step: 0, epoch: 0 };

  /** Python's print: arguments joined by spaces, then a newline. */
  function print(...args: unknown[]): void {
    host.write("stdout", formatPrint(args) + "\n");
  }

  /** Shows a value as its own output (strings as they are; an array of objects as a table), like IPython's display(). */
  function display(value: unknown): void {
    host.display(isTableLike(value) ? tableBundle(value) : { "text/plain": str(value) });
  }

  /** An HTML table of rows: table([{ epoch: 1, loss: 0.31 }, …]) or table([[1, 0.31]], { columns: ["epoch", "loss"] }). */
  function table(rows: unknown, opts: TableOptions = {}): void {
    host.display(tableBundle(rows, opts));
  }

  /** A line or scatter chart: plot(y), plot(x, y, { kind: "scatter" }), plot({ series: [...], title }). */
  function plot(...args: unknown[]): void {
    host.display(plotBundle(readPlotArgs(args)));
  }

  /** A grid of images with labels under them, e.g. showImages(images, { labels }) for a [N, 1, 28, 28] MNIST batch. */
  function showImages(images: unknown, opts: ShowImagesOptions = {}): void {
    const grid = imageGrid(images, opts);
    host.display({ "image/png": gridPng(grid), "text/plain": gridSummary(grid) });
  }

  /** Streams metric points to the charts: log({ loss: loss.item(), acc }, { axis: "epoch" }). */
  function log(metrics: Record<string, number>, opts: LogOptions = {}): void {
    if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) {
      throw new TypeError(`log() takes an object of numbers, e.g. log({ loss: loss.item() }); got ${repr(metrics)}`);
    }
    const axis = opts.axis ?? "step";
    if (axis !== "step" && axis !== "epoch") {
      throw new TypeError(`log(): axis must be "step" or "epoch"; got ${repr(axis)}`);
    }
    if (opts.step !== undefined && typeof opts.step !== "number") {
      throw new TypeError(`log(): step must be a number; got ${repr(opts.step)}`);
    }
    const points: MetricPoint[] = [];
    for (const [name, value] of Object.entries(metrics)) {
      if (typeof value !== "number") throw new TypeError(notANumber(name, value));
      points.push({ name, value, axis, step: 0 });
    }
    const step = opts.step ?? ++counters[axis];
    for (const p of points) p.step = step;
    if ("loss" in metrics) host.userLoggedLoss();
    host.metrics(points);
  }

  return {
    functions: { print, display, table, plot, showImages, log, ...makeWeightsBuiltins(host), ...makeModelViews(host) },
    resetRun() {
      counters.step = 0;
      counters.epoch = 0;
    },
    continueFrom(last) {
      counters.step = Math.max(counters.step, last.step);
      counters.epoch = Math.max(counters.epoch, last.epoch);
    },

  };
}

function notANumber(name: string, value: unknown): string {
  const hasItem = typeof (value as { item?: unknown } | null)?.item === "function";
  const fix = hasItem ? `: pass ${name}.item() instead of the tensor` : "";
  return `log(): "${name}" must be a number${fix}; got ${hasItem ? "a Tensor" : repr(value)}`;
}

/** During a run, console.log/info/debug go to stdout and warn/error to stderr; outside runs, as before. */
export function captureConsole(
  target: Pick<Console, "log" | "info" | "debug" | "warn" | "error">,
  write: (name: "stdout" | "stderr", text: string) => void,
  running: () => string | undefined,
): void {
  for (const method of ["log", "info", "debug", "warn", "error"] as const) {
    const original = target[method].bind(target);
    const name = method === "warn" || method === "error" ? "stderr" : "stdout";
    target[method] = (...args: unknown[]) => {
      if (running() === undefined) original(...args);
      else write(name, formatPrint(args) + "\n");
    };
  }
}
