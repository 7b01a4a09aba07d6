// Model weights out: stateDict → .safetensors with PyTorch's names, layouts and dtypes.
import type { Tensor } from "../core";
import { writeSafetensors, type SafetensorsInput } from "./safetensors";

/** Anything with a PyTorch-style stateDict (an nn.Module). */
export interface HasStateDict {
  stateDict(): Record<string, Tensor>;
}

/** The model's stateDict, or a TypeError naming `what` (the function the learner called). */
export function stateDictFrom(model: unknown, what = "exportWeights"): Record<string, Tensor> {
  const m = model as Partial<HasStateDict> | null;
  if (!m || typeof m.stateDict !== "function") {
    throw new TypeError(`${what} needs an nn.Module (something with stateDict()), e.g. ${what}(model)`);
  }
  return m.stateDict();
}

/** One tensor as a safetensors entry: float32 → F32, int32 → I64 (PyTorch's long), bool → BOOL. */
export function toEntry(name: string, t: Tensor): SafetensorsInput {
  const values = t.tfData.dataSync();
  if (t.dtype === "float32") return { name, dtype: "F32", shape: t.shape, data: Float32Array.from(values as Float32Array) };
  if (t.dtype === "bool") return { name, dtype: "BOOL", shape: t.shape, data: Uint8Array.from(values as Uint8Array) };
  const ints = BigInt64Array.from(Array.from(values as Int32Array, (v) => BigInt(v)));
  return { name, dtype: "I64", shape: t.shape, data: ints };
}

/** Serialises `stateDict()` as safetensors: float32 → F32, int32 → I64 (PyTorch's long, e.g. num_batches_tracked). */
export function stateDictToSafetensors(model: unknown, metadata: Record<string, string> = { format: "pt" }): Uint8Array {
  const entries = Object.entries(stateDictFrom(model)).map(([name, t]) => toEntry(name, t));
  return writeSafetensors(entries, metadata);
}
