// confusionMatrix() and showMisclassified(): a classifier's predictions on a loader, counted and shown.
import { noGrad, Tensor } from "../../core";
import { Module } from "../../nn";
import { repr } from "../runtime/format";
import type { MimeBundle } from "../protocol";
import { toNumberList } from "./values";

/** What the views accept as data: a DataLoader (or any iterable of [inputs, targets]) or one batch. */
export type LabelledData = Iterable<unknown> | { inputs: unknown; targets: unknown };

/** Runs `fn(inputs, outputs, targets)` per batch in eval mode under noGrad; stops early when fn returns false. */
export function forEachPrediction(
  model: unknown,
  data: unknown,
  what: string,
  fn: (inputs: Tensor, outputs: Tensor, targets: Tensor) => boolean | void,
): void {
  if (!(model instanceof Module)) throw new TypeError(`${what} needs an nn.Module first, e.g. ${what.replace("(…)", "(model, testLoader)")}; got ${repr(model)}`);
  const modes = model.modules().map((m) => m.training);
  model.eval();
  try {
    noGrad(() => {
      for (const [x, y] of batches(data, what)) {
        const out = (model as unknown as (t: Tensor) => unknown)(x);
        if (!(out instanceof Tensor) || out.ndim !== 2) {
          throw new TypeError(`${what}: the model must return class scores [N, classes]; got ${out instanceof Tensor ? `[${out.shape.join(", ")}]` : repr(out)}`);
        }
        if (fn(x, out, y) === false) break;
      }
    });
  } finally {
    model.modules().forEach((m, i) => (m.training = modes[i] ?? m.training));
  }
}

function* batches(data: unknown, what: string): Generator<[Tensor, Tensor]> {
  const d = data as { inputs?: unknown; targets?: unknown } | null;
  if (d && typeof d === "object" && "inputs" in d && "targets" in d) {
    if (!(d.inputs instanceof Tensor) || !(d.targets instanceof Tensor)) throw new TypeError(`${what}: inputs and targets must be Tensors`);
    yield [d.inputs, d.targets];
    return;
  }
  if (!d || typeof (d as Iterable<unknown>)[Symbol.iterator] !== "function") {
    throw new TypeError(`${what}: pass a DataLoader (e.g. testLoader) or { inputs, targets }; got ${repr(data)}`);
  }
  for (const item of d as Iterable<unknown>) {
    if (!Array.isArray(item) || !(item[0] instanceof Tensor) || !(item[1] instanceof Tensor)) {
      throw new TypeError(`${what}: each batch must be [inputs, targets] tensors, as a DataLoader over a labelled dataset gives`);
    }
    yield [item[0], item[1]];
  }
}

/** counts[true][predicted]; classes grow to cover every label seen. */
export function confusionCounts(predicted: number[], targets: number[], numClasses = 0): number[][] {
  if (predicted.length !== targets.length) {
    throw new RangeError(`confusion matrix: ${predicted.length} predictions but ${targets.length} targets; they must match one to one`);
  }
  const n = Math.max(numClasses, ...predicted.map((p) => p + 1), ...targets.map((t) => t + 1));
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  predicted.forEach((p, i) => counts[targets[i]][p]++);
  return counts;
}

/** Predictions and targets of a whole loader. */
export function predictAll(model: unknown, data: unknown): { predicted: number[]; targets: number[]; classes: number } {
  const predicted: number[] = [];
  const targets: number[] = [];
  let classes = 0;
  forEachPrediction(model, data, "confusionMatrix(…)", (_x, out, y) => {
    classes = out.shape[1];
    predicted.push(...toNumberList(out.argmax(1), "predictions"));
    targets.push(...toNumberList(y, "targets"));
  });
  return { predicted, targets, classes };
}

const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An HTML heat map (colour = share of the true class's row, 10 steps of CSS class) plus an aligned text table. */
export function confusionBundle(counts: number[][], classes?: string[]): MimeBundle {
  const names = counts.map((_, i) => classes?.[i] ?? String(i));
  const rowSum = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const correct = counts.reduce((n, r, i) => n + r[i], 0);
  const all = rowSum.reduce((a, b) => a + b, 0);
  const acc = (i: number) => (rowSum[i] ? (100 * counts[i][i]) / rowSum[i] : NaN);
  const pct = (v: number) => (Number.isNaN(v) ? "--" : `${v.toFixed(1)}%`);
  const total = `accuracy ${correct}/${all} (${pct(all ? (100 * correct) / all : NaN)})`;
  const head = `<tr><th>true \\ predicted</th>${names.map((c) => `<th>${esc(c)}</th>`).join("")}<th>accuracy</th></tr>`;
  const rows = counts.map((r, i) => {
    const cells = r.map((v, j) => {
      const share = rowSum[i] ? v / rowSum[i] : 0;
      const level = Math.min(9, Math.floor(share * 10));
      const kind = i === j ? " gb-cm-diag" : v > 0 ? " gb-cm-off" : "";
      return `<td class="gb-num gb-heat-${level}${kind}" title="true ${esc(names[i])}, predicted ${esc(names[j])}: ${v}">${v}</td>`;
    });
    return `<tr><th>${esc(names[i])}</th>${cells.join("")}<td class="gb-num">${pct(acc(i))}</td></tr>`;
  });
  const html = `<table class="gb-table gb-confusion"><caption>${esc(total)}</caption>`
    + `<thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`;
  const width = Math.max(5, ...counts.flat().map((v) => String(v).length), ...names.map((c) => c.length));
  const line = (first: string, cells: string[], last: string) => `${first.padEnd(6)}${cells.map((c) => c.padStart(width + 1)).join("")}  ${last.padStart(6)}`;
  const text = [
    "Confusion matrix (rows: true class, columns: predicted)",
    line("", names, "acc"),
    ...counts.map((r, i) => line(names[i], r.map(String), pct(acc(i)))),
    total,
  ].join("\n");
  return { "text/html": html, "text/plain": text };
}

/** Up to n misclassified inputs (as nested arrays) with "pred / true" labels. */
export function findMisclassified(model: unknown, data: unknown, n: number): { images: unknown[]; labels: string[]; seen: number } {
  const images: unknown[] = [];
  const labels: string[] = [];
  let seen = 0;
  forEachPrediction(model, data, "showMisclassified(…)", (x, out, y) => {
    const pred = toNumberList(out.argmax(1), "predictions");
    const truth = toNumberList(y, "targets");
    seen += truth.length;
    for (let i = 0; i < truth.length && images.length < n; i++) {
      if (pred[i] === truth[i]) continue;
      images.push(x.select(0, i).tolist());
      labels.push(`${pred[i]} / ${truth[i]}`);
    }
    return images.length < n;
  });
  return { images, labels, seen };
}
