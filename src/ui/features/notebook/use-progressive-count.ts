// How many cells to render yet: a screenful at once, the rest a chunk per task, so a long notebook never opens in one long task.
import { useEffect, useState } from "react";

/** Notebooks up to this many cells (every tutorial) render in one go, as before: one commit is cheap enough. */
export const ALL_AT_ONCE = 40;
/** Cells rendered in the first commit of a longer notebook: more than fill a screen, few enough to paint at once. */
export const FIRST_CELLS = 12;
/** Cells added per later task (each chunk is its own render, commit and layout, well under 50 ms). */
export const CHUNK_CELLS = 24;

/** The count to start a notebook of `total` cells with. */
export function firstCount(total: number): number {
  return total <= ALL_AT_ONCE ? Infinity : FIRST_CELLS;
}

/** The count after one more chunk; `Infinity` once everything is in, so cells added later render at once. */
export function nextCount(count: number, total: number): number {
  const next = count + CHUNK_CELLS;
  return next >= total ? Infinity : next;
}

/**
 * The number of the first cells to render out of `total`. Starts at firstCount(total) whenever `resetKey` changes
 * (another notebook opened) and grows a chunk per macrotask until all are in; from then on it is `Infinity`.
 * `atLeast` (the selected cell's index + 1) is always honoured, so keys and focus never aim at a cell not yet there.
 */
export function useProgressiveCount(total: number, resetKey: unknown, atLeast = 0): number {
  const [state, setState] = useState({ key: resetKey, count: firstCount(total) });
  // Another notebook: start over in this very render (React's "adjust state while rendering" pattern).
  let { count } = state;
  if (state.key !== resetKey) {
    count = firstCount(total);
    setState({ key: resetKey, count });
  }
  const done = count >= total;
  useEffect(() => {
    if (done) return;
    // A macrotask, not a microtask or rAF: the browser paints and handles input between chunks.
    const timer = setTimeout(() => setState((s) => (s.key === resetKey ? { key: resetKey, count: nextCount(s.count, total) } : s)), 0);
    return () => clearTimeout(timer);
  }, [done, count, total, resetKey]);
  return Math.max(count, atLeast);
}
