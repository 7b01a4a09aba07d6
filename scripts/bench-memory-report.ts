// The memory bench's pure side: what a run records, the flat/not-flat verdict, and its README section.

export interface MemorySample {
  epoch: number;
  tensors: number;
  bytes: number;
  heapMB: number;
  testAccuracy: number;
  seconds: number;
}

/** Heap may wobble this much between epochs (V8's own caches, compiled code) and still count as flat. */
export const HEAP_SLACK_MB = 8;

export interface MemoryRun {
  backend: string;
  epochs: number;
  trainImages: number;
  batch: number;
  samples: MemorySample[];
  /** Largest change from the end of epoch 1 to the end of any later epoch. */
  tensorDrift: number;
  byteDrift: number;
  heapDriftMB: number;
  flat: boolean;
}

/** Heap may wobble this much between epochs (V8's own caches, compiled code) and still count as flat. */
/** Judges a series of per-epoch samples: epoch 1 is the baseline (first-epoch caches are allowed to fill). */
export function judge(samples: MemorySample[]): Pick<MemoryRun, "tensorDrift" | "byteDrift" | "heapDriftMB" | "flat"> {
  const base = samples[0];
  const later = samples.slice(1);
  const drift = (f: (s: MemorySample) => number) => Math.max(0, ...later.map((s) => Math.abs(f(s) - f(base))));
  const tensorDrift = drift((s) => s.tensors);
  const byteDrift = drift((s) => s.bytes);
  const heapDriftMB = drift((s) => s.heapMB);
  return { tensorDrift, byteDrift, heapDriftMB, flat: samples.length > 1 && tensorDrift === 0 && byteDrift === 0 && heapDriftMB <= HEAP_SLACK_MB };
}

/** The README/latest.md section for a memory run. */
export function renderMemory(run: MemoryRun): string {
  const rows = run.samples.map(
    (s) => `| ${s.epoch} | ${s.tensors} | ${(s.bytes / 2 ** 20).toFixed(3)} | ${s.heapMB.toFixed(1)} | ${s.testAccuracy.toFixed(2)}% | ${s.seconds.toFixed(0)} s |`,
  );
  return [
    `**Memory over a long run** (MNIST MLP 784-256-128-64-10, SGD lr 0.03, batch ${run.batch}, ${run.trainImages.toLocaleString("en")} training images per epoch, ${run.backend}, in Node with the app's core; the loop is written as a learner writes it: no dispose, no tidy; counts after a full GC at each epoch's end)`,
    "",
    "| epoch | live tensors | tensor MiB | JS heap MiB | test accuracy | elapsed |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `Drift after epoch 1: ${run.tensorDrift} tensors, ${run.byteDrift} bytes, ${run.heapDriftMB.toFixed(1)} MiB heap (slack ${HEAP_SLACK_MB} MiB) → **${run.flat ? "flat" : "NOT flat"}**.`,
  ].join("\n");
}
