// PyTorch-like printing: tensor([[0.1000, 0.2000]], requires_grad=True), big tensors elided with "...".
import type { Tensor } from "./tensor";

const EDGE = 3;
const THRESHOLD = 1000;

function fmtNumber(v: number, dtype: string, sci: boolean): string {
  if (dtype === "bool") return v ? "True" : "False";
  if (dtype === "int32") return String(v);
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return sci ? v.toExponential(4).replace(/e([+-])(\d)$/, "e$10$2") : v.toFixed(4);
}

/** Formats values the way torch prints them (4 decimals, aligned columns, elision past 1000 elements). */
export function formatTensor(t: Tensor): string {
  const shape = t.shape;
  const dtype = t.dtype;
  const values = Array.from(t.data.dataSync() as ArrayLike<number>);
  const summarize = values.length > THRESHOLD;
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const sci = dtype === "float32" && finite.length > 0 && (Math.max(...finite) >= 1e8 || Math.min(...finite) < 1e-4);
  const strs = values.map((v) => fmtNumber(v, dtype, sci));
  const width = Math.max(1, ...strs.map((s) => s.length));
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const indent = "tensor(".length;

  function rec(dim: number, offset: number): string {
    if (dim === shape.length) return strs[offset].padStart(width);
    const n = shape[dim];
    const idx: Array<number | null> = [];
    if (summarize && n > 2 * EDGE) {
      for (let i = 0; i < EDGE; i++) idx.push(i);
      idx.push(null);
      for (let i = n - EDGE; i < n; i++) idx.push(i);
    } else for (let i = 0; i < n; i++) idx.push(i);
    const parts = idx.map((i) => (i === null ? "..." : rec(dim + 1, offset + i * strides[dim])));
    if (dim === shape.length - 1) return `[${parts.join(", ")}]`;
    const sep = "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + dim + 1);
    return `[${parts.join(sep)}]`;
  }

  const body = shape.length === 0 ? strs[0] : shape.includes(0) ? "[]" : rec(0, 0);
  const extras: string[] = [];
  if (shape.includes(0)) extras.push(`size=(${shape.join(", ")})`);
  if (dtype === "int32") extras.push("dtype=torch.int32");
  if (t.gradFn) extras.push(`grad_fn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) extras.push("requires_grad=True");
  return `tensor(${body}${extras.length ? ", " + extras.join(", ") : ""})`;
}
