// Tests for the kernel's message handling with fake engine deps: init, queued runs, output, metrics, export, interrupt.
import { describe, expect, it } from "vitest";
import { checkInterrupt, setInterruptCheck } from "../../lib/interrupt";
import { Kernel, type KernelDeps } from "./kernel";
import type { LossRoot } from "../training/loss-tracker";
import type { KernelMemory } from "../runtime/oom";
import type { FromKernel, ToKernel } from "../protocol";

class FakeModule {
  constructor(readonly label: string) {}
}
class FakeScalar {
  disposed = false;
  constructor(readonly value: number) {}
  dispose() {
    this.disposed = true;
  }
}

function setup(opts: { initFails?: boolean; interruptFlag?: SharedArrayBuffer; api?: Record<string, unknown>; memory?: KernelMemory } = {}) {
  const posted: FromKernel[] = [];
  const transfers: Transferable[][] = [];
  const logged: unknown[][] = [];
  let backward: ((root: LossRoot<FakeScalar>) => void) | undefined;
  let mnistBase = "";
  let mnistProgress: ((p: { file: string; loaded: number; total: number }) => void) | undefined;
  const fakeConsole = {
    log: (...a: unknown[]) => logged.push(a),
    info: (...a: unknown[]) => logged.push(a),
    debug: (...a: unknown[]) => logged.push(a),
    warn: (...a: unknown[]) => logged.push(a),
    error: (...a: unknown[]) => logged.push(a),
  };
  const deps: KernelDeps<FakeScalar> = {
    api: {
      nn: { Module: FakeModule },
      checkInterrupt,
      /** Stands in for loss.backward(): core calls the onBackward listeners. */
      backwardOf: (v: number) => backward?.({ detach: () => ({ keep: () => new FakeScalar(v) }) }),
      tick: () => new Promise((r) => setTimeout(r, 1)),
      downloadSomething: () => mnistProgress?.({ file: "train-labels-idx1-ubyte.gz", loaded: 10, total: 20 }),
      console: fakeConsole, // in the worker, cells see the global console, which the kernel patches
      ...opts.api,
    },
    initBackend: async (choice) => {
      if (opts.initFails) throw new Error("no WebGPU adapter");
      return { backend: choice === "auto" ? "cpu" : choice, note: "picked for the test" };
    },
    configureMnist: (o) => {
      mnistBase = o.baseUrl;
      mnistProgress = o.onProgress;
    },
    setInterruptCheck,
    isModule: (v) => v instanceof FakeModule,
    stateDictToSafetensors: (m) => new TextEncoder().encode(`weights of ${(m as FakeModule).label}`),
    onBackward: (l) => {
      backward = l;
    },
    readScalars: (ts) => ts.map((t) => t.value),
    console: fakeConsole,
    memory: opts.memory,
  };
  const kernel = new Kernel(deps, (m, t) => {
    posted.push(m);
    transfers.push(t ?? []);
  });
  const send = (m: ToKernel) => kernel.receive(m);
  const init = { mnistBaseUrl: "http://x/mnist/", wasmBaseUrl: "http://x/wasm/", interruptFlag: opts.interruptFlag };
  send({ type: "init", backend: "auto", ...init });
  let n = 0;
  const exec = (code: string, runId = `r${++n}`) => send({ type: "execute", runId, cellId: `cell${n}`, code });
  const of = (runId: string) => posted.filter((m) => "runId" in m && m.runId === runId);
  const text = (runId: string, name = "stdout") =>
    of(runId)
      .filter((m): m is Extract<FromKernel, { type: "stream" }> => m.type === "stream" && m.name === name)
      .map((m) => m.text)
      .join("");
  return { kernel, posted, transfers, logged, send, exec, of, text, mnistBase: () => mnistBase, fakeConsole };
}

