// Tests for the headless run loop: the real KernelClient over a scripted fake worker (the e2e spec runs the real kernel).
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { newNotebook, sourceToString, type Cell, type CodeCell } from "../../io/ipynb";
import schema from "../../io/nbformat.v4.5.schema.json";
import { KernelClient, type WorkerLike } from "../../kernel/client/client";
import type { FromKernel, ToKernel } from "../../kernel/protocol";
import { CHART_MIME } from "../types";
import { runNotebook, type RunnerEvent } from "./run-notebook";

/** Answers like the kernel: `print(x)` streams x, `fail` errors on the cell's 2nd line, `hang` never ends, `chart` logs. */
class ScriptedWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<FromKernel>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  executed: string[] = [];
  constructor(private readonly startFails = false) {}
  private reply(message: FromKernel): void {
    queueMicrotask(() => this.onmessage?.({ data: message } as MessageEvent<FromKernel>));
  }
  postMessage(message: ToKernel): void {
    if (message.type === "init") {
      if (this.startFails) this.reply({ type: "error", ename: "Error", evalue: "Kernel start failed: no wasm", traceback: [] });
      else this.reply({ type: "ready", backend: "wasm", backendNote: "" });
      return;
    }
    if (message.type === "interrupt") {
      const { runId } = message;
      this.reply({ type: "error", runId, ename: "KeyboardInterrupt", evalue: "Interrupted", traceback: ["KeyboardInterrupt: Interrupted"] });
      this.reply({ type: "done", runId, ok: false, elapsedMs: 1 });
      return;
    }
    if (message.type !== "execute") return;
    const { runId, code } = message;
    this.executed.push(code);
    if (code.includes("hang")) return;
    for (const m of code.matchAll(/print\((.*)\)/g)) this.reply({ type: "stream", runId, name: "stdout", text: `${m[1]}\n` });
    if (code.includes("chart")) this.reply({ type: "metrics", runId, points: [{ name: "loss", step: 1, value: 2, axis: "step" }] });
    if (code.includes("fail")) {
      this.reply({ type: "error", runId, ename: "RuntimeError", evalue: "boom", line: 2, traceback: ["  Cell, line 2", "RuntimeError: boom"] });
    }
    this.reply({ type: "done", runId, ok: !code.includes("fail"), elapsedMs: 3 });
  }
  terminate(): void {}
}

const code = (id: string, source: string, extra: Partial<CodeCell> = {}): Cell => ({
  id,
  cell_type: "code",
  metadata: {},
  source,
  outputs: [],
  execution_count: null,
  ...extra,
});

function client(worker: ScriptedWorker) {
  return new KernelClient({ backend: "wasm", mnistBaseUrl: "http://x/", wasmBaseUrl: "http://x/", sharedInterrupt: false, createWorker: () => worker });
}

const stale = { output_type: "stream", name: "stdout", text: "old\n" } as const;

describe("runNotebook", () => {
  it("runs every code cell in order, counts from 1, clears old outputs, injects parameters, writes valid nbformat", async () => {
    const worker = new ScriptedWorker();
    const nb = newNotebook([
      { id: "md", cell_type: "markdown", metadata: {}, source: "# hi" },
      code("p", "const epochs = 2;", { metadata: { tags: ["parameters"] } }),
      code("empty", "  \n"),
      code("a", "print(epochs); chart", { outputs: [stale], execution_count: 7 }),
    ]);
    const events: RunnerEvent[] = [];
    const { notebook, status } = await runNotebook(client(worker), nb, { parameters: { epochs: 1 }, onEvent: (e) => events.push(e) });

    expect(status).toEqual({ ok: true, backend: "wasm" });
    expect(worker.executed).toEqual(["const epochs = 2;", "// Parameters (injected by the headless runner)\nepochs = 1;\n", "print(epochs); chart"]);
    const counts = notebook.cells.map((c) => (c.cell_type === "code" ? c.execution_count : "md"));
    expect(counts).toEqual(["md", 1, 2, null, 3]);
    const last = notebook.cells[4] as CodeCell;
    expect(last.outputs[0]).toEqual({ output_type: "stream", name: "stdout", text: "epochs\n" });
    expect(last.outputs[1]).toMatchObject({ output_type: "display_data", data: { [CHART_MIME]: { points: [{ name: "loss" }] } } });
    expect(last.outputs[1]).toMatchObject({ data: { "text/plain": "Chart: loss (1 points)" }, metadata: {} });
    expect(Object.keys(last.metadata.execution as object)).toContain("shell.execute_reply");
    expect(events.filter((e) => e.type === "cell-done").map((e) => e.type === "cell-done" && `${e.done}/${e.total}:${e.index}`)).toEqual([
      "1/3:1",
      "2/3:2",
      "3/3:4",
    ]);
    expect(events).toContainEqual({ type: "stream", index: 4, name: "stdout", text: "epochs\n" });

    const ajv = new Ajv({ strict: false });
    const { $schema: _drop, ...draft07 } = schema as Record<string, unknown>;
    const validate = ajv.compile(draft07);
    validate(JSON.parse(JSON.stringify(notebook)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it("stops at the first failing cell, names it and its line, and keeps the outputs so far", async () => {
    const worker = new ScriptedWorker();
    const nb = newNotebook([code("ok", "print(1)"), code("bad", "const a = 1;\nfail();"), code("after", "print(2)", { outputs: [stale] })]);
    const { notebook, status } = await runNotebook(client(worker), nb);
    expect(worker.executed).toEqual(["print(1)", "const a = 1;\nfail();"]);
    expect(status.ok).toBe(false);
    expect(status.failedCell).toEqual({
      index: 1,
      cellId: "bad",
      executionCount: 2,
      ename: "RuntimeError",
      evalue: "boom",
      line: 2,
      sourceLine: "fail();",
      traceback: ["  Cell, line 2", "RuntimeError: boom"],
    });
    const cells = notebook.cells as CodeCell[];
    expect(cells[0].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "1\n" }]);
    expect(cells[1].outputs).toEqual([{ output_type: "error", ename: "RuntimeError", evalue: "boom", traceback: ["  Cell, line 2", "RuntimeError: boom"] }]);
    expect(cells[2]).toMatchObject({ outputs: [], execution_count: null });
    expect(sourceToString(cells[2].source)).toBe("print(2)");
  });

  it("interrupts a cell that outlives the timeout and reports a TimeoutError", async () => {
    const worker = new ScriptedWorker();
    const nb = newNotebook([code("slow", "hang()"), code("next", "print(1)")]);
    const { status } = await runNotebook(client(worker), nb, { cellTimeoutMs: 20 });
    expect(status.failedCell).toMatchObject({ cellId: "slow", ename: "TimeoutError" });
    expect(status.failedCell!.traceback.at(-1)).toMatch(/longer than 0.02 s/);
    expect(worker.executed).toEqual(["hang()"]);
  });

  it("fails with the kernel's reason when the kernel never starts", async () => {
    const nb = newNotebook([code("a", "print(1)")]);
    const { status } = await runNotebook(client(new ScriptedWorker(true)), nb);
    expect(status.ok).toBe(false);
    expect(status.failedCell).toBeUndefined();
    expect(status.error).toMatch(/did not start: Error: Kernel start failed: no wasm/);
  });
});
