// stateDict / loadStateDict: PyTorch's dotted names and layouts, strict key and shape checks, all-or-nothing load.
import { noGrad, tf, Tensor } from "../core";

/** What a module exposes for state handling (keeps this file free of a runtime import of Module). */
interface HasState {
  namedModules(): Array<[string, HasState]>;
  namedParameters(prefix: string, recurse: boolean): Array<[string, Tensor]>;
  namedBuffers(prefix: string, recurse: boolean): Array<[string, Tensor]>;
}

/** Module by module (as PyTorch orders them): its parameters, then its buffers, with dotted names. Values are the live tensors. */
export function stateDictOf(m: HasState): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, mod] of m.namedModules()) {
    for (const [k, p] of mod.namedParameters(name, false)) out[k] = p;
    for (const [k, b] of mod.namedBuffers(name, false)) out[k] = b;
  }
  return out;
}

const size = (s: number[]): string => `torch.Size([${s.join(", ")}])`;
// Gradbook's int32 is PyTorch's long (tfjs has no int64).
const TORCH_DTYPE: Record<string, string> = { float32: "torch.float32", int32: "torch.int64", bool: "torch.bool" };

export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/** Copies values in; checks every name, shape and dtype first, so a failed load leaves the module unchanged. */
export function loadStateDictInto(m: HasState, sd: Record<string, Tensor>, strict = true, name = "Module"): LoadResult {
  const own = stateDictOf(m);
  // Keys are data: `in` would find "toString" or "constructor" on Object.prototype and call them expected.
  const missingKeys = Object.keys(own).filter((k) => !Object.hasOwn(sd, k));
  const unexpectedKeys = Object.keys(sd).filter((k) => !Object.hasOwn(own, k));
  const problems: string[] = [];
  if (strict) {
    if (missingKeys.length) problems.push(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(", ")}. `);
    if (unexpectedKeys.length) problems.push(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(", ")}. `);
  }
  const from = (k: string): Tensor | undefined => (Object.hasOwn(sd, k) ? sd[k] : undefined);
  for (const [k, t] of Object.entries(own)) {
    const src = from(k);
    if (!src) continue;
    if (src.shape.join(",") !== t.shape.join(",")) {
      problems.push(
        `size mismatch for ${k}: copying a param with shape ${size(src.shape)} from checkpoint, the shape in current model is ${size(t.shape)}.`,
      );
    }
    if (src.dtype !== t.dtype) {
      problems.push(
        `dtype mismatch for ${k}: copying a param with dtype ${TORCH_DTYPE[src.dtype]} from checkpoint, the dtype in current model is ${TORCH_DTYPE[t.dtype]}; convert it before saving (e.g. .float() in PyTorch).`,
      );
    }
  }
  if (problems.length) throw new Error(`Error(s) in loading state_dict for ${name}:\n\t${problems.join("\n\t")}`);
  noGrad(() => {
    for (const [k, t] of Object.entries(own)) {
      const src = from(k);
      if (!src) continue;
      const dt = t.dtype;
      t.assignData(tf.tidy(() => tf.clone(tf.cast(src.tfData, dt))));
    }
  });
  return { missingKeys, unexpectedKeys };
}
