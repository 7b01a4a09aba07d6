// Tensor lifetime: step arenas (released at the end of each DataLoader step) plus GC finalization for the rest.
import { tf } from "./backend";

/** Where a tensor's tfjs storage lives; shared by the wrapper and the finalizer, never by two wrappers. */
export interface Holder {
  t: tf.Tensor | null;
  /** Why the storage was released, for the error shown when a released tensor is touched. */
  releasedBy?: string;
}

/** Anything that owns a holder and can be placed in an arena. */
export interface Owned {
  readonly holder: Holder;
}

const finalizer = new FinalizationRegistry<Holder>((h) => {
  if (h.t && !h.t.isDisposed) h.t.dispose();
  h.t = null;
  h.releasedBy = "garbage-collected";
});

const arenas: Set<Owned>[] = [];
/** Tensors the user asked to keep with .keep(): never released by a DataLoader. */
const kept = new WeakSet<Owned>();

/** Tensors that left every arena (kept, parameters, gradients): a loop frame never frees them. */
const escaped = new WeakSet<Owned>();
/**
 * While a cell's loop runs (kernel/compiler/loop-memory.ts), every new tensor is appended here, oldest first, so the loop can
 * free those of past iterations that nothing reachable holds: FinalizationRegistry callbacks cannot run inside a
 * synchronous loop.
 */
let young: Owned[] | null = null;

/** Starts (a list) or stops (null) recording new tensors for loop frames. */
export function setYoungGeneration(list: Owned[] | null): void {
  young = list;
}

/** True once the tensor left the arenas (kept, a parameter, a gradient). */
export function hasEscaped(o: Owned): boolean {
  return escaped.has(o);
}

/** Records that the user kept this tensor past its step. */
export function markKept(o: Owned): void {
  kept.add(o);
}

export function isKept(o: Owned): boolean {
  return kept.has(o);
}

/** Registers a new tensor: the innermost open arena owns it; otherwise it lives until garbage-collected. */
export function track(o: Owned): void {
  finalizer.register(o, o.holder, o);
  if (young) young.push(o);
  const top = arenas[arenas.length - 1];
  if (top) top.add(o);
}

/** Removes a tensor from every arena so that it outlives the current step. */
export function untrack(o: Owned): void {
  escaped.add(o);
  for (const a of arenas) a.delete(o);
}

/** Gives `child` the same lifetime as `owner` (a .grad lives exactly as long as its tensor). */
export function adopt(child: Owned, owner: Owned): void {
  untrack(child);
  for (let i = arenas.length - 1; i >= 0; i--) {
    if (arenas[i].has(owner)) {
      arenas[i].add(child);
      return;
    }
  }
}

/** Frees a tensor's storage now. */
export function release(o: Owned, reason: string): void {
  const h = o.holder;
  if (h.t && !h.t.isDisposed) h.t.dispose();
  h.t = null;
  h.releasedBy = reason;
  finalizer.unregister(o);
}

/** Opens an arena: tensors created until the matching closeArena belong to it. */
export function openArena(): Set<Owned> {
  const a = new Set<Owned>();
  arenas.push(a);
  return a;
}

/** Closes an arena, releasing every tensor it still owns (except those in `except`). */
export function closeArena(a: Set<Owned>, reason: string, except: Iterable<Owned> = []): void {
  const i = arenas.lastIndexOf(a);
  if (i >= 0) arenas.splice(i, 1);
  const keep = new Set(except);
  const parent = arenas[arenas.length - 1];
  for (const o of a) {
    if (keep.has(o)) {
      if (parent) parent.add(o);
      continue;
    }
    release(o, reason);
  }
  a.clear();
}

/** Closes an arena without freeing: its tensors move to the enclosing arena (or live until garbage-collected). */
export function dissolveArena(a: Set<Owned>): void {
  const i = arenas.lastIndexOf(a);
  if (i >= 0) arenas.splice(i, 1);
  const parent = arenas[arenas.length - 1];
  if (parent) for (const o of a) parent.add(o);
  a.clear();
}

/** Number of arenas open now (tests and diagnostics). */
export function arenaDepth(): number {
  return arenas.length;
}
