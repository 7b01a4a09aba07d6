// Optimizer stateDict / loadStateDict in PyTorch's layout: state keyed by parameter index, groups list their param indices.
import { tf, Tensor } from "../core";
import type { ParamGroup, ParamState } from "./types";

/** One parameter's saved state: `step`, scalars, tensor copies and tensor lists (camelCase PyTorch names). */
export type SavedParamState = Record<string, number | number[] | Tensor | Tensor[]>;

/** A saved group: its hyperparameters plus `params`, the indices of its parameters. */
export type SavedParamGroup = Record<string, unknown> & { params: number[] };

/** PyTorch's optimizer state_dict: `{ state: { 0: {...}, 1: {...} }, paramGroups: [{ lr, …, params: [0, 1] }] }`. */
export interface OptimizerStateDict {
  state: Record<number, SavedParamState>;
  paramGroups: SavedParamGroup[];
}

function copy(t: tf.Tensor): Tensor {
  return new Tensor(tf.clone(t));
}

/** Copies groups and state out; tensors are fresh copies the caller owns. */
export function snapshotOptimizer(groups: ParamGroup[], state: Map<Tensor, ParamState>): OptimizerStateDict {
  const index = new Map<Tensor, number>();
  const paramGroups = groups.map((g) => {
    const saved: SavedParamGroup = { ...structuredClone(g.options as object), params: [] };
    if (g.initialLr !== undefined) saved.initialLr = g.initialLr;
    saved.params = g.params.map((p) => {
      index.set(p, index.size);
      return index.size - 1;
    });
    return saved;
  });
  const out: Record<number, SavedParamState> = {};
  for (const [p, st] of state) {
    const i = index.get(p);
    if (i === undefined) continue;
    const s: SavedParamState = { step: st.step };
    for (const [k, v] of Object.entries(st.values)) s[k] = Array.isArray(v) ? v.slice() : v;
    for (const [k, b] of Object.entries(st.buffers)) s[k] = copy(b.tfData);
    for (const [k, l] of Object.entries(st.lists)) s[k] = l.map(copy);
    out[i] = s;
  }
  return { state: out, paramGroups };
}

/**
 * Checks the saved groups against the optimizer's (PyTorch's messages), then replaces hyperparameters and state.
 * All checks run before anything changes.
 */
export function loadOptimizerState(
  sd: OptimizerStateDict,
  groups: ParamGroup[],
  state: Map<Tensor, ParamState>,
  validate: (h: Record<string, unknown>) => void,
): void {
  if (!sd || typeof sd !== "object" || !Array.isArray(sd.paramGroups) || typeof sd.state !== "object") {
    throw new TypeError("loadStateDict expects what optimizer.stateDict() returned: { state, paramGroups }");
  }
  const saved = sd.paramGroups;
  if (saved.length !== groups.length) throw new RangeError("loaded state dict has a different number of parameter groups");
  if (saved.some((g, i) => g.params.length !== groups[i].params.length)) {
    throw new RangeError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
  }
  const newOptions = saved.map((g, i) => {
    const { params: _p, initialLr: _l, ...hyper } = g;
    const merged = { ...groups[i].options, ...structuredClone(hyper) } as Record<string, unknown>;
    validate(merged);
    return merged;
  });
  const byIndex = new Map<number, Tensor>();
  saved.forEach((g, gi) => g.params.forEach((id, j) => byIndex.set(id, groups[gi].params[j])));
  for (const key of Object.keys(sd.state)) {
    if (!byIndex.has(Number(key))) throw new RangeError(`loaded state dict has state for parameter ${key}, which no parameter group lists`);
  }
  groups.forEach((g, i) => {
    Object.assign(g.options, newOptions[i]);
    const lr = saved[i].initialLr;
    if (typeof lr === "number") g.initialLr = lr;
  });
  const fresh = new Map<Tensor, ParamState>();
  for (const [key, s] of Object.entries(sd.state)) {
    const st: ParamState = { step: 0, buffers: {}, values: {}, lists: {} };
    for (const [k, v] of Object.entries(s)) {
      if (k === "step") st.step = Number(v);
      else if (v instanceof Tensor) st.buffers[k] = new Tensor(tf.clone(v.tfData), { persistent: true });
      else if (Array.isArray(v) && v.some((x) => x instanceof Tensor)) st.lists[k] = (v as Tensor[]).map((t) => tf.clone(t.tfData));
      else st.values[k] = Array.isArray(v) ? (v as number[]).slice() : (v as number);
    }
    fresh.set(byIndex.get(Number(key))!, st);
  }
  for (const st of state.values()) {
    for (const b of Object.values(st.buffers)) b.dispose();
    for (const l of Object.values(st.lists)) for (const t of l) t.dispose();
  }
  state.clear();
  for (const [p, st] of fresh) state.set(p, st);
}
