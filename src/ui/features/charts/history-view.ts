// Pure helpers behind the run-history list: which runs overlay the chart, ticking and naming runs.
import type { MetricPoint } from "../../../kernel/protocol";
import { runLabel, type RunRecord } from "../../../notebook/run-history";
import type { OverlayCurve } from "./chart-data";

/** The record of the run the chart shows (the last one, once the cell is idle), else undefined. */
export function currentRunId(runs: readonly RunRecord[], running: boolean): string | undefined {
  return running ? undefined : runs.at(-1)?.id;
}

/** Curves of the ticked earlier runs on one axis, labelled like the list ("run 3 · 14:02 · lr 0.03"). */
export function overlayCurves(runs: readonly RunRecord[], currentId: string | undefined, axis: MetricPoint["axis"]): OverlayCurve[] {
  const out: OverlayCurve[] = [];
  runs.forEach((r, i) => {
    if (!r.ticked || r.id === currentId) return;
    const run = r.name?.trim() || `run ${r.n}`;
    for (const c of r.curves) if (c.axis === axis) out.push({ run, runIndex: i, name: c.name, x: c.x, y: c.y });
  });
  return out;
}

export function toggleRun(runs: readonly RunRecord[], id: string): RunRecord[] {
  return runs.map((r) => (r.id === id ? { ...r, ticked: !r.ticked } : r));
}

/** Sets a run's name; an empty name goes back to "run n". */
export function renameRun(runs: readonly RunRecord[], id: string, name: string): RunRecord[] {
  const trimmed = name.trim().slice(0, 60);
  return runs.map((r) => {
    if (r.id !== id) return r;
    const { name: _, ...rest } = r;
    return trimmed ? { ...rest, name: trimmed } : rest;
  });
}

export { runLabel };
