// Fixed random batches (seeded), as plain typed arrays so both APIs train on exactly the same numbers.

/** Distinct batches per (model, batch size); longer blocks cycle through them. */
export const DISTINCT_BATCHES = 4;

export interface RawBatch {
  /** batch × 784 pixels in [0, 1) (an image's 28×28 pixels, one channel, so NCHW and NHWC share the layout). */
  x: Float32Array;
  /** batch labels in 0..9. */
  y: Int32Array;
}

/** mulberry32: small, fast, seedable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeBatches(batch: number, seed = 7): RawBatch[] {
  const next = rng(seed + batch);
  return Array.from({ length: DISTINCT_BATCHES }, () => {
    const x = new Float32Array(batch * 784);
    for (let i = 0; i < x.length; i++) x[i] = next();
    const y = new Int32Array(batch);
    for (let i = 0; i < batch; i++) y[i] = Math.floor(next() * 10);
    return { x, y };
  });
}
