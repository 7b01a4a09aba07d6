// The page's Export/Import controls in the kernel: a request runs against the model in scope and is answered with
// downloads and a `weights-result`, or an `error` carrying its requestId.
import { summarize } from "../runtime/error-summary";
import type { KernelDeps, Post } from "../runtime/kernel-deps";
import type { Outputs } from "../runtime/outputs";
import type { ToKernel } from "../protocol";
import { recentVars, type KernelScope } from "../runtime/scope";
import { exportFromControl, importFromControl, type ControlHost, type Uploads } from "./weights-builtins";

export type WeightsRequest = Extract<ToKernel, { type: "export-weights" | "import-weights" }>;

/** What a control request needs from the kernel. */
export interface WeightsRequestHost {
  deps: Pick<KernelDeps<{ dispose(): void }>, "isModule" | "isOptimizer" | "stateDictToSafetensors" | "weights">;
  scope: KernelScope;
  /** Files uploaded with the Import control, for loadWeights() and uploadedFile(). */
  uploads: Uploads;
  out: Outputs;
  post: Post;
  write(name: "stdout" | "stderr", text: string): void;
  /** The optimizer that stepped last (the training view sees every step), for when no variable names one. */
  lastOptimizer?: () => unknown;
}

export function answerWeightsRequest(host: WeightsRequestHost, msg: WeightsRequest): void {
  const { deps, scope } = host;
  const { requestId } = msg;
  const control: ControlHost = {
    isModule: (v) => deps.isModule(v),
    stateDictToSafetensors: (m) => deps.stateDictToSafetensors(m),
    download: (filename, bytes) => host.out.download(filename, bytes, { requestId }),
    write: (name, text) => host.write(name, text),
    weights: deps.weights,
    uploads: host.uploads,
    findModel: () => findVar(scope, "model", (v) => deps.isModule(v)),
    findOptimizer: () => {
      const isOpt = (v: unknown) => deps.isOptimizer?.(v) ?? false;
      const named = findVar(scope, "optimizer", isOpt);
      if (named !== undefined) return named;
      // A training loop inside a function (`fit()`): the optimizer that last stepped, if it trains this model.
      const last = host.lastOptimizer?.();
      const model = control.findModel();
      return isOpt(last) && trains(last, model) ? last : undefined;
    },
  };
  try {
    const message =
      msg.type === "export-weights"
        ? exportFromControl(control, msg.format)
        : importFromControl(control, msg.filename, new Uint8Array(msg.buffer));
    host.post({ type: "weights-result", requestId, message });
  } catch (e) {
    const { ename: raw, evalue } = summarize(e);
    const ename = raw === "Error" ? "RuntimeError" : raw; // load_state_dict's error in PyTorch
    host.post({ type: "error", requestId, ename, evalue, traceback: [`${ename}: ${evalue}`] });
  }
}

/** True when `optimizer` updates at least one of `model`'s parameters. */
function trains(optimizer: unknown, model: unknown): boolean {
  const groups = (optimizer as { paramGroups?: ReadonlyArray<{ params?: readonly unknown[] }> }).paramGroups ?? [];
  const params = new Set<unknown>((model as { parameters?: () => unknown[] } | undefined)?.parameters?.() ?? []);
  return groups.some((g) => (g.params ?? []).some((p) => params.has(p)));
}

/** The variable `name` if it passes `test`, else the most recently assigned value that does. */
function findVar(scope: KernelScope, name: string, test: (v: unknown) => boolean): unknown {
  const vars = scope.vars;
  if (Object.prototype.hasOwnProperty.call(vars, name) && test(vars[name])) return vars[name];
  for (const [, value] of recentVars(scope)) if (test(value)) return value;
  return undefined;
}
