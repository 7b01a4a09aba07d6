// Batched device reads and explicit scopes: the few places where Gradbook synchronises with the device.
import { tf } from "./backend";
import { closeArena, openArena, type Owned } from "./memory";
import { Tensor } from "./tensor";

/** Reads many scalar tensors in one device round trip (never one sync per training step). */
export function readScalars(ts: Tensor[]): number[] {
  if (ts.length === 0) return [];
  const stacked = tf.tidy(() => tf.concat(ts.map((t) => tf.reshape(tf.cast(t.tfData, "float32"), [-1]))));
  const v = Array.from(stacked.dataSync());
  stacked.dispose();
  return v;
}

/** Async version of readScalars (does not block the worker while a GPU finishes). */
export async function readScalarsAsync(ts: Tensor[]): Promise<number[]> {
  if (ts.length === 0) return [];
  const stacked = tf.tidy(() => tf.concat(ts.map((t) => tf.reshape(tf.cast(t.tfData, "float32"), [-1]))));
  const v = Array.from(await stacked.data());
  stacked.dispose();
  return v;
}

/**
 * Runs `fn` and frees every tensor it created except those it returns (in an array or object, one level deep).
 * Learners rarely need this: DataLoader steps do it automatically.
 */
export function scope<T>(fn: () => T): T {
  const arena = openArena();
  let result: T | undefined;
  try {
    result = fn();
    return result;
  } finally {
    closeArena(arena, "freed at the end of a scope()", escaping(result));
  }
}

function escaping(v: unknown): Owned[] {
  if (v instanceof Tensor) return [v];
  if (Array.isArray(v)) return v.filter((x): x is Tensor => x instanceof Tensor);
  if (v && typeof v === "object") return Object.values(v).filter((x): x is Tensor => x instanceof Tensor);
  return [];
}
