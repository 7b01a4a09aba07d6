// The kernel client's request/reply side channel: weights export/import, MNIST upload, widgets and the inspector.
// Each request carries an id; the reply settles it; a replaced worker settles every open one.
import type { WeightsOutcome } from "./client-types";
import { PendingReplies } from "./pending-replies";
import type { ExportFormat, FromKernel, ToKernel, VarInfo, WidgetReply, WidgetRequest } from "../protocol";

export class KernelRequests {
  /** Widget requests waiting for their reply; a replaced worker answers them all with "gone". */
  private readonly widgets = new PendingReplies<WidgetReply>();
  private readonly inspections = new PendingReplies<VarInfo[]>();
  /** Export/Import control requests waiting for their `weights-result` or `error`. */
  private readonly weights = new PendingReplies<WeightsOutcome>();
  private readonly idPrefix = Math.random().toString(36).slice(2, 8);
  private nextId = 0;

  /** `send` posts to the current worker (starting it if needed). */
  constructor(private readonly send: (message: ToKernel, transfer: Transferable[]) => void) {}

  /** A reply from the kernel: settles its request. */
  reply(message: Extract<FromKernel, { type: "widget-reply" | "inspect-reply" | "weights-result" }>): void {
    if (message.type === "widget-reply") this.widgetReply(message.requestId, message.reply);
    else if (message.type === "inspect-reply") this.inspectReply(message.requestId, message.vars);
    else this.weightsReply(message.requestId, { ok: true, message: message.message });
  }

  exportWeights(format?: ExportFormat): Promise<WeightsOutcome> {
    return this.weightsRequest("export", (requestId) => ({ type: "export-weights", requestId, ...(format ? { format } : {}) }));
  }

  importWeights(filename: string, buffer: ArrayBuffer): Promise<WeightsOutcome> {
    return this.weightsRequest("import", (requestId) => ({ type: "import-weights", requestId, filename, buffer }));
  }

  importMnist(files: Array<{ name: string; buffer: ArrayBuffer }>): Promise<WeightsOutcome> {
    return this.weightsRequest("mnist", (requestId) => ({ type: "import-mnist", requestId, files }));
  }

  widget(widgetId: string, request: WidgetRequest): Promise<WidgetReply> {
    const requestId = this.id("widget");
    const reply = this.widgets.wait(requestId);
    this.send({ type: "widget", requestId, widgetId, request }, []);
    return reply;
  }

  inspect(): Promise<VarInfo[]> {
    const requestId = this.id("inspect");
    const reply = this.inspections.wait(requestId);
    this.send({ type: "inspect", requestId }, []);
    return reply;
  }

  widgetReply(requestId: string, reply: WidgetReply): void {
    this.widgets.answer(requestId, reply);
  }

  inspectReply(requestId: string, vars: VarInfo[]): void {
    this.inspections.answer(requestId, vars);
  }

  weightsReply(requestId: string, outcome: WeightsOutcome): void {
    this.weights.answer(requestId, outcome);
  }

  /** The worker that would answer is gone: every open request ends now. */
  settleAll(): void {
    this.widgets.settleAll({ status: "gone" });
    this.inspections.settleAll([]); // a fresh kernel has no variables
    this.weights.settleAll({ ok: false, message: "The kernel restarted before answering." });
  }

  private id(kind: string): string {
    this.nextId += 1;
    return `${kind}-${this.idPrefix}-${this.nextId}`;
  }

  private weightsRequest(kind: string, message: (requestId: string) => ToKernel): Promise<WeightsOutcome> {
    const requestId = this.id(kind);
    const reply = this.weights.wait(requestId);
    const msg = message(requestId);
    const transfer = msg.type === "import-weights" ? [msg.buffer] : msg.type === "import-mnist" ? msg.files.map((f) => f.buffer) : [];
    this.send(msg, transfer);
    return reply;
  }
}
