// PyTorch's tensor printing (torch/_tensor_str.py, default print options): same numbers, widths, wrapping and elision.
import type { Tensor } from "./tensor";

const PRECISION = 4;
const THRESHOLD = 1000;
const EDGE = 3;
const LINEWIDTH = 80;

/** Python rounds exact ties half to even; JS's toFixed/toExponential round them up. Fixes the digits string. */
function halfEven(rounded: string, exact: string, cut: number): string {
  const tail = exact.slice(cut).replace(/e.*$/, "");
  if (!/^50*$/.test(tail)) return rounded;
  const kept = exact.slice(0, cut).replace(/\.$/, "");
  return Number(kept[kept.length - 1]) % 2 === 0 ? kept + (rounded.match(/e.*$/)?.[0] ?? "") : rounded;
}

/** Python's `'{:.Nf}'.format(v)`. */
export function pyFixed(v: number, digits: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  const a = Math.abs(v);
  const exact = a.toFixed(100);
  const s = halfEven(a.toFixed(digits), exact, exact.indexOf(".") + (digits ? 1 + digits : 0));
  return (v < 0 || Object.is(v, -0) ? "-" : "") + s;
}

/** Python's `'{:.Ne}'.format(v)`: two-digit exponents, ties to even. */
export function pySci(v: number, digits: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  const a = Math.abs(v);
  const exact = a.toExponential(100);
  let s = a.toExponential(digits);
  const cut = digits ? 2 + digits : 1;
  const fixed = halfEven(s.replace(/e.*$/, ""), exact.replace(/e.*$/, ""), cut);
  s = fixed + (fixed === s.replace(/e.*$/, "") ? s.slice(s.indexOf("e")) : exact.slice(exact.indexOf("e")));
  s = s.replace(/e([+-])(\d)$/, "e$10$2");
  return (v < 0 || Object.is(v, -0) ? "-" : "") + s;
}

/** Chooses fixed, integer-looking ("1.") or scientific notation and the column width, like torch's _Formatter. */
class Formatter {
  private intMode = true;
  private sciMode = false;
  width = 1;

  constructor(
    values: readonly number[],
    private readonly dtype: string,
  ) {
    if (dtype !== "float32") {
      for (const v of values) this.width = Math.max(this.width, this.plain(v).length);
      return;
    }
    const nz = values.filter((v) => Number.isFinite(v) && v !== 0);
    if (nz.length === 0) return;
    const abs = nz.map(Math.abs);
    const max = Math.max(...abs);
    const min = Math.min(...abs);
    this.intMode = nz.every((v) => v === Math.ceil(v));
    this.sciMode = max / min > 1000 || max > 1e8 || (!this.intMode && min < 1e-4);
    for (const v of nz) {
      const s = this.sciMode ? pySci(v, PRECISION) : this.intMode ? pyFixed(v, 0) + "." : pyFixed(v, PRECISION);
      this.width = Math.max(this.width, s.length);
    }
  }

  private plain(v: number): string {
    return this.dtype === "bool" ? (v ? "True" : "False") : String(v);
  }

  format(v: number): string {
    let s: string;
    if (this.dtype !== "float32") s = this.plain(v);
    else if (this.sciMode) s = pySci(v, PRECISION);
    else if (this.intMode) s = pyFixed(v, 0) + (Number.isFinite(v) ? "." : "");
    else s = pyFixed(v, PRECISION);
    return s.padStart(this.width);
  }
}

/** Indices printed along a dim of size n: all, or the first and last EDGE with null for "...". */
function shown(n: number, summarize: boolean): Array<number | null> {
  if (summarize && n > 2 * EDGE) {
    return [...Array.from({ length: EDGE }, (_, i) => i), null, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)];
  }
  return Array.from({ length: n }, (_, i) => i);
}

/** torch's _add_suffixes: ", grad_fn=<…>" on the last line, or on a new line when it would pass 80 columns. */
function addSuffixes(body: string, suffixes: string[], indent: number): string {
  const parts = [body];
  let lastLine = body.length - body.lastIndexOf("\n") + 1;
  for (const s of suffixes) {
    if (lastLine + s.length + 2 > LINEWIDTH) {
      parts.push(",\n" + " ".repeat(indent) + s);
      lastLine = indent + s.length;
    } else {
      parts.push(", " + s);
      lastLine += s.length + 2;
    }
  }
  return parts.join("") + ")";
}

/** Formats a tensor exactly as `print(t)` does in PyTorch with default print options. */
export function formatTensor(t: Tensor): string {
  const shape = t.shape;
  const dtype = t.dtype;
  const values = t.tfData.dataSync() as ArrayLike<number>;
  const n = values.length;
  const summarize = n > THRESHOLD;
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const prefix = "tensor(";
  const suffixes: string[] = [];
  let body: string;

  if (n === 0) {
    if (shape.length !== 1) suffixes.push(`size=(${shape.join(", ")})`);
    if (dtype !== "float32") suffixes.push(`dtype=torch.${dtype === "int32" ? "int64" : "bool"}`);
    body = "[]";
  } else {
    // The formatter sees only what will be printed (torch's get_summarized_data).
    const picked: number[] = [];
    const collect = (dim: number, off: number): void => {
      if (dim === shape.length) {
        picked.push(values[off]);
        return;
      }
      for (const i of shown(shape[dim], summarize)) if (i !== null) collect(dim + 1, off + i * strides[dim]);
    };
    collect(0, 0);
    const fmt = new Formatter(picked, dtype);
    const rec = (dim: number, off: number, indent: number): string => {
      const idx = shown(shape[dim], summarize);
      if (dim === shape.length - 1) {
        const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / (fmt.width + 2)));
        const items = idx.map((i) => (i === null ? " ..." : fmt.format(values[off + i * strides[dim]])));
        const lines: string[] = [];
        for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
        return "[" + lines.join(",\n" + " ".repeat(indent + 1)) + "]";
      }
      const parts = idx.map((i) => (i === null ? "..." : rec(dim + 1, off + i * strides[dim], indent + 1)));
      return "[" + parts.join("," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + 1)) + "]";
    };
    body = shape.length === 0 ? fmt.format(values[0]) : rec(0, 0, prefix.length);
  }
  if (t.gradFn) suffixes.push(`grad_fn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) suffixes.push("requires_grad=True");
  return addSuffixes(prefix + body, suffixes, prefix.length);
}
