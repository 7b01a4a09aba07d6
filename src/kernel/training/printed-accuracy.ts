// Per-epoch accuracy charted with no extra code: in a run that trains, a printed line like PyTorch's MNIST example's
// "Test set: Average loss: 0.3, Accuracy: 9211/10000 (92%)" or "epoch 2: test accuracy 95.3%" becomes a point of
// "test accuracy" (or "train accuracy", "validation accuracy") on the per-epoch chart. A run that log()s any accuracy
// itself is left alone. Points wait for the next training step (or the run's end): a tutorial that prints its accuracy
// and then log()s it under its own name would otherwise leave a stale one-point "test accuracy" beside its series.
import type { MetricPoint } from "../protocol";

/** "accuracy" or "acc", then anything on that line, then the first number followed by "%". */
const LINE = /\bacc(?:uracy)?\b[^%\n]*?(\d+(?:\.\d+)?)\s*%/i;

/** Which accuracy a printed line reports, from its own words. */
export function accuracyLabel(line: string): string {
  if (/\btrain(?:ing)?\b/i.test(line)) return "train accuracy";
  if (/\bval(?:id|idation)?\b/i.test(line)) return "validation accuracy";
  return "test accuracy";
}

/** The accuracy (%) a printed line reports, or undefined. */
export function readAccuracy(line: string): { name: string; value: number } | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const value = Number(m[1]);
  return value >= 0 && value <= 100 ? { name: accuracyLabel(line), value } : undefined;
}

export class PrintedAccuracy {
  private counts = new Map<string, number>();
  private userLogged = false;
  /** Read but not sent yet: sent at the next training step or the run's end, dropped if the run logs an accuracy. */
  private pending: MetricPoint[] = [];

  /** `training()`: whether the run has trained yet (a backward() on a loss); `emit` sends the points. */
  constructor(
    private readonly training: () => boolean,
    private readonly emit: (points: MetricPoint[]) => void,
  ) {}

  resetRun(): void {
    this.counts.clear();
    this.userLogged = false;
    this.pending = [];
  }

  /** Metrics the run logged itself: an accuracy among them turns the printed reading off for the run. */
  noteLogged(points: readonly MetricPoint[]): void {
    if (!this.userLogged && points.some((p) => /acc/i.test(p.name))) {
      this.userLogged = true;
      this.pending = [];
    }
  }

  /** A chunk of the run's stdout. */
  scan(text: string): void {
    if (this.userLogged || !this.training() || !/acc/i.test(text)) return;
    for (const line of text.split("\n")) {
      const hit = readAccuracy(line);
      if (!hit) continue;
      const step = (this.counts.get(hit.name) ?? 0) + 1;
      this.counts.set(hit.name, step);
      this.pending.push({ name: hit.name, value: hit.value, step, axis: "epoch", source: "printed" });
    }
  }

  /** Training went on (a backward()) or the run ended: what was read is no longer waiting for a log() of its own. */
  flush(): void {
    if (this.pending.length === 0) return;
    const points = this.pending;
    this.pending = [];
    if (!this.userLogged) this.emit(points);
  }
}
