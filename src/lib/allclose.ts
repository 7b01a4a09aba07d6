// One shared numeric comparison for tests: |a - b| <= atol + rtol * |b|, elementwise over nested arrays.

export interface CloseOptions {
  rtol?: number;
  atol?: number;
}

function flat(x: unknown, out: number[] = []): number[] {
  if (Array.isArray(x)) for (const v of x) flat(v, out);
  else out.push(Number(x));
  return out;
}

/** Returns null when close, else a message naming the first mismatch. */
export function closeMismatch(actual: unknown, expected: unknown, opts: CloseOptions = {}): string | null {
  const rtol = opts.rtol ?? 1e-4;
  const atol = opts.atol ?? 1e-5;
  const a = flat(actual);
  const b = flat(expected);
  if (a.length !== b.length) return `length ${a.length} != expected ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]))) return `element ${i}: ${a[i]} != expected ${b[i]} (rtol ${rtol}, atol ${atol})`;
  }
  return null;
}

/** Throws with the first mismatch; for tests. */
export function assertClose(actual: unknown, expected: unknown, what = "value", opts: CloseOptions = {}): void {
  const m = closeMismatch(actual, expected, opts);
  if (m) throw new Error(`${what}: ${m}`);
}
