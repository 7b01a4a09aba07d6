// Weights in: safetensors bytes (Gradbook's or PyTorch's) → tensors for loadStateDict, all-or-nothing.
import { tf, Tensor } from "../core";
import { setOwn } from "../lib/own-key";
import { halfToFloat32, readSafetensors, type SafetensorsTensor } from "./safetensors";

/** Anything with PyTorch's loadStateDict (an nn.Module). */
export interface HasLoadStateDict {
  loadStateDict(sd: Record<string, Tensor>, strict?: boolean): { missingKeys: string[]; unexpectedKeys: string[] };
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/** One safetensors entry as a Gradbook tensor: F32/F16 → float32, I64/I32/U8 → int32 (PyTorch's long), BOOL → bool. */
export function fromEntry(name: string, e: SafetensorsTensor): Tensor {
  switch (e.dtype) {
    case "F32":
      return new Tensor(tf.tensor(e.data as Float32Array, e.shape, "float32"));
    case "F16":
      return new Tensor(tf.tensor(halfToFloat32(e.data as Uint16Array), e.shape, "float32"));
    case "I32":
      return new Tensor(tf.tensor(e.data as Int32Array, e.shape, "int32"));
    case "U8":
      return new Tensor(tf.tensor(Int32Array.from(e.data as Uint8Array), e.shape, "int32"));
    case "BOOL":
      return new Tensor(tf.tensor(Uint8Array.from(e.data as Uint8Array, (v) => (v ? 1 : 0)), e.shape, "bool"));
    case "I64": {
      const big = e.data as BigInt64Array;
      const out = new Int32Array(big.length);
      for (let i = 0; i < big.length; i++) {
        if (big[i] < INT32_MIN || big[i] > INT32_MAX) {
          throw new RangeError(`Tensor "${name}" holds ${big[i]} at index ${i}, outside int32; Gradbook stores int64 as int32.`);
        }
        out[i] = Number(big[i]);
      }
      return new Tensor(tf.tensor(out, e.shape, "int32"));
    }
  }
}

function asBytes(bytes: Uint8Array | ArrayBuffer): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new TypeError(`loadSafetensors expects the file's bytes (a Uint8Array or ArrayBuffer); got ${typeof bytes}`);
}

/**
 * Reads a .safetensors file into a state dict of tensors, like `safetensors.torch.load(bytes)`:
 * `model.loadStateDict(loadSafetensors(bytes))`. A corrupt file throws a SafetensorsError naming what is wrong.
 */
export function loadSafetensors(bytes: Uint8Array | ArrayBuffer): Record<string, Tensor> {
  const file = readSafetensors(asBytes(bytes));
  // Names come from the file: "__proto__" must be a key like any other, so strict loading refuses it.
  const out: Record<string, Tensor> = {};
  try {
    for (const [name, e] of file.tensors) setOwn(out, name, fromEntry(name, e));
  } catch (err) {
    for (const t of Object.values(out)) t.dispose();
    throw err;
  }
  return out;
}

/** Loads safetensors bytes into `model` (strict, all-or-nothing) and frees the temporary tensors. */
export function loadSafetensorsInto(model: unknown, bytes: Uint8Array | ArrayBuffer, strict = true) {
  const m = model as Partial<HasLoadStateDict> | null;
  if (!m || typeof m.loadStateDict !== "function") {
    throw new TypeError("loading weights needs an nn.Module (something with loadStateDict()), e.g. loadWeights(model, bytes)");
  }
  const sd = loadSafetensors(bytes);
  try {
    return m.loadStateDict(sd, strict);
  } finally {
    for (const t of Object.values(sd)) t.dispose();
  }
}