describe("Kernel", () => {
  it("starts: configures MNIST and the backend, then posts ready and idle", async () => {
    const k = setup();
    await k.kernel.idle();
    expect(k.posted).toEqual([
      { type: "ready", backend: "cpu", backendNote: "picked for the test" },
      { type: "status", state: "idle" },
    ]);
    expect(k.mnistBase()).toBe("http://x/mnist/");
  });

  it("MNIST download progress goes to the running cell", async () => {
    const k = setup();
    k.exec("downloadSomething()", "r1");
    await k.kernel.idle();
    expect(k.of("r1").find((m) => m.type === "progress")).toEqual({
      type: "progress",
      runId: "r1",
      label: "train-labels-idx1-ubyte.gz",
      loaded: 10,
      total: 20,
    });
  });

  it("a failed start is an error and an error state, and runs then say why they cannot run", async () => {
    const k = setup({ initFails: true });
    k.exec("1 + 1", "r1");
    await k.kernel.idle();
    expect(k.posted[0]).toMatchObject({ type: "error", evalue: expect.stringContaining("no WebGPU adapter") });
    expect(k.posted[1]).toEqual({ type: "status", state: "error" });
    expect(k.of("r1")).toEqual([
      expect.objectContaining({ type: "error", ename: "KernelError" }),
      { type: "done", runId: "r1", ok: false, elapsedMs: 0 },
    ]);
  });

  it("runs a cell: busy, captured print/console output, the result, done, idle — in that order", async () => {
    const k = setup();
    k.exec('print("loss", 0.5, [1, 2]);\nconsole.log("log");\nconsole.warn("careful");\nconst a = 20;\na + 1;', "r1");
    await k.kernel.idle();
    const types = k.posted.slice(2).map((m) => (m.type === "stream" ? `stream:${m.name}` : m.type));
    // The first chunk goes at once; what follows within 100 ms is merged per stream, in order.
    expect(types).toEqual(["status", "stream:stdout", "stream:stdout", "stream:stderr", "display", "done", "status"]);
    expect(k.text("r1")).toBe("loss 0.5 [1, 2]\nlog\n");
    expect(k.text("r1", "stderr")).toBe("careful\n");
    expect(k.of("r1").find((m) => m.type === "display")).toMatchObject({ data: { "text/plain": "21" } });
    expect(k.of("r1").at(-1)).toMatchObject({ type: "done", ok: true });
    expect(k.logged).toEqual([]); // nothing leaked to the real console during the run
  });

  it("queues runs one at a time, in order, sharing one scope", async () => {
    const k = setup();
    k.exec("await tick();\nconst shared = 1;\nprint('first')", "r1");
    k.exec("print('second', shared + 1)", "r2");
    await k.kernel.idle();
    const dones = k.posted.filter((m) => m.type === "done").map((m) => (m as { runId: string }).runId);
    expect(dones).toEqual(["r1", "r2"]);
    expect(k.text("r2")).toBe("second 2\n");
  });

  it("reports a runtime error with the cell line, then done(ok: false)", async () => {
    const k = setup();
    k.exec("const a = 1;\n\nundefinedThing.x;", "r1");
    await k.kernel.idle();
    const err = k.of("r1").find((m) => m.type === "error");
    expect(err).toMatchObject({ ename: "ReferenceError", line: 3 });
    expect(k.of("r1").at(-1)).toMatchObject({ type: "done", ok: false });
  });

  it("reports a syntax error with a caret under the column", async () => {
    const k = setup();
    k.exec("const ok = 1;\nconst bad = ;", "r1");
    await k.kernel.idle();
    const err = k.of("r1").find((m) => m.type === "error") as Extract<FromKernel, { type: "error" }>;
    expect(err).toMatchObject({ ename: "SyntaxError", line: 2, column: 13 });
    expect(err.traceback).toEqual(["  Cell, line 2", "    const bad = ;", `    ${" ".repeat(12)}^`, `SyntaxError: ${err.evalue}`]);
  });

  it("log() streams metric points in batches, counting steps per run", async () => {
    const k = setup();
    k.exec("for (let i = 0; i < 5; i++) log({ acc: i / 10 });\nlog({ acc: 1 }, { axis: 'epoch' })", "r1");
    await k.kernel.idle();
    const batches = k.of("r1").filter((m) => m.type === "metrics") as Extract<FromKernel, { type: "metrics" }>[];
    expect(batches.length).toBeLessThanOrEqual(2); // first point at once, the rest in one batch
    const points = batches.flatMap((b) => b.points);
    expect(points.map((p) => [p.name, p.axis, p.step, p.value])).toEqual([
      ["acc", "step", 1, 0],
      ["acc", "step", 2, 0.1],
      ["acc", "step", 3, 0.2],
      ["acc", "step", 4, 0.3],
      ["acc", "step", 5, 0.4],
      ["acc", "epoch", 1, 1],
    ]);
  });

  it("log() rejects a tensor with the fix", async () => {
    const k = setup();
    k.exec("log({ loss: { item: () => 1 } as any })", "r1");
    await k.kernel.idle();
    expect(k.of("r1").find((m) => m.type === "error")).toMatchObject({
      ename: "TypeError",
      evalue: expect.stringContaining("pass loss.item() instead of the tensor"),
    });
  });

  it("charts the loss of every backward() automatically, read in batches at the end of the run", async () => {
    const k = setup();
    k.exec("for (const v of [0.9, 0.5, 0.2]) backwardOf(v);", "r1");
    await k.kernel.idle();
    const points = (k.of("r1").filter((m) => m.type === "metrics") as Extract<FromKernel, { type: "metrics" }>[]).flatMap(
      (b) => b.points,
    );
    expect(points).toEqual([
      { name: "loss", axis: "step", step: 1, value: 0.9 },
      { name: "loss", axis: "step", step: 2, value: 0.5 },
      { name: "loss", axis: "step", step: 3, value: 0.2 },
    ]);
  });

  it("exportWeights() in a cell posts a download with the buffer transferred", async () => {
    const k = setup();
    k.exec('const net = new nn.Module("net");\nexportWeights(net, "net.safetensors")', "r1");
    await k.kernel.idle();
    const i = k.posted.findIndex((m) => m.type === "download");
    const dl = k.posted[i] as Extract<FromKernel, { type: "download" }>;
    expect(dl).toMatchObject({ runId: "r1", filename: "net.safetensors", mime: "application/octet-stream" });
    expect(new TextDecoder().decode(dl.buffer)).toBe("weights of net");
    expect(k.transfers[i]).toEqual([dl.buffer]);
  });

  it("the export button picks `model`, else the most recently assigned Module, else explains", async () => {
    const k = setup();
    k.send({ type: "export-weights", requestId: "q0" });
    k.exec('const a = new nn.Module("a");\nconst b = new nn.Module("b");\nconst notModel = 1;');
    k.send({ type: "export-weights", requestId: "q1" });
    k.exec('const a = new nn.Module("a2");');
    k.send({ type: "export-weights", requestId: "q2" });
    k.exec('const model = new nn.Module("m");\nconst c = new nn.Module("c");');
    k.send({ type: "export-weights", requestId: "q3" });
    await k.kernel.idle();
    const answer = (id: string) => k.posted.find((m) => "requestId" in m && m.requestId === id);
    expect(answer("q0")).toMatchObject({
      type: "error",
      evalue: "No model to export: define one, e.g. const model = new nn.Linear(784, 10)",
    });
    const weights = (id: string) => new TextDecoder().decode((answer(id) as { buffer: ArrayBuffer }).buffer);
    expect(weights("q1")).toBe("weights of b");
    expect(weights("q2")).toBe("weights of a2");
    expect(weights("q3")).toBe("weights of m");
  });

  it("interrupt stops the running cell between awaits; the next run starts clean", async () => {
    const k = setup();
    k.exec("for (let i = 0; ; i++) { checkInterrupt(); await tick(); }", "r1");
    // The next run contains a loop that checks for interrupts: a flag left set from r1 would kill it.
    k.exec("for (let i = 0; i < 3; i++) { checkInterrupt(); await tick(); }\nprint('after')", "r2");
    await new Promise((r) => setTimeout(r, 20));
    k.send({ type: "interrupt", runId: "r1" });
    await k.kernel.idle();
    expect(k.of("r1").find((m) => m.type === "error")).toMatchObject({ ename: "KeyboardInterrupt" });
    expect(k.of("r2").find((m) => m.type === "error")).toBeUndefined();
    expect(k.text("r2")).toBe("after\n");
  });

  it("running out of memory is a clear error naming what is held; a poisoned backend asks for a restart", async () => {
    const MB = 2 ** 20;
    let alive = false;
    const memory: KernelMemory = {
      report: () => ({ bytes: 2048 * MB, tensors: 33, largest: [{ name: "big", bytes: 64 * MB, shape: [4096, 4096] }] }),
      probe: () => alive,
    };
    const aborted = () => {
      const e = new Error("Aborted()");
      e.name = "RuntimeError";
      throw e;
    };
    const k = setup({ memory, api: { allocate: aborted } });
    k.exec("const small = 1;\nallocate();", "r1");
    await k.kernel.idle();
    const error = k.of("r1").find((m) => m.type === "error");
    expect(error).toMatchObject({
      ename: "OutOfMemoryError",
      evalue:
        "out of memory: the kernel holds 2048 MB in 33 tensors (largest: big 64 MB [4096, 4096]; 1984 MB held by no variable " +
        "(tensors kept with .keep(), or in closures)); free tensors (x.dispose(), drop .keep() in loops, smaller batches) or restart",
      line: 2,
    });
    expect(error!.type === "error" && error!.traceback.join("\n")).toMatch(/from the backend: RuntimeError: Aborted\(\)[\s\S]*restarts itself now: the notebook and its outputs are kept/);
    expect(k.of("r1").find((m) => m.type === "out-of-memory")).toMatchObject({ restarting: true, message: expect.stringContaining("out of memory: the kernel holds 2048 MB") });

    // A backend that still computes (tfjs cpu's RangeError) stays: same error, no restart.
    alive = true;
    k.exec("allocate()", "r2");
    await k.kernel.idle();
    expect(k.of("r2").find((m) => m.type === "out-of-memory")).toMatchObject({ restarting: false, message: expect.stringContaining("still usable") });
    // Any other error is left as it was.
    k.exec("throw new TypeError('not memory')", "r3");
    await k.kernel.idle();
    expect(k.of("r3").find((m) => m.type === "error")).toMatchObject({ ename: "TypeError", evalue: "not memory" });
    expect(k.of("r3").find((m) => m.type === "out-of-memory")).toBeUndefined();
  });

  it("interrupting a queued run cancels it before it starts", async () => {
    const k = setup();
    k.exec("await tick();", "r1");
    k.exec("print('never')", "r2");
    k.send({ type: "interrupt", runId: "r2" });
    await k.kernel.idle();
    expect(k.text("r2")).toBe("");
    expect(k.of("r2")).toEqual([
      expect.objectContaining({ type: "error", ename: "KeyboardInterrupt" }),
      { type: "done", runId: "r2", ok: false, elapsedMs: 0 },
    ]);
  });

  it("reads the shared interrupt flag (a synchronous loop's only way out), and resets it when a run starts", async () => {
    const sab = new SharedArrayBuffer(4);
    const flag = new Int32Array(sab);
    // Single-threaded test: the "page" sets the flag from inside the loop, as another thread would.
    const k = setup({ interruptFlag: sab, api: { pageInterrupts: () => Atomics.store(flag, 0, 1) } });
    await k.kernel.idle();
    Atomics.store(flag, 0, 1); // left over from before the run: must not interrupt it
    k.exec("checkInterrupt(); print('ran')", "r1");
    k.exec("for (let i = 0; ; i++) { if (i === 1000) pageInterrupts(); checkInterrupt(); }", "r2");
    await k.kernel.idle();
    expect(k.text("r1")).toBe("ran\n");
    expect(k.of("r2").find((m) => m.type === "error")).toMatchObject({ ename: "KeyboardInterrupt", line: 1 });
  });

  it("uncaught errors outside cell code are reported by name, error-like events included", async () => {
    const k = setup();
    await k.kernel.idle();
    k.kernel.reportUncaught({ message: "Uncaught ReferenceError: e is not defined" }); // a worker's ErrorEvent
    k.kernel.reportUncaught("something odd");
    const errors = k.posted.filter((m) => m.type === "error");
    expect(errors[0]).toMatchObject({ ename: "ReferenceError", evalue: "e is not defined" });
    expect(errors[1]).toMatchObject({ ename: "Error", evalue: "something odd" });
  });

  it("sends tables, plots and images as MIME bundles, in the order the cell made them", async () => {
    const k = setup();
    k.exec('showImages([[[0, 1], [1, 0]]], { labels: [3] });\ndisplay([{ a: 1 }]);\nplot([1, 2]);', "r1");
    await k.kernel.idle();
    const kinds = k.of("r1").map((m) => (m.type === "display" ? Object.keys(m.data).sort().join("+") : m.type));
    expect(kinds).toEqual(["image/png+text/plain", "text/html+text/plain", "application/vnd.gradbook.chart+json+text/plain", "done"]);
    expect(k.of("r1")[0]).toMatchObject({ data: { "text/plain": "1 image [1, 2, 2], labels: 3" } });
  });
});
