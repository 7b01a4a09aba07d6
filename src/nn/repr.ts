// Python-style formatting for module reprs: floats as Python prints them (1e-05, 0.1, 1.0) and tuples ((5, 5)).

/** A number as Python's repr prints a float: `0.1`, `1e-05`, `1.0`, `1e+16`. */
export function pyFloat(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 16) {
    const [m, e] = v.toExponential().split("e");
    const n = Number(e);
    return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  const s = String(v);
  return s.includes(".") || s.includes("e") ? s : `${s}.0`;
}

/** A pair as Python prints a tuple: `(5, 5)`. */
export function pyTuple(p: readonly number[]): string {
  return `(${p.join(", ")})`;
}

/** A number the user passed, printed as Python would print it: ints stay ints (`p=0`), others as floats. */
export function pyNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : pyFloat(v);
}
