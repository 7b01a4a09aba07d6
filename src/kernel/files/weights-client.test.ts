// The client's Export/Import requests: the file travels in the transfer list; the answer (or error) resolves the promise.
import { describe, expect, it } from "vitest";
import { KernelClient, type KernelEvent, type WorkerLike } from "../client/client";
import type { FromKernel, ToKernel } from "../protocol";

class FakeWorker implements WorkerLike {
  sent: Array<[ToKernel, Transferable[] | undefined]> = [];
  onmessage: ((event: MessageEvent<FromKernel>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: ToKernel, transfer?: Transferable[]): void {
    this.sent.push([message, transfer]);
  }
  terminate(): void {}
  reply(message: FromKernel): void {
    this.onmessage?.({ data: message } as MessageEvent<FromKernel>);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = new KernelClient({
    backend: "cpu",
    mnistBaseUrl: "http://x/",
    wasmBaseUrl: "http://x/",
    sharedInterrupt: false,
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    saveFile: () => {},
  });
  const events: KernelEvent[] = [];
  client.on((e) => events.push(e));
  client.start();
  return { client, worker: workers[0], events };
}

describe("KernelClient weights requests", () => {
  it("importWeights transfers the buffer and resolves with the kernel's weights-result", async () => {
    const { client, worker } = setup();
    const buffer = new Uint8Array([1, 2, 3]).buffer;
    const done = client.importWeights("w.safetensors", buffer);
    const [msg, transfer] = worker.sent.at(-1)!;
    expect(msg).toMatchObject({ type: "import-weights", filename: "w.safetensors", buffer });
    expect(transfer).toEqual([buffer]);
    worker.reply({ type: "weights-result", requestId: (msg as { requestId: string }).requestId, message: "Loaded 2 tensors" });
    expect(await done).toEqual({ ok: true, message: "Loaded 2 tensors" });
  });

  it("exportWeights sends the format; an error for the request resolves ok: false and still shows as a kernel error", async () => {
    const { client, worker, events } = setup();
    const done = client.exportWeights("tfjs");
    const [msg] = worker.sent.at(-1)!;
    expect(msg).toMatchObject({ type: "export-weights", format: "tfjs" });
    const requestId = (msg as { requestId: string }).requestId;
    worker.reply({ type: "error", requestId, ename: "ValueError", evalue: "No model to export", traceback: [] });
    expect(await done).toEqual({ ok: false, message: "ValueError: No model to export" });
    expect(events).toContainEqual({ type: "kernel-error", ename: "ValueError", evalue: "No model to export" });
  });

  it("a restart answers pending requests", async () => {
    const { client } = setup();
    const done = client.exportWeights();
    client.restart();
    expect(await done).toEqual({ ok: false, message: "The kernel restarted before answering." });
  });
});
