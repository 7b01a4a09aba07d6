// The bench worker: starts the requested backend, then times our API and the tfjs Layers peer, model by model; on
// fastcpu also the jax-js peer (its own wasm backend) and the sgemm ceiling.
import { initBackend } from "../src/core";
import { fastCpuThreads } from "../src/core/fastcpu/threaded";
import { kernelVariant } from "../src/core/fastcpu/variant";
import { makeBatches } from "./data";
import { describeDevice } from "./device-info";
import { jaxInfer, jaxTrain, startJaxWasm } from "./jaxjs";
import { layersCase, type LayersCase } from "./layers";
import { oursInfer, oursTrain, oursUnavailable } from "./ours";
import type { BackendRun, BenchBackend, BenchPlan, Impl, Measurement, ModelName, Phase, RunMessage, WorkerEvent } from "./protocol";
import { timeSgemm } from "./sgemm";
import { timeBlocks, type MakeBlock } from "./timing";

const post = (e: WorkerEvent) => self.postMessage(e);

async function measure(impl: Impl, model: ModelName, batch: number, phase: Phase, plan: BenchPlan, make: () => MakeBlock): Promise<Measurement> {
  const m: Measurement = { impl, model, batch, phase };
  try {
    m.timing = await timeBlocks(make(), plan);
  } catch (e) {
    m.error = e instanceof Error ? e.message : String(e);
  }
  return m;
}

async function run(plan: BenchPlan, wasmBaseUrl: string): Promise<BackendRun> {
  const out: BackendRun = { requested: plan.backend, userAgent: navigator.userAgent, measurements: [] };
  try {
    const one = plan.backend === "fastcpu1";
    const info = await initBackend(one ? "fastcpu" : (plan.backend as Exclude<BenchBackend, "fastcpu1">), { wasmBaseUrl, ...(one ? { threads: 1 } : {}) });
    out.backend = one && info.backend === "fastcpu" ? "fastcpu1" : info.backend;
    out.note = out.backend === plan.backend ? `${await describeDevice(info.backend)}; ${info.note}` : info.note;
  } catch (e) {
    out.startError = e instanceof Error ? e.message : String(e);
  }
  if (out.backend !== plan.backend) return out;
  const cpu = plan.backend === "fastcpu" || plan.backend === "fastcpu1";
  if (cpu) {
    out.threads = fastCpuThreads();
    out.kernels = kernelVariant();
    try {
      out.sgemm = await timeSgemm(plan.sgemm, plan, out.threads);
    } catch (e) {
      out.note = `${out.note ?? ""}; sgemm failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  // jax-js beside fastcpu (both wasm on the CPU, all threads): same worker, same batches, same timing plan.
  const jax = plan.jaxjs && plan.backend === "fastcpu" ? await startJaxWasm() : "not requested";
  if (plan.jaxjs && plan.backend === "fastcpu" && jax) out.jaxjsError = jax;
  const record = (m: Measurement) => {
    out.measurements.push(m);
    post({ type: "progress", measurement: m });
  };
  const started = performance.now();
  // The jax-js peer's time does not count against this backend's budget (its slow CNN would crowd out our own cases).
  let peerMs = 0;
  for (const model of plan.models) {
    for (const batch of plan.batches) {
      if (plan.backendBudgetMs > 0 && performance.now() - started - peerMs > plan.backendBudgetMs) {
        const skipped = `n/a: over this backend's time budget (${plan.backendBudgetMs / 1000} s; raise it with --budget)`;
        const impls: Impl[] = jax ? ["ours", "layers"] : ["ours", "layers", "jaxjs"];
        for (const impl of impls) for (const phase of ["train", "infer"] as const) record({ impl, model, batch, phase, skipped });
        continue;
      }
      const raw = makeBatches(batch);
      const why = oursUnavailable(model);
      for (const phase of ["train", "infer"] as const) {
        if (why) record({ impl: "ours", model, batch, phase, skipped: why });
        else record(await measure("ours", model, batch, phase, plan, () => (phase === "train" ? oursTrain : oursInfer)(model, raw)));
      }
      let peer: LayersCase | undefined;
      try {
        for (const phase of ["train", "infer"] as const) {
          record(await measure("layers", model, batch, phase, plan, () => (peer ??= layersCase(model, raw))[phase]));
        }
      } finally {
        peer?.dispose();
      }
      if (!jax) {
        const t0 = performance.now();
        for (const phase of ["train", "infer"] as const) record(await measure("jaxjs", model, batch, phase, plan, () => (phase === "train" ? jaxTrain : jaxInfer)(model, raw)));
        peerMs += performance.now() - t0;
      }
    }
  }
  return out;
}

self.onmessage = (e: MessageEvent<RunMessage>) => {
  if (e.data.type !== "run") return;
  run(e.data.plan, e.data.wasmBaseUrl).then(
    (r) => post({ type: "done", run: r }),
    (err: unknown) => post({ type: "error", message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
};
