// The client's Export/Import requests: the file travels in the transfer list; the answer (or error) resolves the promise.
import { describe, expect, it } from "vitest";
import { fakeClient } from "../client/fake-worker";

function setup() {
  const { client, worker, events } = fakeClient({ saveFile: () => {} });
  return { client, worker: worker(), events };
}

describe("KernelClient weights requests", () => {
  it("importWeights transfers the buffer and resolves with the kernel's weights-result", async () => {
    const { client, worker } = setup();
    const buffer = new Uint8Array([1, 2, 3]).buffer;
    const done = client.importWeights("w.safetensors", buffer);
    const [msg, transfer] = [worker.sent.at(-1)!, worker.transfers.at(-1)];
    expect(msg).toMatchObject({ type: "import-weights", filename: "w.safetensors", buffer });
    expect(transfer).toEqual([buffer]);
    worker.reply({ type: "weights-result", requestId: (msg as { requestId: string }).requestId, message: "Loaded 2 tensors" });
    expect(await done).toEqual({ ok: true, message: "Loaded 2 tensors" });
  });

  it("exportWeights sends the format; an error for the request resolves ok: false and still shows as a kernel error", async () => {
    const { client, worker, events } = setup();
    const done = client.exportWeights("tfjs");
    const msg = worker.sent.at(-1)!;
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
