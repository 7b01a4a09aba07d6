// Full training checkpoints: weights + optimizer state + epoch + RNG state in one .safetensors (torch.save of a dict).
import { getRngState, setRngState, Tensor } from "../core";
import { setOwn } from "../lib/own-key";
import type { OptimizerStateDict, SavedParamState } from "../optim/state-dict";
import { stateDictFrom, toEntry } from "./export";
import { fromEntry } from "./import";
import { readSafetensors, writeSafetensors, type SafetensorsInput } from "./safetensors";

/** What a checkpoint needs from a model: PyTorch's stateDict/loadStateDict. */
export interface CheckpointModel {
  stateDict(): Record<string, Tensor>;
  loadStateDict(sd: Record<string, Tensor>, strict?: boolean): unknown;
}

/** What a checkpoint needs from an optimizer. */
export interface CheckpointOptimizer {
  stateDict(): OptimizerStateDict;
  loadStateDict(sd: OptimizerStateDict): void;
}

export interface CheckpointParts {
  model: CheckpointModel;
  optimizer?: CheckpointOptimizer;
  /** Epochs finished so far (the loop resumes at this one). */
  epoch?: number;
  /** Anything JSON-serialisable (curves, step counters, hyperparameters…). */
  extra?: unknown;
}

/** Header `__metadata__` key holding the non-tensor parts as JSON. */
export const CHECKPOINT_KEY = "gradbook.checkpoint";
const MODEL = "model.";
const OPTIM = "optimizer.state.";

/** Per-parameter optimizer state in the metadata: scalars inline, tensor names listed (their data is in the file). */
interface SavedSlot {
  step: number;
  values: Record<string, number | number[]>;
  buffers: string[];
  lists: Record<string, number>;
}

interface CheckpointMeta {
  version: 1;
  epoch: number;
  extra: unknown;
  rng: number[];
  optimizer: null | { className: string; paramGroups: OptimizerStateDict["paramGroups"]; state: Record<string, SavedSlot> };
}

// JSON has no NaN/Infinity; optimizer scalars (e.g. LBFGS's) may be non-finite.
const encode = (_k: string, v: unknown) =>
  typeof v === "number" && !Number.isFinite(v) ? { $number: String(v) } : v;
const decode = (_k: string, v: unknown) =>
  v && typeof v === "object" && "$number" in v && Object.keys(v).length === 1 ? Number((v as { $number: string }).$number) : v;

function disposeOptimizerSnapshot(sd: OptimizerStateDict): void {
  for (const s of Object.values(sd.state)) {
    for (const v of Object.values(s)) {
      if (v instanceof Tensor) v.dispose();
      else if (Array.isArray(v)) for (const t of v) if (t instanceof Tensor) t.dispose();
    }
  }
}

/** Serialises model weights (names `model.<key>`), optimizer state, epoch, RNG state and `extra` into one file. */
export function checkpointBytes({ model, optimizer, epoch = 0, extra = null }: CheckpointParts): Uint8Array {
  if (typeof epoch !== "number" || !Number.isFinite(epoch)) throw new TypeError(`checkpoint: epoch must be a number; got ${String(epoch)}`);
  const entries: SafetensorsInput[] = Object.entries(stateDictFrom(model, "checkpoint")).map(([k, t]) => toEntry(MODEL + k, t));
  let optimizerMeta: CheckpointMeta["optimizer"] = null;
  if (optimizer) {
    const sd = optimizer.stateDict();
    try {
      const state: Record<string, SavedSlot> = {};
      for (const [i, s] of Object.entries(sd.state)) {
        const slot: SavedSlot = { step: 0, values: {}, buffers: [], lists: {} };
        for (const [k, v] of Object.entries(s)) {
          if (k === "step") slot.step = Number(v);
          else if (v instanceof Tensor) {
            slot.buffers.push(k);
            entries.push(toEntry(`${OPTIM}${i}.${k}`, v));
          } else if (Array.isArray(v) && v.some((x) => x instanceof Tensor)) {
            slot.lists[k] = v.length;
            (v as Tensor[]).forEach((t, j) => entries.push(toEntry(`${OPTIM}${i}.${k}.${j}`, t)));
          } else slot.values[k] = v as number | number[];
        }
        state[i] = slot;
      }
      optimizerMeta = { className: optimizer.constructor.name, paramGroups: sd.paramGroups, state };
    } finally {
      disposeOptimizerSnapshot(sd);
    }
  }
  const meta: CheckpointMeta = { version: 1, epoch, extra, rng: Array.from(getRngState()), optimizer: optimizerMeta };
  return writeSafetensors(entries, { format: "pt", [CHECKPOINT_KEY]: JSON.stringify(meta, encode) });
}

