// The kernel Worker itself: how the client creates it and listens to it (a replaced worker's last words go nowhere).
import { saveWithAnchor } from "./client-browser";
import type { KernelClientOptions, WorkerLike } from "./client-types";
import type { FromKernel } from "../protocol";

/** The real kernel: a module Worker running worker/kernel.worker.ts. */
export function defaultWorker(): WorkerLike {
  return new Worker(new URL("../worker/kernel.worker.ts", import.meta.url), { type: "module" });
}

/** What the client does with each of the worker's events. */
export interface WorkerEvents {
  /** False once the client replaced this worker: its events are then ignored. */
  isCurrent(): boolean;
  message(message: FromKernel): void;
  /** The worker threw past its own catch, or failed to load. */
  failed(reason: string): void;
  /** A message could not be deserialised. */
  unreadable(): void;
}

export function bindWorker(worker: WorkerLike, on: WorkerEvents): void {
  worker.onmessage = (event) => {
    if (on.isCurrent()) on.message(event.data);
  };
  worker.onerror = (event) => {
    if (on.isCurrent()) on.failed(event.message || "the kernel worker failed to load");
  };
  worker.onmessageerror = () => {
    if (on.isCurrent()) on.unreadable();
  };
}

/** The client's options with every default filled in. */
export type ResolvedOptions = Required<Omit<KernelClientOptions, "sharedInterrupt">> & { sharedInterrupt: boolean };

export function resolveOptions(options: KernelClientOptions): ResolvedOptions {
  return {
    createWorker: defaultWorker,
    saveFile: saveWithAnchor,
    interruptGraceMs: 3000,
    // Tests pass a fake worker: no heartbeat unless they ask for one.
    heartbeatMs: options.createWorker ? 0 : 2000,
    ...options,
    sharedInterrupt: options.sharedInterrupt ?? (typeof crossOriginIsolated !== "undefined" && crossOriginIsolated),
  };
}
