// Model weights in TensorFlow.js's format: a model.json-style weightsManifest plus one little-endian .bin.
import type { Tensor } from "../core";
import { stateDictFrom } from "./export";

/** One entry of a tfjs weights manifest (tf.io.WeightsManifestEntry). */
export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: "float32" | "int32" | "bool";
}

/** The JSON half: what tf.loadWeights / tf.io.decodeWeights read, with PyTorch's stateDict names. */
export interface TfjsWeightsJson {
  format: "gradbook-weights";
  generatedBy: string;
  weightsManifest: Array<{ paths: string[]; weights: TfjsWeightSpec[] }>;
}

/**
 * The model's stateDict as `{ json, bin }`: json.weightsManifest lists each tensor (PyTorch names and layouts,
 * e.g. Linear weight [out, in]) in the order its bytes sit in `bin` (float32/int32 little-endian, bool as bytes).
 */
export function stateDictToTfjs(model: unknown, binName = "model.weights.bin"): { json: TfjsWeightsJson; bin: Uint8Array } {
  const sd: Record<string, Tensor> = stateDictFrom(model);
  const weights: TfjsWeightSpec[] = [];
  const chunks: Uint8Array[] = [];
  for (const [name, t] of Object.entries(sd)) {
    const values = t.tfData.dataSync();
    const dtype = t.dtype as TfjsWeightSpec["dtype"];
    weights.push({ name, shape: t.shape, dtype });
    const typed = dtype === "float32" ? Float32Array.from(values as Float32Array) : dtype === "int32" ? Int32Array.from(values as Int32Array) : Uint8Array.from(values as Uint8Array);
    chunks.push(new Uint8Array(typed.buffer));
  }
  const bin = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let pos = 0;
  for (const c of chunks) {
    bin.set(c, pos);
    pos += c.length;
  }
  return { json: { format: "gradbook-weights", generatedBy: "Gradbook", weightsManifest: [{ paths: [binName], weights }] }, bin };
}