function readMeta(raw: string | undefined): CheckpointMeta {
  if (raw === undefined) {
    throw new Error(`Not a Gradbook checkpoint: its header has no "${CHECKPOINT_KEY}" metadata. For plain weights use model.loadStateDict(loadSafetensors(bytes)).`);
  }
  let meta: CheckpointMeta;
  try {
    meta = JSON.parse(raw, decode) as CheckpointMeta;
  } catch (e) {
    throw new Error(`Checkpoint metadata is not valid JSON (${(e as Error).message}); the file is corrupt.`);
  }
  if (meta?.version !== 1 || !Array.isArray(meta.rng) || typeof meta.epoch !== "number") {
    throw new Error(`Checkpoint metadata has version ${JSON.stringify(meta?.version)}; this Gradbook reads version 1.`);
  }
  return meta;
}

/**
 * Restores a checkpoint into an existing model and optimizer (build them as before, then call this), so training
 * continues exactly: weights, optimizer state, and the random generator. All-or-nothing: on any error nothing changes.
 */
export function restoreCheckpoint(
  bytes: Uint8Array,
  { model, optimizer }: { model: CheckpointModel; optimizer?: CheckpointOptimizer },
): { epoch: number; extra: unknown } {
  const file = readSafetensors(bytes);
  const meta = readMeta(file.metadata[CHECKPOINT_KEY]);
  if (optimizer && !meta.optimizer) throw new Error("This checkpoint has no optimizer state; restore it without the optimizer.");
  if (optimizer && meta.optimizer && optimizer.constructor.name !== meta.optimizer.className) {
    throw new Error(`The checkpoint was saved from ${meta.optimizer.className}, but this optimizer is ${optimizer.constructor.name}; create a ${meta.optimizer.className} to restore it.`);
  }
  const made: Tensor[] = [];
  const get = (name: string): Tensor => {
    const e = file.tensors.get(name);
    if (!e) throw new Error(`Checkpoint is missing tensor "${name}"; the file is corrupt.`);
    const t = fromEntry(name, e);
    made.push(t);
    return t;
  };
  const backup = stateDictFrom(model, "restoreCheckpoint");
  const saved: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(backup)) saved[k] = new Tensor(t.tfData.clone());
  made.push(...Object.values(saved));
  try {
    const weights: Record<string, Tensor> = {};
    // Tensor names are data ("model.__proto__" is an unexpected key, not a prototype): see setOwn.
    for (const name of file.tensors.keys()) if (name.startsWith(MODEL)) setOwn(weights, name.slice(MODEL.length), get(name));
    let osd: OptimizerStateDict | undefined;
    if (optimizer && meta.optimizer) {
      const state: Record<number, SavedParamState> = {};
      for (const [i, slot] of Object.entries(meta.optimizer.state)) {
        const s: SavedParamState = { step: slot.step, ...slot.values };
        for (const k of slot.buffers) setOwn(s, k, get(`${OPTIM}${i}.${k}`));
        for (const [k, n] of Object.entries(slot.lists)) setOwn(s, k, Array.from({ length: n }, (_, j) => get(`${OPTIM}${i}.${k}.${j}`)));
        state[Number(i)] = s;
      }
      osd = { state, paramGroups: meta.optimizer.paramGroups };
    }
    setRngStateChecked(meta.rng, () => {
      model.loadStateDict(weights, true);
      try {
        if (osd) optimizer!.loadStateDict(osd);
      } catch (e) {
        model.loadStateDict(saved, true); // put the weights back: the restore is all-or-nothing
        throw e;
      }
    });
  } finally {
    for (const t of made) t.dispose();
  }
  return { epoch: meta.epoch, extra: meta.extra };
}

/** Validates the RNG state first (setRngState throws on a bad one), then runs `load`, then sets the state. */
function setRngStateChecked(rng: number[], load: () => void): void {
  const before = getRngState();
  setRngState(rng);
  setRngState(before);
  load();
  setRngState(rng);
}
