// Tests for the kernel's start-up reporting: each engine step becomes a `startup` message in order, a failed start
// names its phase, and auto's measuring runs after `ready` (switching only while nothing has been computed).
import { describe, expect, it, vi } from "vitest";
import { setInterruptCheck } from "../../lib/interrupt";
import { Kernel, type KernelDeps } from "./kernel";
import type { FromKernel } from "../protocol";

type InitBackend = KernelDeps<{ dispose(): void }>["initBackend"];

function setup(initBackend: InitBackend) {
  const posted: FromKernel[] = [];
  const deps: KernelDeps<{ dispose(): void }> = {
    api: {},
    initBackend,
    configureMnist: () => {},
    setInterruptCheck,
    isModule: () => false,
    stateDictToSafetensors: () => new Uint8Array(),
    onBackward: () => {},
    readScalars: () => [],
  };
  const kernel = new Kernel(deps, (m) => posted.push(m));
  kernel.receive({ type: "init", backend: "auto", mnistBaseUrl: "http://x/mnist/", wasmBaseUrl: "http://x/wasm/" });
  return { kernel, posted };
}

describe("kernel start-up", () => {
  it("posts every engine step as a startup message with its time, before ready", async () => {
    const { kernel, posted } = setup(async (_choice, opts) => {
      opts.onStartup?.({ phase: "engine", label: "tfjs-backend-wasm-simd.wasm", done: 100, total: 400, unit: "bytes" });
      opts.onStartup?.({ phase: "threads", label: "fastcpu threads", done: 2, total: 2, unit: "threads" });
      opts.onStartup?.({ phase: "warmup", label: "fastcpu: first kernels" });
      return { backend: "fastcpu", note: "test" };
    });
    await kernel.idle();
    expect(posted.map((m) => (m.type === "startup" ? `${m.phase}` : m.type))).toEqual(["engine", "threads", "warmup", "ready", "status"]);
    const first = posted[0] as Extract<FromKernel, { type: "startup" }>;
    expect(first).toMatchObject({ label: "tfjs-backend-wasm-simd.wasm", done: 100, total: 400, unit: "bytes" });
    // Epoch ms, comparable with the page's clock.
    expect(Math.abs(first.at - Date.now())).toBeLessThan(60_000);
  });

  it("a failed start says which phase failed", async () => {
    const { kernel, posted } = setup(async (_choice, opts) => {
      opts.onStartup?.({ phase: "engine", label: "wasm backend code" });
      opts.onStartup?.({ phase: "threads", label: "fastcpu threads", done: 1, total: 2, unit: "threads" });
      throw new Error("pool worker 1 failed to load");
    });
    await kernel.idle();
    const error = posted.find((m) => m.type === "error");
    expect(error).toMatchObject({ evalue: expect.stringContaining("failed to start while starting threads (pool worker 1 failed to load)") });
    expect(posted.at(-1)).toEqual({ type: "status", state: "error" });
  });

  it("auto measures after ready while no cell has run, and the new note follows", async () => {
    vi.useFakeTimers();
    try {
      const measure = vi.fn(async () => ({ backend: "wasm" as const, note: "auto by measurement (…)" }));
      const { kernel, posted } = setup(async () => ({ backend: "fastcpu", note: "fastcpu; auto: measuring the backends after the start", measure }));
      await kernel.idle();
      expect(posted.map((m) => m.type)).toEqual(["ready", "status"]);
      expect(measure).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(5000); // past MEASURE_DELAY_MS
      await kernel.idle();
      expect(measure).toHaveBeenCalledTimes(1);
      expect(posted.slice(2)).toEqual([
        expect.objectContaining({ type: "startup", phase: "measure" }),
        { type: "backend-note", backend: "wasm", backendNote: "auto by measurement (…)" },
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a cell that ran first keeps its backend: no measuring under its tensors; a failed measurement keeps the note", async () => {
    vi.useFakeTimers();
    try {
      const measure = vi.fn(async () => ({ backend: "wasm" as const, note: "x" }));
      const first = setup(async () => ({ backend: "fastcpu", note: "fastcpu; auto: measuring the backends after the start", measure }));
      await first.kernel.idle();
      first.kernel.receive({ type: "execute", runId: "r1", cellId: "c1", code: "1 + 1" });
      await vi.advanceTimersByTimeAsync(5000); // past MEASURE_DELAY_MS
      await first.kernel.idle();
      expect(measure).not.toHaveBeenCalled();
      expect(first.posted.at(-1)).toEqual({ type: "backend-note", backend: "fastcpu", backendNote: "fastcpu; auto: not measured (a cell ran first), the next start measures" });

      const failing = vi.fn(async () => Promise.reject(new Error("wasm did not start")));
      const second = setup(async () => ({ backend: "fastcpu", note: "first note", measure: failing }));
      await vi.advanceTimersByTimeAsync(5000); // past MEASURE_DELAY_MS
      await second.kernel.idle();
      expect(second.posted.at(-1)).toEqual({ type: "backend-note", backend: "fastcpu", backendNote: "first note; auto could not measure (wasm did not start)" });
    } finally {
      vi.useRealTimers();
    }
  });
});
