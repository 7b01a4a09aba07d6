// Flat memory in any loop: at each iteration's tick, tensors made since the last one that nothing reachable holds are freed.
import { hasEscaped, isKept, release, setYoungGeneration, Tensor, type Holder, type Owned } from "../../core";

/** A walk that visits more objects than this gives up (nothing is freed) and makes the next one wait longer. */
const MAX_VISITS = 200_000;
/** An inner loop (one with no loop inside) collects once this many tensors are waiting, at least. */
const MIN_BATCH = 64;

/** One running loop of a cell (loop-guard.ts opens it before the loop and ends it in a `finally`). */
export interface LoopFrame {
  /** Called by `__gb.tick(frame, …roots)` at the top of every iteration with the loop's outer variables. */
  tick(roots: readonly unknown[]): void;
  end(): void;
}

/**
 * The frames of one kernel: `young` holds every tensor made while a frame is open; each frame owns the part made
 * since its own last tick (frames nest like the loops, so those parts nest too).
 */
export class LoopMemory {
  private readonly frames: Frame[] = [];
  private young: Owned[] = [];

  /** `scopeRoots` are the kernel scope's variables: whatever a cell's top level holds stays alive. */
  constructor(private readonly scopeRoots: () => object) {}

  open(outer: boolean): LoopFrame {
    if (this.frames.length === 0) {
      this.young = [];
      setYoungGeneration(this.young);
    }
    const frame = new Frame(this, this.young.length, outer);
    this.frames.push(frame);
    return frame;
  }

  /** @internal frames call these. */
  pending(frame: Frame): number {
    return this.young.length - frame.start;
  }

  collect(frame: Frame, roots: readonly unknown[]): void {
    const candidates = new Map<Holder, Owned[]>();
    for (let i = frame.start; i < this.young.length; i++) {
      const t = this.young[i];
      if (t.holder.t === null || hasEscaped(t) || isKept(t)) continue;
      const list = candidates.get(t.holder);
      if (list) list.push(t);
      else candidates.set(t.holder, [t]);
    }
    const live: Owned[] = [];
    if (candidates.size > 0) {
      const all = [roots, this.scopeRoots(), ...this.frames.map((f) => f.lastRoots)];
      const reached = reach(all, candidates);
      if (reached === null) {
        frame.backoff *= 2; // too big to walk now: keep everything, try again later
        return;
      }
      frame.lastCost = reached.visits;
      for (const [holder, owners] of candidates) {
        if (reached.holders.has(holder)) live.push(...owners);
        else for (const o of owners) release(o, "freed at the next iteration of its loop (nothing outside the loop held it)");
      }
    }
    // Survivors stay for the enclosing loops to judge at their own ticks; this frame starts after them.
    this.young.length = frame.start;
    this.young.push(...live);
    frame.start = this.young.length;
  }

  close(frame: Frame): void {
    const i = this.frames.lastIndexOf(frame);
    if (i >= 0) this.frames.splice(i, 1);
    if (this.frames.length === 0) {
      setYoungGeneration(null);
      this.young = [];
    }
  }

  /** Number of open frames (tests). */
  get depth(): number {
    return this.frames.length;
  }
}

class Frame implements LoopFrame {
  lastRoots: readonly unknown[] = [];
  lastCost = 0;
  backoff = 1;

  constructor(
    private readonly memory: LoopMemory,
    /** Index in `young` of the first tensor this frame judges. */
    public start: number,
    private readonly outer: boolean,
  ) {}

  tick(roots: readonly unknown[]): void {
    this.lastRoots = roots;
    const waiting = this.memory.pending(this);
    if (waiting === 0) return;
    // An outer loop collects every iteration (so counts at its ticks are exact); an inner one in batches that
    // cost about as much as they free.
    const batch = this.outer ? 1 : Math.max(MIN_BATCH, this.lastCost >> 3) * this.backoff;
    if (waiting < batch) return;
    this.memory.collect(this, roots);
  }

  end(): void {
    this.memory.close(this);
  }
}

/** Holders reachable from the roots (through arrays, Maps, Sets, objects, modules and tensors' graphs); null past the budget. */
function reach(roots: readonly unknown[], candidates: Map<Holder, Owned[]>): { holders: Set<Holder>; visits: number } | null {
  const holders = new Set<Holder>();
  const seen = new Set<object>();
  const stack: unknown[] = [...roots];
  let visits = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if ((typeof v !== "object" && typeof v !== "function") || v === null || seen.has(v)) continue;
    seen.add(v);
    if (++visits > MAX_VISITS) return null;
    if (v instanceof Tensor) {
      if (candidates.has(v.holder)) holders.add(v.holder);
      stack.push(v.grad);
      if (v.gradFn) stack.push(...v.gradFn.inputs, v.gradFn.output);
      continue;
    }
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) continue;
    if (typeof (v as { dataSync?: unknown }).dataSync === "function") continue; // a raw tfjs tensor
    if (Array.isArray(v)) {
      for (const x of v) if ((typeof x === "object" || typeof x === "function") && x !== null) stack.push(x);
    } else if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
    } else if (v instanceof Set) {
      for (const x of v) stack.push(x);
    } else {
      for (const k of Object.keys(v)) {
        let x: unknown;
        try {
          x = (v as Record<string, unknown>)[k];
        } catch {
          continue; // a throwing getter (python-names guards are not enumerable, but a user's may be)
        }
        if ((typeof x === "object" || typeof x === "function") && x !== null) stack.push(x);
      }
    }
  }
  return { holders, visits };
}
