// Test helper (never imported by app code): a stand-in for the kernel's worker and a KernelClient started on it,
// so client tests post messages as the worker would and read what the client sent.
import type { FromKernel, ToKernel } from "../protocol";
import { KernelClient, type KernelEvent, type WorkerLike } from "./client";
import type { KernelClientOptions } from "./client-types";

export class FakeWorker implements WorkerLike {
  /** What the client posted, in order, with each message's transfer list. */
  sent: ToKernel[] = [];
  transfers: Array<Transferable[] | undefined> = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromKernel>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  postMessage(message: ToKernel, transfer?: Transferable[]): void {
    this.sent.push(message);
    this.transfers.push(transfer);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** A message from the kernel. */
  reply(message: FromKernel): void {
    this.onmessage?.({ data: message } as MessageEvent<FromKernel>);
  }
}

/** A started KernelClient on fake workers (`make` builds each; a restart makes a new one); `worker()` is the current one. */
export function fakeClient<W extends FakeWorker = FakeWorker>(options: Partial<KernelClientOptions> = {}, make: () => W = () => new FakeWorker() as W) {
  const workers: W[] = [];
  const client = new KernelClient({
    backend: "cpu",
    mnistBaseUrl: "http://x/mnist/",
    wasmBaseUrl: "http://x/wasm/",
    sharedInterrupt: false,
    createWorker: () => {
      const w = make();
      workers.push(w);
      return w;
    },
    ...options,
  });
  const events: KernelEvent[] = [];
  client.on((e) => events.push(e));
  client.start();
  return { client, workers, events, worker: () => workers[workers.length - 1] };
}
