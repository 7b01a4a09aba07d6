// The live training view of one run: DataLoader progress bars, loss (raw + smoothed), lr, per-epoch charts, run history.
import { memo, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ChartPayload } from "../../../notebook/types";
import { useT } from "../../i18n/lang";
import { useViewT } from "../../i18n/view-strings";
import { ChartCache, isLr, type ChartModel } from "./chart-data";
import { currentRunId, overlayCurves } from "./history-view";
import { LoopBars } from "./LoopBars";
import { RunHistoryContext } from "./run-history-context";
import { RunHistoryPanel } from "./RunHistoryPanel";
import { seriesLabel, type ChartWords } from "./series-labels";
import { TrainingChart, type AxisLabels } from "./TrainingChart";
import { useAdaptiveThrottle } from "./use-adaptive-throttle";
import "./charts.css";

/**
 * Redraws at most 5 times a second, however fast metrics arrive (less often when a redraw is slow): chart renders are
 * the page's cost. 250 ms gave 3.9 redraws/s on the UI bench, under its 4/s floor.
 */
const REDRAW_MS = 200;
/**
 * The lr and per-epoch charts change far less often (an lr point every 500 ms, an epoch mean every second): they
 * follow their own slower copy, so their Recharts redraws mostly land in other tasks than the loss chart's.
 */
const SLOW_REDRAW_MS = 1000;
const SMOOTHING_KEY = "gradbook.smoothing";
/** TensorBoard's default. */
const DEFAULT_SMOOTHING = 0.6;

function useSmoothing(): [number, (v: number) => void] {
  const [value, setValue] = useState(() => {
    try {
      const stored = Number(localStorage.getItem(SMOOTHING_KEY) ?? NaN);
      return Number.isFinite(stored) && stored >= 0 && stored < 1 ? stored : DEFAULT_SMOOTHING;
    } catch {
      return DEFAULT_SMOOTHING;
    }
  });
  const set = useCallback((v: number) => {
    setValue(v);
    try {
      localStorage.setItem(SMOOTHING_KEY, String(v));
    } catch {
      // storage disabled: the slider still works for this page
    }
  }, []);
  return [value, set];
}

const NO_POINTS: ChartPayload["points"] = [];

/** The left axis' title: "loss" when every series on it is a loss, the series' own label when it is alone, else none. */
function leftTitle(model: ChartModel, loss: string, words: ChartWords): string | undefined {
  const left = model.series.filter((s) => s.yAxis === "left");
  if (left.length > 0 && left.every((s) => /loss/i.test(s.name))) return loss;
  return left.length === 1 ? seriesLabel(left[0].name, words) : undefined;
}

/**
 * How many of the three charts may be mounted: none in the first commit (the progress bars), then one more every 80 ms. A chart's first mount is its costliest render,
 * and mounting loss, lr and per-epoch charts in one commit made the one main-thread task over 100 ms of a training run.
 */
function useStaggeredCount(max: number, everyMs = 80): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (count >= max) return;
    const id = setTimeout(() => setCount((c) => c + 1), everyMs);
    return () => clearTimeout(id);
  }, [count, max, everyMs]);
  return count;
}

/**
 * Progress bars follow every message (cheap); the charts are rebuilt from a throttled copy of the points, so a
 * fast loop costs at most five chart renders a second (fewer when one is slow), each drawing ≤ 300 points per line;
 * a chart whose own points did not grow is not redrawn.
 */
export const MetricsChart = memo(function MetricsChart({ payload }: { payload: ChartPayload }) {
  const t = useT();
  const v = useViewT();
  const history = useContext(RunHistoryContext);
  const [smoothing, setSmoothing] = useSmoothing();
  // The charts mount in a transition after the progress bars: their first render is the costliest.
  const points = useAdaptiveThrottle(payload.points ?? NO_POINTS, REDRAW_MS, 2000, NO_POINTS);
  const slowPoints = useAdaptiveThrottle(payload.points ?? NO_POINTS, SLOW_REDRAW_MS, 4000, NO_POINTS);
  const runs = history?.runs;
  const currentId = runs ? currentRunId(runs, history.running) : undefined;
  const stepOverlays = useMemo(() => (runs ? overlayCurves(runs, currentId, "step") : []), [runs, currentId]);
  const epochOverlays = useMemo(() => (runs ? overlayCurves(runs, currentId, "epoch") : []), [runs, currentId]);
  // One cache per chart for the component's life: a chart whose points did not grow keeps its model.
  const caches = useMemo(
    () => ({ main: new ChartCache("step", (n) => !isLr(n)), lr: new ChartCache("step", isLr), epoch: new ChartCache("epoch") }),
    [],
  );
  const main = useMemo(() => caches.main.get(points, { smoothing, overlays: stepOverlays }), [caches, points, smoothing, stepOverlays]);
  const lr = useMemo(() => caches.lr.get(slowPoints, { stairs: true, overlays: stepOverlays }), [caches, slowPoints, stepOverlays]);
  const epoch = useMemo(() => caches.epoch.get(slowPoints, { overlays: epochOverlays }), [caches, slowPoints, epochOverlays]);
  const mountable = useStaggeredCount(3);
  const words = useMemo<ChartWords>(
    () => ({
      loss: t.chartSeriesLoss,
      epochLoss: t.chartSeriesEpochLoss,
      testAccuracy: t.chartSeriesTestAccuracy,
      trainAccuracy: t.chartSeriesTrainAccuracy,
      validationAccuracy: t.chartSeriesValidationAccuracy,
      lr: t.chartSeriesLr,
      earlierRun: t.chartEarlierRun,
      partial: t.chartPartial,
      smoothed: v.smoothedSuffix,
    }),
    [t, v],
  );
  const mainLeft = leftTitle(main, v.axisLoss, words);
  const epochLeft = leftTitle(epoch, v.axisLoss, words);
  const labels = useMemo(
    () => ({
      main: { x: v.axisStep, left: mainLeft, right: v.axisAccuracy } satisfies AxisLabels,
      lr: { x: v.axisStep, left: v.axisLr } satisfies AxisLabels,
      epoch: { x: v.axisEpoch, left: epochLeft, right: v.axisAccuracy } satisfies AxisLabels,
    }),
    [v, mainLeft, epochLeft],
  );
  return (
    <div className="gb-charts" data-testid="training-view">
      {payload.loops && payload.loops.length > 0 && <LoopBars loops={payload.loops} />}
      {mountable >= 1 && main.pointCount > 0 && (
        <>
          <label className="gb-smoothing">
            {t.smoothing}{" "}
            <input
              type="range"
              data-testid="smoothing"
              min={0}
              max={0.99}
              step={0.01}
              value={smoothing}
              onChange={(e) => setSmoothing(Number(e.target.value))}
            />{" "}
            {smoothing.toFixed(2)}
          </label>
          <TrainingChart testId="chart-loss" title={t.chartTraining} labels={labels.main} words={words} model={main} height={220} />
        </>
      )}
      {mountable >= 2 && lr.pointCount > 0 && (
        <TrainingChart testId="chart-lr" title={t.chartLearningRate} labels={labels.lr} words={words} model={lr} height={120} />
      )}
      {mountable >= 3 && epoch.pointCount > 0 && (
        <TrainingChart testId="chart-epoch" title={t.chartPerEpoch} labels={labels.epoch} words={words} model={epoch} height={170} />
      )}
      {history && history.runs.length > 0 && (
        <RunHistoryPanel runs={history.runs} currentId={currentId} setRuns={history.setRuns} />
      )}
    </div>
  );
});
