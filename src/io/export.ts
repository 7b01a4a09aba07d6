// Model weights out: stateDict → .safetensors with PyTorch's names, layouts and dtypes.
import type { Tensor } from "../core";
import { writeSafetensors, type SafetensorsInput } from "./safetensors";

/** Anything with a PyTorch-style stateDict (an nn.Module). */
export interface HasStateDict {
  stateDict(): Record<string, Tensor>;
}

/** Serialises `stateDict()` as safetensors: float32 → F32, int32 → I64 (PyTorch's long, e.g. num_batches_tracked). */
export function stateDictToSafetensors(model: unknown, metadata: Record<string, string> = { format: "pt" }): Uint8Array {
  const m = model as Partial<HasStateDict> | null;
  if (!m || typeof m.stateDict !== "function") {
    throw new TypeError("exportWeights needs an nn.Module (something with stateDict()), e.g. exportWeights(model)");
  }
  const entries: SafetensorsInput[] = Object.entries(m.stateDict()).map(([name, t]) => {
    const values = t.data.dataSync();
    if (t.dtype === "float32") return { name, dtype: "F32", shape: t.shape, data: Float32Array.from(values as Float32Array) };
    const ints = BigInt64Array.from(Array.from(values as Int32Array, (v) => BigInt(v)));
    return { name, dtype: "I64", shape: t.shape, data: ints };
  });
  return writeSafetensors(entries, metadata);
}
