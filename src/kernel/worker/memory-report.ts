// The engine side of out-of-memory handling: what live tensors and the user's variables hold, and a backend probe.
import { memoryInfo, tf, Tensor } from "../../core";
import { Module } from "../../nn/module";
import type { HeldItem, KernelMemory, MemoryReport } from "../runtime/oom";

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function tensorBytes(t: Tensor): number {
  return t.isAlive ? t.numel() * (BYTES[t.dtype] ?? 4) : 0;
}

/** What one variable holds: a tensor, a module's state, or a list of tensors (`kept.push(x.keep())`). */
function held(name: string, value: unknown): HeldItem | null {
  if (value instanceof Tensor) return value.isAlive ? { name, bytes: tensorBytes(value), shape: value.shape } : null;
  let tensors: Tensor[] = [];
  if (value instanceof Module) tensors = Object.values(value.stateDict());
  else if (Array.isArray(value)) tensors = value.filter((v): v is Tensor => v instanceof Tensor && v.isAlive);
  if (!tensors.length) return null;
  return { name, bytes: tensors.reduce((n, t) => n + tensorBytes(t), 0), tensors: tensors.length };
}

export const engineMemory: KernelMemory = {
  report(vars: Record<string, unknown>): MemoryReport {
    const { numBytes, numTensors } = memoryInfo();
    const largest: HeldItem[] = [];
    for (const [name, value] of Object.entries(vars)) {
      try {
        const h = held(name, value);
        if (h && h.bytes > 0) largest.push(h);
      } catch {
        // a variable whose storage went with the failed allocation: nothing to count
      }
    }
    largest.sort((a, b) => b.bytes - a.bytes);
    return { bytes: numBytes, tensors: numTensors, largest };
  },
  probe(): boolean {
    try {
      return tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]) === 3;
    } catch {
      return false;
    }
  },
};
