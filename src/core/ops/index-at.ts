// NumPy-style indexing, x.at(":", 0, "1:3", idx, mask, null, "..."): Python's x[:, 0, 1:3, idx] with PyTorch's rules.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { tensor } from "../creation";
import { Tensor } from "../tensor";
import { nonzero, readIndex } from "./gather";
import { unsqueeze } from "./shape";
import { normIndex, select, slice } from "./slicing";

type Nested = number | boolean | Nested[];
/**
 * One index of `x.at(...)`: a number (x[2]), a slice string (":", "1:3", "::2", "-1:"), "..." (Ellipsis),
 * null (None, a new size-1 dim), an integer Tensor or array (advanced indexing), or a bool Tensor/array (a mask).
 */
export type IndexItem = number | string | null | Tensor | Nested[];

type Parsed =
  | { kind: "int"; i: number }
  | { kind: "slice"; start: number | null; end: number | null; step: number }
  | { kind: "none" }
  | { kind: "ellipsis" }
  | { kind: "tensor"; t: Tensor };

function parseSlice(s: string): Parsed {
  if (s.trim() === "...") return { kind: "ellipsis" };
  const parts = s.split(":").map((p) => p.trim());
  const num = (p: string | undefined): number | null => {
    if (p === undefined || p === "") return null;
    if (!/^[+-]?\d+$/.test(p)) throw new TypeError(`at(): "${s}" is not a slice; write ":", "1:3", "::2", "-2:" or "..."`);
    return Number(p);
  };
  if (parts.length < 2 || parts.length > 3) throw new TypeError(`at(): "${s}" is not a slice; write ":", "1:3", "::2", "-2:" or "..." (a number selects: x.at(0))`);
  return { kind: "slice", start: num(parts[0]), end: num(parts[1]), step: num(parts[2]) ?? 1 };
}

function hasLeaf(v: Nested): boolean {
  return Array.isArray(v) ? v.some(hasLeaf) : true;
}

function parse(item: IndexItem): Parsed {
  if (item === null) return { kind: "none" };
  if (typeof item === "number") return { kind: "int", i: item };
  if (typeof item === "string") return parseSlice(item);
  if (item instanceof Tensor) return { kind: "tensor", t: item };
  // An empty list indexes nothing (an empty int64 index in PyTorch), not an empty float tensor.
  if (Array.isArray(item)) return { kind: "tensor", t: tensor(item, hasLeaf(item) ? {} : { dtype: "int32" }) };
  throw new TypeError(`at(): unsupported index ${String(item)}; use numbers, slice strings like "1:3", "...", null, or integer/bool tensors`);
}

/** Python's `x[...]`: basic indexing becomes select/slice/unsqueeze views, tensor indices one IndexBackward0 op. */
export function at(x: Tensor, ...items: IndexItem[]): Tensor {
  const parsed = items.map(parse);
  for (const p of parsed) {
    if (p.kind === "tensor" && p.t.dtype === "bool" && p.t.ndim === 0) throw new TypeError("at(): a 0-d bool index is not supported; use a bool mask with the indexed dims' shape");
  }
  const consumed = parsed.reduce((a, p) => a + (p.kind === "int" || p.kind === "slice" ? 1 : p.kind === "tensor" ? (p.t.dtype === "bool" ? p.t.ndim : 1) : 0), 0);
  const ellipses = parsed.filter((p) => p.kind === "ellipsis").length;
  if (ellipses > 1) throw new RangeError("an index can only have a single ellipsis ('...')");
  if (consumed > x.ndim) throw new RangeError(`too many indices for tensor of dimension ${x.ndim} (got ${consumed} indices for shape [${x.shape.join(", ")}])`);
  const fill = (): Parsed[] => Array.from({ length: x.ndim - consumed }, () => ({ kind: "slice", start: null, end: null, step: 1 }) as Parsed);
  const full = ellipses ? parsed.flatMap((p) => (p.kind === "ellipsis" ? fill() : [p])) : [...parsed, ...fill()];

  let cur = x;
  let pos = 0;
  const adv: Array<{ dim: number; idx: Int32Array; shape: number[] }> = [];
  for (const p of full) {
    if (p.kind === "int") cur = select(cur, pos, p.i);
    else if (p.kind === "slice") {
      if (p.start !== null || p.end !== null || p.step !== 1) cur = slice(cur, pos, p.start, p.end, p.step);
      pos++;
    } else if (p.kind === "none") cur = unsqueeze(cur, pos++);
    else if (p.kind === "tensor") {
      const t = p.t;
      if (t.dtype === "bool") {
        const k = t.ndim;
        const target = cur.shape.slice(pos, pos + k);
        t.shape.forEach((s, j) => {
          if (s !== target[j]) {
            throw new RangeError(`The shape of the mask [${t.shape.join(", ")}] at index ${j} does not match the shape of the indexed tensor [${cur.shape.join(", ")}] at index ${pos + j}`);
          }
        });
        const nz = readIndex(nonzero(t));
        const count = nz.length / k;
        for (let j = 0; j < k; j++) adv.push({ dim: pos + j, idx: Int32Array.from({ length: count }, (_, r) => nz[r * k + j]), shape: [count] });
        pos += k;
      } else if (t.dtype === "int32") {
        const size = cur.shape[pos];
        const idx = Int32Array.from(readIndex(t), (v) => normIndex(v, size, pos));
        adv.push({ dim: pos, idx, shape: t.shape });
        pos++;
      } else throw new TypeError("tensors used as indices must be long, int, byte or bool tensors (got float32); convert with .long()");
    }
  }
  return adv.length ? advanced(cur, adv) : cur;
}

