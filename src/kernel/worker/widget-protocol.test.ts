// The widget round trip: drawPad() in a cell registers a widget; the page's requests get replies at once, until the cell re-runs.
import { describe, expect, it } from "vitest";
import { KernelClient, type WorkerLike } from "../client/client";
import { DRAWPAD_MIME } from "../builtins/drawpad";
import type { FromKernel, ToKernel, WidgetReply } from "../protocol";
import { testKernel } from "./test-kernel";

function realKernel() {
  const k = testKernel();
  const run = (cellId: string, code: string) => k.run(code, { cellId });
  let q = 0;
  const ask = (widgetId: string, request: Extract<ToKernel, { type: "widget" }>["request"]): WidgetReply => {
    k.kernel.receive({ type: "widget", requestId: `q${++q}`, widgetId, request });
    const reply = k.posted.at(-1);
    if (reply?.type !== "widget-reply") throw new Error(`no widget reply: ${JSON.stringify(reply)}`);
    return reply.reply;
  };
  return { run, ask };
}

describe("widget protocol", () => {
  it("a draw pad answers ping and predict at once, and is gone after its cell re-runs", async () => {
    const k = realKernel();
    const code = "manualSeed(0);\nconst model = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 10));\ndrawPad(model, { classes: 'abcdefghij'.split('') });";
    const out = await k.run("pad", code);
    const display = out.find((m) => m.type === "display");
    expect(display?.type === "display" && display.data["text/plain"]).toBe("draw pad: re-run the cell to use it");
    const payload = display?.type === "display" ? (display.data[DRAWPAD_MIME] as { widgetId: string; classes: string[] }) : undefined;
    expect(payload?.classes[9]).toBe("j");
    const id = payload!.widgetId;
    expect(k.ask(id, { kind: "ping" })).toEqual({ status: "ready" });
    const reply = k.ask(id, { kind: "predict", pixels: new Array(784).fill(0) });
    expect(reply.status).toBe("probs");
    expect(k.ask("w-unknown", { kind: "ping" })).toEqual({ status: "gone" });
    await k.run("other", "print(1)");
    expect(k.ask(id, { kind: "ping" })).toEqual({ status: "ready" });
    await k.run("pad", "print(2)");
    expect(k.ask(id, { kind: "ping" })).toEqual({ status: "gone" });
  });

  it("the client resolves replies by request id, and answers 'gone' when its worker is replaced", async () => {
    const workers: Array<WorkerLike & { sent: ToKernel[] }> = [];
    const client = new KernelClient({
      backend: "cpu",
      mnistBaseUrl: "http://x/",
      wasmBaseUrl: "http://x/",
      sharedInterrupt: false,
      createWorker: () => {
        const w = { sent: [] as ToKernel[], onmessage: null, onerror: null, terminate() {}, postMessage(m: ToKernel) { w.sent.push(m); } };
        workers.push(w);
        return w;
      },
    });
    const first = client.widgetRequest("w-1", { kind: "ping" });
    const sent = workers[0].sent.at(-1) as Extract<ToKernel, { type: "widget" }>;
    expect(sent).toMatchObject({ type: "widget", widgetId: "w-1", request: { kind: "ping" } });
    workers[0].onmessage?.({ data: { type: "widget-reply", requestId: sent.requestId, widgetId: "w-1", reply: { status: "ready" } } } as MessageEvent<FromKernel>);
    await expect(first).resolves.toEqual({ status: "ready" });
    const pending = client.widgetRequest("w-1", { kind: "predict", pixels: [] });
    client.restart();
    await expect(pending).resolves.toEqual({ status: "gone" });
    client.dispose();
  });
});
