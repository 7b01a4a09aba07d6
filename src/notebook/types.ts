// The notebook document model: cells, Jupyter-like outputs, and the MIME types Gradbook adds for live outputs.
import type { IpynbOrigin } from "../io/ipynb";
import type { HParams, LoopProgress, MetricPoint, MimeBundle } from "../kernel/protocol";

/** "raw" cells (nbformat's raw cells, `metadata.format` says for what) are kept as text, never run or rendered. */
export type CellType = "code" | "markdown" | "raw";
/** Where a code cell is in its run: waiting in the kernel queue, running, or neither. */
export type RunState = "idle" | "queued" | "running";

/** Live training metrics of one run, drawn as charts (series by `name`, chart by `axis`). */
export const CHART_MIME = "application/vnd.gradbook.chart+json";
/** A download progress bar (e.g. MNIST files), updated in place by label. */
export const PROGRESS_MIME = "application/vnd.gradbook.progress+json";
/** drawPad(model): a live canvas whose drawing the kernel's widget `widgetId` classifies (needs the run's kernel). */
export const DRAWPAD_MIME = "application/vnd.gradbook.drawpad+json";

export interface DrawPadPayload {
  widgetId: string;
  classes: string[];
}

export interface ChartPayload {
  points: MetricPoint[];
  /** The run's DataLoader progress bars (latest snapshot per loop). */
  loops?: LoopProgress[];
  /** Hyperparameters of a training run, set when it ends (run history). */
  hparams?: HParams;
}

/** One series of a `plot()` chart: paired x and y values. */
export interface PlotSeries {
  name: string;
  x: number[];
  y: number[];
}
/** A static chart made by `plot()` (same MIME type as live charts; told apart by `series`). */
export interface PlotPayload {
  kind: "line" | "scatter";
  title?: string;
  xLabel?: string;
  yLabel?: string;
  series: PlotSeries[];
}

/** True for a `plot()` payload, false for a live metrics chart. */
export function isPlotPayload(payload: unknown): payload is PlotPayload {
  return typeof payload === "object" && payload !== null && Array.isArray((payload as PlotPayload).series);
}
export interface ProgressPayload {
  label: string;
  loaded: number;
  total: number;
}

/** Outputs mirror nbformat 4.5 output objects so they round-trip through .ipynb unchanged. */
export type Output =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; data: MimeBundle; metadata: Record<string, unknown>; execution_count: number | null }
  | {
      output_type: "error";
      ename: string;
      evalue: string;
      traceback: string[];
      /** 1-based line in the cell (Gradbook only; not written to .ipynb). */
      line?: number;
      column?: number;
    };

export interface Cell {
  id: string;
  type: CellType;
  source: string;
  outputs: Output[];
  executionCount: number | null;
  /** Cell metadata kept for round-tripping (e.g. `lang: "ko" | "en"` on tutorial markdown). */
  metadata: Record<string, unknown>;
  /** A Markdown or raw cell's attachments as the .ipynb had them (name → MIME bundle), for `attachment:name` links. */
  attachments?: Record<string, MimeBundle>;
  runState: RunState;
  /** The run whose outputs this cell accepts; outputs of any other run are stale and dropped. */
  runId: string | null;
  /** When the current run started (ms since epoch), for the live timer; absent when not running. */
  startedAt?: number | null;
  /** The source the current run started with (run history records it); absent when not running. */
  runSource?: string | null;
  /** How long the last finished run took, in ms; absent before the first run. */
  elapsedMs?: number | null;
}

export interface NotebookDoc {
  cells: Cell[];
  metadata: Record<string, unknown>;
  /** Next execution count, like Jupyter's `[n]` prompt. */
  nextExecutionCount: number;
  /** How the opened file was upgraded (an nbformat 4.0-4.4 file gets ids), so Download can give it back as it was. */
  origin?: IpynbOrigin;
}
