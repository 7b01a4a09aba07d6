// The bench worker: starts the requested backend, then times our API and the tfjs Layers peer, model by model.
import { initBackend } from "../src/core";
import { makeBatches } from "./data";
import { describeDevice } from "./device-info";
import { layersCase, type LayersCase } from "./layers";
import { oursInfer, oursTrain, oursUnavailable } from "./ours";
import type { BackendRun, BenchBackend, BenchPlan, Impl, Measurement, ModelName, Phase, RunMessage, WorkerEvent } from "./protocol";
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
  const record = (m: Measurement) => {
    out.measurements.push(m);
    post({ type: "progress", measurement: m });
  };
  const started = performance.now();
  for (const model of plan.models) {
    for (const batch of plan.batches) {
      if (plan.backendBudgetMs > 0 && performance.now() - started > plan.backendBudgetMs) {
        const skipped = `n/a: over this backend's time budget (${plan.backendBudgetMs / 1000} s; raise it with --budget)`;
        for (const impl of ["ours", "layers"] as const) for (const phase of ["train", "infer"] as const) record({ impl, model, batch, phase, skipped });
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
