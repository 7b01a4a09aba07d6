// The variable inspector's kernel side: every user name in scope with its type, tensors/modules/optimizers described.
import { Tensor } from "../../core";
import { Module } from "../../nn/module";
import { Optimizer } from "../../optim/optimizer";
import type { VarInfo } from "../protocol";

/** Bytes per element as tfjs stores them (int64 is held as int32). */
const ELEMENT_BYTES: Record<string, number> = { float32: 4, int32: 4, int64: 4, bool: 1, complex64: 8, string: 0 };

/** A tensor's row: shape, dtype, bytes on the device, requiresGrad; "freed" when its storage was released. */
function tensorInfo(name: string, t: Tensor): VarInfo {
  if (!t.isAlive) return { name, type: "Tensor", summary: "freed (made in a finished DataLoader step; .keep() keeps one)" };
  const numel = t.numel();
  return { name, type: "Tensor", shape: t.shape, dtype: t.dtype, bytes: numel * (ELEMENT_BYTES[t.dtype] ?? 4), requiresGrad: t.requiresGrad };
}

/** A module's row: its class, parameter count (sum of p.numel()) and the bytes of its parameters and buffers. */
function moduleInfo(name: string, m: Module): VarInfo {
  let params = 0;
  for (const p of m.parameters()) params += p.isAlive ? p.numel() : 0;
  let bytes = 0;
  for (const t of Object.values(m.stateDict())) if (t.isAlive) bytes += t.numel() * (ELEMENT_BYTES[t.dtype] ?? 4);
  return { name, type: m.constructor.name || "Module", module: true, params, bytes };
}

function optimizerInfo(name: string, o: Optimizer): VarInfo {
  const lrs = o.paramGroups.map((g) => g.lr);
  return { name, type: o.constructor.name || "Optimizer", lr: lrs[0], summary: lrs.length > 1 ? `${lrs.length} param groups, lr ${lrs.join(", ")}` : undefined };
}

const MAX_SUMMARY = 80;

function short(text: string): string {
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

/** Any other value: its type and a one-line summary (numbers and strings as they are, arrays by length). */
function otherInfo(name: string, v: unknown): VarInfo {
  if (v === null) return { name, type: "null" };
  switch (typeof v) {
    case "number":
    case "boolean":
    case "bigint":
      return { name, type: typeof v, summary: String(v) };
    case "string":
      return { name, type: "string", summary: short(JSON.stringify(v)) };
    case "undefined":
      return { name, type: "undefined" };
    case "function":
      return { name, type: /^class[\s{]/.test(Function.prototype.toString.call(v)) ? "class" : "function", summary: (v as { name?: string }).name || undefined };
    case "symbol":
      return { name, type: "symbol" };
    default: {
      if (Array.isArray(v)) return { name, type: "Array", summary: `length ${v.length}` };
      if (ArrayBuffer.isView(v)) return { name, type: v.constructor.name, summary: `length ${(v as unknown as ArrayLike<unknown>).length}` };
      const ctor = (v as { constructor?: { name?: string } }).constructor?.name;
      const length = (v as { length?: unknown }).length;
      const size = v instanceof Map || v instanceof Set ? `size ${v.size}` : typeof length === "number" ? `length ${length}` : undefined;
      return { name, type: ctor || "object", summary: size };
    }
  }
}

/** One row per user variable (own properties of the cell scope), in name order; never throws for one odd value. */
export function inspectVars(vars: Record<string, unknown>): VarInfo[] {
  const rows: VarInfo[] = [];
  for (const name of Object.keys(vars).sort()) {
    const v = vars[name];
    try {
      if (v instanceof Tensor) rows.push(tensorInfo(name, v));
      else if (v instanceof Module) rows.push(moduleInfo(name, v));
      else if (v instanceof Optimizer) rows.push(optimizerInfo(name, v));
      else rows.push(otherInfo(name, v));
    } catch (e) {
      rows.push({ name, type: "?", summary: short(`could not inspect: ${(e as Error)?.message ?? String(e)}`) });
    }
  }
  return rows;
}
