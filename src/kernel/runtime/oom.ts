// Out of memory as a clear error: what the kernel holds, what to free, and whether it must restart to recover.

/** One thing a variable holds: a tensor, or a module / list of tensors with its total. */
export interface HeldItem {
  name: string;
  bytes: number;
  /** A single tensor's shape; absent for modules and lists. */
  shape?: number[];
  /** How many tensors a module or list holds. */
  tensors?: number;
}

/** The engine's live tensors and the largest things the user's variables hold. */
export interface MemoryReport {
  bytes: number;
  tensors: number;
  /** Largest first. */
  largest: HeldItem[];
}

/** What the kernel needs from the engine to explain and survive running out of memory. */
export interface KernelMemory {
  /** Live tensors now, and what the variables in `vars` hold. */
  report(vars: Record<string, unknown>): MemoryReport;
  /** True when the backend still computes (a wasm `Aborted()` usually leaves the module unusable). */
  probe(): boolean;
}

// What backends say when an allocation fails: emscripten's abort (tfjs wasm, fastcpu), V8's ArrayBuffer limits
// (tfjs cpu), WebGPU's out-of-memory error, WebGL's failed texture allocation.
const OOM =
  /\bAborted\(|out of memory|\bOOM\b|Array buffer allocation failed|Cannot enlarge memory|could not allocate|failed to allocate|allocation failed|Invalid typed array length|WebAssembly\.Memory|GPUOutOfMemoryError|CONTEXT_LOST_WEBGL/i;

/** True when an error (by its name and message) looks like the engine ran out of memory. */
export function isOutOfMemory(ename: string, evalue: string): boolean {
  return OOM.test(`${ename}: ${evalue}`);
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MB`;

function item(h: HeldItem): string {
  if (h.shape) return `${h.name} ${mb(h.bytes)} [${h.shape.join(", ")}]`;
  return `${h.name} ${mb(h.bytes)} in ${h.tensors} tensor${h.tensors === 1 ? "" : "s"}`;
}

/**
 * The error a cell gets when it ran out of memory: "out of memory: the kernel holds N MB in M tensors (largest: …);
 * free tensors or restart", plus what happens next (`restarting`: the kernel restarts itself; the notebook stays).
 */
export function outOfMemoryError(cause: { ename: string; evalue: string }, report: MemoryReport, restarting: boolean) {
  const named = report.largest.slice(0, 3).map(item);
  const namedBytes = report.largest.reduce((n, h) => n + h.bytes, 0);
  const loose = report.bytes - namedBytes;
  // Tensors no variable holds: kept with .keep() in a loop, or captured by a closure.
  if (loose > report.bytes / 2) named.push(`${mb(loose)} held by no variable (tensors kept with .keep(), or in closures)`);
  const largest = named.length ? named.join("; ") : "nothing yet";
  const evalue =
    `out of memory: the kernel holds ${mb(report.bytes)} in ${report.tensors} tensors (largest: ${largest}); ` +
    `free tensors (x.dispose(), drop .keep() in loops, smaller batches) or restart`;
  const next = restarting
    ? `The backend could not recover (${cause.ename}: ${cause.evalue}), so the kernel restarts itself now: the notebook and its outputs are kept, variables are gone; run the cells again.`
    : `The kernel is still usable: free what you do not need, then run again.`;
  return { ename: "OutOfMemoryError", evalue, traceback: [`OutOfMemoryError: ${evalue}`, `  (from the backend: ${cause.ename}: ${cause.evalue})`, next], notice: `${evalue}. ${next}` };
}
