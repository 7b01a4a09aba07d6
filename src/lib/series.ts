// Curve helpers for charts and run history: TensorBoard-style EMA smoothing and decimation to a few hundred points.

/**
 * Exponential moving average with TensorBoard's debiasing: `weight` 0 returns the values, 0.99 is very smooth.
 * The first values are not pulled towards 0 (the running average is divided by 1 - weight^n).
 * Non-finite values are carried through unsmoothed and do not disturb the average.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  const out = new Array<number>(values.length);
  let last = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    n += 1;
    out[i] = w === 0 ? v : last / (1 - Math.pow(w, n));
  }
  return out;
}

/**
 * Indices of at most `max` points that keep a curve's shape: the first and last point, and in each of
 * (max - 2) / 2 equal buckets its lowest and highest value (a noisy loss keeps its envelope, spikes included).
 */
export function decimateIndices(values: readonly number[], max: number): number[] {
  const n = values.length;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor((max - 2) / 2));
  const out: number[] = [0];
  const inner = n - 2;
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (to <= from) continue;
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if (values[i] < values[lo]) lo = i;
      if (values[i] > values[hi]) hi = i;
    }
    if (lo === hi) out.push(lo);
    else out.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  out.push(n - 1);
  return out;
}

/** Bucket means of paired x/y, so at most `max` points remain; x is each bucket's last x (stored history curves). */
export function meanDecimate(x: readonly number[], y: readonly number[], max: number): { x: number[]; y: number[] } {
  if (y.length <= max) return { x: x.slice(), y: y.slice() };
  const size = Math.ceil(y.length / max);
  const ox: number[] = [];
  const oy: number[] = [];
  for (let i = 0; i < y.length; i += size) {
    const end = Math.min(y.length, i + size);
    let sum = 0;
    let count = 0;
    for (let j = i; j < end; j++) {
      if (Number.isFinite(y[j])) {
        sum += y[j];
        count += 1;
      }
    }
    ox.push(x[end - 1]);
    oy.push(count ? sum / count : NaN);
  }
  return { x: ox, y: oy };
}
