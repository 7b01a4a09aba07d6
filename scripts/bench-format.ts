// The bench's statistics over repeats and its number and table formats (pure; shared by the report's sections).

import type { Timing } from "../bench/protocol";

export const MNIST_TRAIN = 60_000;

export interface Stat {
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesPerSec: number;
  epochSec: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError("median of no samples");
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median, min and max ms/step, and what they mean for a batch of `batch`. */
export function summarize(t: Timing, batch: number): Stat {
  const medianMs = median(t.samplesMs);
  return {
    medianMs,
    minMs: Math.min(...t.samplesMs),
    maxMs: Math.max(...t.samplesMs),
    samplesPerSec: (batch * 1000) / medianMs,
    epochSec: (Math.ceil(MNIST_TRAIN / batch) * medianMs) / 1000,
  };
}

/** 3 significant digits at most, never exponent notation: 0.612, 4.52, 15.3, 221. */
export function fmtMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

export function fmtRate(perSec: number): string {
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(perSec >= 1e7 ? 0 : 1)}M`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(perSec >= 1e4 ? 0 : 1)}k`;
  return perSec.toFixed(0);
}

export function fmtDuration(sec: number): string {
  if (sec < 10) return `${sec.toFixed(1)} s`;
  if (sec < 120) return `${sec.toFixed(0)} s`;
  if (sec < 7200) return `${(sec / 60).toFixed(1)} min`;
  return `${(sec / 3600).toFixed(1)} h`;
}

/** "1.23×": how many times longer `a` takes than `b`. */
export function fmtRatio(a: number, b: number): string {
  return `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×`;
}

export function fmtMsRange(s: Stat): string {
  return `${fmtMs(s.medianMs)} (${fmtMs(s.minMs)}–${fmtMs(s.maxMs)})`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
