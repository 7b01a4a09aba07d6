// `auto` picks the backend by measurement: the choice from timed steps, its cache key and the note the status bar shows.
// Pure (no tfjs, no storage): core/backend.ts measures, the kernel layer stores the choice (IndexedDB).
import type { BackendName } from "./backend-names";

/** One candidate's result: ms per training step of the standard model, or why it was not timed. */
export interface CandidateTiming {
  backend: BackendName;
  msPerStep?: number;
  /** Only the warm-up step fit in its share of the budget: msPerStep is that step (shader compiles and all). */
  firstStepOnly?: boolean;
  why?: string;
}

/** What auto decided on this adapter and browser, as cached. */
export interface AutoChoice {
  backend: BackendName;
  timings: CandidateTiming[];
  /** ISO date of the measurement. */
  measuredAt: string;
}

/** Where auto's choice is kept between sessions (the kernel passes an IndexedDB store; tests a Map). */
export interface AutoChoiceCache {
  get(key: string): Promise<AutoChoice | undefined>;
  set(key: string, choice: AutoChoice): Promise<void>;
}

/** The standard model timed: what the note says was measured. */
export const STANDARD_MODEL = "MLP 784-256-10 SGD step, batch 64";
/** All candidates together (starting each backend included) stay within this. */
export const AUTO_BUDGET_MS = 500;

/**
 * The fastest timed candidate; within 5% of it, the earlier one in `timings` wins (candidates come CPU first, so a
 * GPU must be clearly faster to take over: its dispatches vary more from run to run). Null when none was timed.
 */
export function chooseByTiming(timings: readonly CandidateTiming[]): BackendName | null {
  const timed = timings.filter((t): t is CandidateTiming & { msPerStep: number } => t.msPerStep !== undefined && Number.isFinite(t.msPerStep));
  if (timed.length === 0) return null;
  const best = Math.min(...timed.map((t) => t.msPerStep));
  return timed.find((t) => t.msPerStep <= best * 1.05)!.backend;
}

/** "Chrome 156" from a user agent (Edge, Firefox and Safari too); the whole string when none matches. */
export function browserVersion(userAgent: string): string {
  for (const [name, re] of [["Edge", /Edg\/(\d+)/], ["Chrome", /Chrom(?:e|ium)\/(\d+)/], ["Firefox", /Firefox\/(\d+)/], ["Safari", /Version\/(\d+)[\d.]* Safari/]] as const) {
    const m = re.exec(userAgent);
    if (m) return `${name} ${m[1]}`;
  }
  return userAgent;
}

/** The cache key: the GPU adapter (or its absence) and the browser's name and major version. */
export function cacheKey(adapter: string, userAgent: string): string {
  return `${adapter} | ${browserVersion(userAgent)}`;
}

const fmt = (ms: number): string => (ms >= 10 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2));

/** "fastcpu 0.91 ms, webgpu 310 ms (first step only), wasm not timed (could not start)": every candidate, fastest first. */
export function timingsText(timings: readonly CandidateTiming[]): string {
  const sorted = [...timings].sort((a, b) => (a.msPerStep ?? Infinity) - (b.msPerStep ?? Infinity));
  return sorted
    .map((t) => (t.msPerStep !== undefined ? `${t.backend} ${fmt(t.msPerStep)} ms${t.firstStepOnly ? " (first step only)" : ""}` : `${t.backend} not timed (${t.why ?? "unknown"})`))
    .join(", ");
}

/** The note's "auto" part: what was measured, when, and whether it came from the cache. */
export function autoNote(choice: AutoChoice, cached: boolean): string {
  const when = cached ? `measured ${choice.measuredAt.slice(0, 10)}, kept until the adapter or browser changes` : "measured now";
  return `auto by measurement (${STANDARD_MODEL}: ${timingsText(choice.timings)}; ${when})`;
}
