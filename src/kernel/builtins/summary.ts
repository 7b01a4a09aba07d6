// summary(model, inputShape): a layer table with output shapes and parameter counts, like torchinfo.summary.
import { noGrad, scope, zeros, type Tensor } from "../../core";
import { Module } from "../../nn";
import { repr } from "../runtime/format";
import type { MimeBundle } from "../protocol";

/** One module in the table. */
export interface SummaryRow {
  /** Dotted name ("fc1", "features.0"); "" for the model itself. */
  name: string;
  /** Class name ("Linear"). */
  type: string;
  /** Nesting depth: 0 for the model, 1 for its children… */
  depth: number;
  /** Output shape of its first call, or null when the forward never called it. */
  outputShape: number[] | null;
  /** Its parameters (its children's included). */
  params: number;
}

export interface ModelSummary {
  rows: SummaryRow[];
  inputShape: number[];
  total: number;
  trainable: number;
  nonTrainable: number;
  /** Estimated sizes in MB (float32), as torchinfo reports them. */
  inputMB: number;
  forwardBackwardMB: number;
  paramsMB: number;
  totalMB: number;
}

const numel = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const MB = 4 / 1e6;

/** Runs a forward pass on zeros of `inputShape` (batch included: [1, 1, 28, 28]) under noGrad, in eval mode, recording every layer. */
export function summarize(model: unknown, inputShape: unknown): ModelSummary {
  if (!(model instanceof Module)) throw new TypeError(`summary(model, inputShape) needs an nn.Module first; got ${repr(model)}`);
  const shape = checkShape(inputShape);
  const mods = model.namedModules();
  const rows: SummaryRow[] = mods.map(([name, m]) => ({
    name,
    type: m.constructor.name,
    depth: 0,
    outputShape: null,
    params: m.parameters().reduce((n, p) => n + p.numel(), 0),
  }));
  fixDepths(rows);
  const running: number[] = [];
  let lastDone: SummaryRow | null = null;
  const handles = mods.flatMap(([, m], i) => [
    m.registerForwardPreHook(() => void running.push(i)),
    m.registerForwardHook((_m, _in, out) => {
      running.pop();
      if (rows[i].outputShape === null) rows[i].outputShape = shapeOf(out);
      lastDone = rows[i];
    }),
  ]);
  const modes = mods.map(([, m]) => m.training);
  try {
    model.eval();
    noGrad(() => scope(() => void model(zeros(...shape))));
  } catch (e) {
    throw layerError(e, rows[running.at(-1) ?? 0], lastDone, shape);
  } finally {
    for (const h of handles) h.remove();
    mods.forEach(([, m], i) => (m.training = modes[i]));
  }
  const params = model.parameters();
  const total = params.reduce((n, p) => n + p.numel(), 0);
  const trainable = params.filter((p) => p.requiresGrad).reduce((n, p) => n + p.numel(), 0);
  const leaves = rows.filter((r, i) => mods[i][1].children().length === 0 && r.outputShape);
  const inputMB = numel(shape) * MB;
  const forwardBackwardMB = 2 * leaves.reduce((n, r) => n + numel(r.outputShape!), 0) * MB;
  const paramsMB = total * MB;
  return {
    rows, inputShape: shape, total, trainable, nonTrainable: total - trainable,
    inputMB, forwardBackwardMB, paramsMB, totalMB: inputMB + forwardBackwardMB + paramsMB,
  };
}

/** Depth = 1 + how many ancestors appear in the table ("features.0" sits under "features"). */
function fixDepths(rows: SummaryRow[]): void {
  const names = new Set(rows.map((r) => r.name));
  for (const r of rows) {
    if (r.name === "") continue;
    const parts = r.name.split(".");
    let d = 1;
    for (let k = 1; k < parts.length; k++) if (names.has(parts.slice(0, k).join("."))) d++;
    r.depth = d;
  }
}

