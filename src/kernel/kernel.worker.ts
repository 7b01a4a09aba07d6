// The kernel Web Worker (ES module): wires the real engine into Kernel and the worker's message port. Logic lives in kernel.ts.
/// <reference lib="webworker" />
import { initBackend } from "../core/backend";
import { onBackward } from "../core/hooks";
import { readScalars } from "../core/readback";
import { configureMnist } from "../data/mnist";
import { stateDictToSafetensors } from "../io/export";
import { setInterruptCheck } from "../lib/interrupt";
import { Module } from "../nn/module";
import { api } from "./api";
import { Kernel } from "./kernel";
import type { FromKernel, ToKernel } from "./protocol";

const worker = self as unknown as DedicatedWorkerGlobalScope;

const post = (msg: FromKernel, transfer: Transferable[] = []) => worker.postMessage(msg, transfer);

const kernel = new Kernel(
  {
    api,
    initBackend,
    configureMnist,
    setInterruptCheck,
    isModule: (value) => value instanceof Module,
    stateDictToSafetensors,
    onBackward,
    readScalars,
    console,
  },
  post,
);

worker.addEventListener("message", (event: MessageEvent<ToKernel>) => {
  try {
    kernel.receive(event.data);
  } catch (e) {
    kernel.reportUncaught(e);
  }
});
// Reported as an `error` message, so the default action (a second, vaguer report on the page's Worker) is cancelled.
worker.addEventListener("error", (event) => {
  event.preventDefault();
  kernel.reportUncaught(event.error ?? event.message);
});
worker.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  kernel.reportUncaught(event.reason);
});

post({ type: "status", state: "starting" });