/** Broadcasts the index shapes together, with PyTorch's message. */
function broadcastIndexShapes(shapes: number[][]): number[] {
  const n = Math.max(...shapes.map((s) => s.length));
  return Array.from({ length: n }, (_, i) => {
    let out = 1;
    for (const s of shapes) {
      const v = s[s.length - n + i] ?? 1;
      if (v !== 1 && out !== 1 && v !== out) {
        throw new RangeError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${shapes.map((x) => `[${x.join(", ")}]`).join(", ")}`);
      }
      if (v !== 1) out = v;
    }
    return out;
  });
}

function advanced(x: Tensor, adv: Array<{ dim: number; idx: Int32Array; shape: number[] }>): Tensor {
  const xs = x.shape;
  const B = broadcastIndexShapes(adv.map((a) => a.shape));
  const nB = B.reduce((a, b) => a * b, 1);
  const dims = adv.map((a) => a.dim);
  const rest = xs.map((_, i) => i).filter((i) => !dims.includes(i));
  const perm = [...dims, ...rest];
  const inv = perm.map((_, i) => perm.indexOf(i));
  const xpShape = perm.map((p) => xs[p]);
  // Coordinates [nB, m] of the indexed dims, broadcast in JS (the values were read for bounds checks anyway).
  const coords = new Int32Array(nB * adv.length);
  for (let flat = 0; flat < nB; flat++) {
    adv.forEach((a, j) => {
      let rem = flat;
      let off = 0;
      let stride = 1;
      for (let d = B.length - 1; d >= 0; d--) {
        const c = rem % B[d];
        rem = Math.floor(rem / B[d]);
        const k = d - (B.length - a.shape.length);
        if (k >= 0) {
          off += (a.shape[k] === 1 ? 0 : c) * stride;
          stride *= a.shape[k];
        }
      }
      coords[flat * adv.length + j] = a.idx[off];
    });
  }
  // Adjacent index dims keep their place in the result; separated ones move to the front (NumPy/PyTorch rule).
  const adjacent = dims.every((d, i) => i === 0 || d === dims[i - 1] + 1);
  const at = adjacent ? dims[0] : 0;
  const restShape = rest.map((i) => xs[i]);
  const gathered = [...B, ...restShape];
  const outPerm = [
    ...Array.from({ length: at }, (_, i) => B.length + i),
    ...B.map((_, i) => i),
    ...restShape.slice(at).map((_, i) => B.length + at + i),
  ];
  const outShape = outPerm.map((p) => gathered[p]);
  const outInv = outPerm.map((_, i) => outPerm.indexOf(i));
  const coordT = (): tf.Tensor => tf.tensor(coords, [...B, adv.length], "int32");
  return makeOp(
    "IndexBackward0",
    [x],
    () => (nB === 0 ? tf.zeros(outShape, x.dtype) : tf.transpose(tf.gatherND(tf.transpose(x.tfData, perm), coordT()), outPerm)),
    (dy) => (nB === 0 ? [tf.zeros(xs, dy.dtype)] : [tf.transpose(tf.scatterND(coordT(), tf.transpose(dy, outInv), xpShape), inv)]),
  );
}
