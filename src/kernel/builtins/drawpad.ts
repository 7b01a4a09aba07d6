// drawPad(model): the kernel side of the draw-a-digit pad, and the registry of live widgets the page talks to.
import { fromTypedArray, noGrad, scope, softmax, Tensor } from "../../core";
import { Module } from "../../nn";
import { repr } from "../runtime/format";
import type { MimeBundle, WidgetReply, WidgetRequest } from "../protocol";

export const DRAWPAD_MIME = "application/vnd.gradbook.drawpad+json";

/** What the page gets in the display bundle: which widget to ask, and what to call the classes. */
export interface DrawPadPayload {
  widgetId: string;
  classes: string[];
}

/** The pad's 28×28 pixels (0 = background, 1 = ink) → class probabilities. */
export type WidgetHandler = (request: WidgetRequest) => WidgetReply;

/**
 * Live widgets by id, each owned by the cell that made it: re-running the cell (or a restart, which makes a new
 * kernel) drops it, and with it the model reference it kept alive.
 */
export class WidgetRegistry {
  private readonly widgets = new Map<string, { cellId: string; handler: WidgetHandler }>();
  private next = 0;
  private readonly prefix = Math.random().toString(36).slice(2, 8);

  add(cellId: string, handler: WidgetHandler): string {
    const id = `w-${this.prefix}-${++this.next}`;
    this.widgets.set(id, { cellId, handler });
    return id;
  }

  dropCell(cellId: string): void {
    for (const [id, w] of this.widgets) if (w.cellId === cellId) this.widgets.delete(id);
  }

  get size(): number {
    return this.widgets.size;
  }

  /** Answers at once; a widget this kernel does not know (reload, restart, re-run) is "gone". */
  handle(widgetId: string, request: WidgetRequest): WidgetReply {
    const w = this.widgets.get(widgetId);
    if (!w) return { status: "gone" };
    try {
      return w.handler(request);
    } catch (e) {
      return { status: "error", message: e instanceof Error ? e.message : String(e) };
    }
  }
}

/** A dataset transform (raw 0–255 values, like datasets.MNIST applies it) or a function of the [1, 1, 28, 28] tensor in 0–1. */
export type PadTransform = { applyValues(v: Float32Array, channels: number, hw: number): Float32Array } | ((x: Tensor) => Tensor);

export interface DrawPadOptions {
  /** The transform the model was trained with, e.g. the `transform` given to datasets.MNIST (Normalize included). */
  transform?: PadTransform;
  /** Class names shown beside the bars (default "0"…"9"). */
  classes?: string[];
}

/** Checks the arguments and returns the handler that runs the model on the pad's pixels. */
export function drawPadHandler(model: unknown, opts: DrawPadOptions = {}): { handler: WidgetHandler; classes: string[] } {
  if (!(model instanceof Module)) throw new TypeError(`drawPad(model) needs an nn.Module, e.g. drawPad(model, { transform }); got ${repr(model)}`);
  const t = opts.transform;
  if (t !== undefined && typeof t !== "function" && typeof (t as { applyValues?: unknown }).applyValues !== "function") {
    throw new TypeError(`drawPad(): transform must be a transform such as transforms.Normalize([0.1307], [0.3081]) or a function of the image tensor; got ${repr(t)}`);
  }
  const classes = opts.classes ?? Array.from({ length: 10 }, (_, i) => String(i));
  const handler: WidgetHandler = (request) => {
    if (request.kind === "ping") return { status: "ready" };
    if (request.pixels.length !== 784) return { status: "error", message: `the pad sent ${request.pixels.length} pixels, not 28×28` };
    return { status: "probs", probs: predict(model, request.pixels, t) };
  };
  return { handler, classes };
}

/** Eval mode and noGrad for one forward; the model's modes are restored, so a pad used mid-training changes nothing. */
export function predict(model: Module, pixels: ArrayLike<number>, transform?: PadTransform): number[] {
  const modes = model.modules().map((m) => m.training);
  model.eval();
  try {
    return noGrad(() => scope(() => {
      let x: Tensor;
      if (typeof transform === "function") x = transform(fromTypedArray(Float32Array.from(pixels), [1, 1, 28, 28]));
      else {
        const raw = Float32Array.from(pixels, (v) => v * 255);
        x = fromTypedArray(transform ? transform.applyValues(raw, 1, 784) : raw.map((v) => v / 255), [1, 1, 28, 28]);
      }
      const out = (model as unknown as (t: Tensor) => unknown)(x);
      if (!(out instanceof Tensor) || out.ndim !== 2 || out.shape[0] !== 1) {
        throw new TypeError(`drawPad: the model must return scores [1, classes] for one image; got ${out instanceof Tensor ? `[${out.shape.join(", ")}]` : repr(out)}`);
      }
      const values = out.tolist() as number[][];
      return asProbabilities(values[0], out);
    }));
  } finally {
    model.modules().forEach((m, i) => (m.training = modes[i] ?? m.training));
  }
}

/** Scores and log-probabilities go through softmax; outputs that already are probabilities stay as they are. */
function asProbabilities(row: number[], out: Tensor): number[] {
  const sum = row.reduce((a, b) => a + b, 0);
  if (row.every((v) => v >= 0 && v <= 1) && Math.abs(sum - 1) < 1e-3) return row;
  return (softmax(out, 1).tolist() as number[][])[0];
}

export function drawPadBundle(payload: DrawPadPayload): MimeBundle {
  return { [DRAWPAD_MIME]: payload, "text/plain": "draw pad: re-run the cell to use it" };
}
