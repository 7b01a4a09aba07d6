// Like useThrottledValue, but a redraw that proved slow spaces out the next ones (at most 4 Hz, at least every 2 s).
import { startTransition, useEffect, useRef, useState } from "react";

/** A redraw may use at most this share of the main thread: the interval is this many times its measured cost. */
const COST_FACTOR = 5;

/**
 * Returns `value`, updated at most every `minMs` and, when the redraw it triggers is slow (many charts on a
 * slow or busy machine), every COST_FACTOR × that redraw's time, up to `maxMs`. The last value always lands.
 * The update is a transition, so React renders it in slices that yield to input instead of one long task; its cost
 * is measured from the update to the commit that shows it. With `initial`, the first render shows that instead and
 * `value` follows as a transition (a chart's costly first mount then happens in slices too).
 */
export function useAdaptiveThrottle<T>(value: T, minMs = 250, maxMs = 2000, initial: T = value): T {
  const [shown, setShown] = useState(initial);
  const state = useRef({ lastAt: -Infinity, costMs: 0, pendingSince: NaN });
  useEffect(() => {
    const s = state.current;
    if (Number.isFinite(s.pendingSince)) {
      s.costMs = performance.now() - s.pendingSince;
      s.pendingSince = NaN;
    }
  }, [shown]);
  useEffect(() => {
    const s = state.current;
    const interval = Math.min(maxMs, Math.max(minMs, s.costMs * COST_FACTOR));
    const show = () => {
      s.lastAt = performance.now();
      s.pendingSince = s.lastAt;
      startTransition(() => setShown(value));
    };
    const wait = s.lastAt + interval - performance.now();
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, minMs, maxMs]);
  return shown;
}