function checkShape(s: unknown): number[] {
  const ok = Array.isArray(s) && s.length > 0 && s.every((d) => Number.isInteger(d) && d > 0);
  if (!ok) {
    throw new TypeError(`summary(model, inputShape): inputShape must list positive sizes with the batch first, e.g. [1, 1, 28, 28]; got ${repr(s)}`);
  }
  return s as number[];
}

function shapeOf(out: unknown): number[] | null {
  const t = Array.isArray(out) ? out[0] : out;
  return t && Array.isArray((t as Tensor).shape) ? [...(t as Tensor).shape] : null;
}

/** The forward failed: say in which layer, after which one, and on what input. */
function layerError(e: unknown, failing: SummaryRow, lastDone: SummaryRow | null, shape: number[]): Error {
  const msg = e instanceof Error ? e.message : String(e);
  const where = failing.name === "" ? `in ${failing.type}.forward itself (between layers)` : `in layer ${failing.name} (${failing.type})`;
  const after = lastDone && lastDone !== failing
    ? `; the last layer that ran was ${lastDone.name || lastDone.type} (${lastDone.type}) with output [${lastDone.outputShape?.join(", ")}]`
    : "";
  const err = new (e instanceof TypeError ? TypeError : RuntimeError)(
    `summary(): the forward pass on input [${shape.join(", ")}] failed ${where}${after}: ${msg}`,
  );
  return err;
}

class RuntimeError extends Error {
  override name = "RuntimeError";
}

const fmt = (n: number) => n.toLocaleString("en-US");
const mb = (n: number) => n.toFixed(2);

/** torchinfo-style text and an HTML table. */
export function summaryBundle(s: ModelSummary): MimeBundle {
  const body = s.rows.map((r) => {
    const label = r.depth === 0 ? r.type : `${"  ".repeat(r.depth - 1)}└─${r.type}: ${r.name}`;
    const out = r.outputShape ? `[${r.outputShape.join(", ")}]` : "--";
    const params = r.depth === 0 || r.params === 0 ? "--" : fmt(r.params);
    return [label, out, params];
  });
  const header = ["Layer (type: name)", "Output Shape", "Param #"];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (c: string[]) => `${c[0].padEnd(widths[0])}  ${c[1].padEnd(widths[1])}  ${c[2].padStart(widths[2])}`;
  const rule = (ch: string) => ch.repeat(widths[0] + widths[1] + widths[2] + 4);
  const totals = [
    `Total params: ${fmt(s.total)}`,
    `Trainable params: ${fmt(s.trainable)}`,
    `Non-trainable params: ${fmt(s.nonTrainable)}`,
  ];
  const sizes = [
    `Input size (MB): ${mb(s.inputMB)}`,
    `Forward/backward pass size (MB): ${mb(s.forwardBackwardMB)}`,
    `Params size (MB): ${mb(s.paramsMB)}`,
    `Estimated Total Size (MB): ${mb(s.totalMB)}`,
  ];
  const text = [rule("="), line(header), rule("="), ...body.map(line), rule("="), ...totals, rule("="), ...sizes, rule("=")].join("\n");
  const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const tr = s.rows.map((r, i) => {
    const pad = "\u00a0\u00a0".repeat(Math.max(0, r.depth - 1));
    const label = r.depth === 0 ? `<b>${esc(r.type)}</b>` : `${pad}${r.depth > 0 ? "└─" : ""}${esc(r.type)}: <code>${esc(r.name)}</code>`;
    return `<tr><td>${label}</td><td>${esc(body[i][1])}</td><td class="gb-num">${esc(body[i][2])}</td></tr>`;
  });
  const foot = [...totals, ...sizes].map((t) => `<tr><td colspan="3">${esc(t)}</td></tr>`).join("");
  const html = `<table class="gb-table gb-summary"><thead><tr>${header.map((h) => `<th>${h}</th>`).join("")}</tr></thead>`
    + `<tbody>${tr.join("")}</tbody><tfoot>${foot}</tfoot></table>`;
  return { "text/html": html, "text/plain": text };
}
