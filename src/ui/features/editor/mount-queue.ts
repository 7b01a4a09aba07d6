// Mounts editors a few at a time, visible cells first, so a 200-cell notebook never blocks the page in one long task;
// disposes the editors of a closed notebook the same way, before the new notebook's editors mount.

interface Job {
  run: () => void;
  visible: boolean;
}

/** Time one slice may spend mounting before it yields to the browser (input, paint). */
const SLICE_MS = 40;

/**
 * Editors mounted per slice at most. Monaco draws every editor mounted since the last frame in one animation-frame
 * task (layout reads per editor, each forcing a relayout of a long page): a slice of many editors made that one
 * task 150 ms and more on a loaded machine.
 */
const SLICE_EDITORS = 1;

const jobs = new Map<Element, Job>();
/** Disposals of editors whose cells left the page (a notebook closed): done after the mounts, a slice at a time. */
const disposals: (() => void)[] = [];
let scheduled = false;
/**
 * Whether an editor mounted ahead of one queued before it (a visible or clicked cell first) since the queue last ran
 * dry, and what to call when it does (onMountsSettled).
 */
let outOfOrder = false;
let settled: (() => void) | null = null;
let observer: IntersectionObserver | null = null;

function observe(host: Element): void {
  if (typeof IntersectionObserver === "undefined") return;
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const job = jobs.get(e.target);
        if (job) job.visible = e.isIntersecting;
      }
      schedule();
    },
    { rootMargin: "400px 0px" },
  );
  observer.observe(host);
}

function take(): [Element, Job] | undefined {
  let first: [Element, Job] | undefined;
  for (const entry of jobs) {
    if (entry[1].visible) return entry;
    first ??= entry;
  }
  return first;
}

function pump(): void {
  scheduled = false;
  const start = performance.now();
  // The closed notebook's editors first: their models share the language service's global scope with the new
  // cells' models (cells are scripts), so a new cell checked beside an old one would show false redeclarations.
  while (disposals.length > 0 && performance.now() - start < SLICE_MS) runDisposal();
  let mounted = 0;
  while (disposals.length === 0 && jobs.size > 0 && mounted < SLICE_EDITORS && performance.now() - start < SLICE_MS) {
    const [host, job] = take()!;
    if (host !== jobs.keys().next().value) outOfOrder = true;
    jobs.delete(host);
    observer?.unobserve(host);
    job.run();
    mounted += 1;
  }
  if (jobs.size > 0 || disposals.length > 0) schedule(mounted > 0);
  else settle();
}

/** Once no editor is left to mount, after some mounted out of order, tells the onMountsSettled listener, once. */
function settle(): void {
  if (!outOfOrder || jobs.size > 0) return;
  outOfOrder = false;
  try {
    settled?.();
  } catch {
    // A listener's failure must not stop the queue.
  }
}

/**
 * `f` runs each time the queue has mounted every editor it was given, if any mounted ahead of an editor queued
 * before it. Monaco checks a new cell's model once, against
 * the models that exist at that moment, and never again until the cell itself changes; cells mount visible ones
 * first (and a clicked cell at once), so a cell can be checked before an earlier cell that declares its names, and
 * would keep a false "Cannot find name" without a check of every cell once all are there.
 */
export function onMountsSettled(f: () => void): void {
  settled = f;
}

function runDisposal(): void {
  try {
    disposals.shift()!();
  } catch {
    // An editor that cannot dispose itself cleanly has left the page either way.
  }
}

/**
 * Runs the next slice in its own task; after a slice that mounted editors, only once the browser has drawn a frame,
 * so Monaco's render of those editors is a task of its own. A hidden page draws no frames: 100 ms at the most.
 */
function schedule(afterFrame = false): void {
  if (scheduled) return;
  scheduled = true;
  if (!afterFrame || typeof requestAnimationFrame === "undefined") {
    setTimeout(pump, 0);
    return;
  }
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    setTimeout(pump, 0);
  };
  const fallback = setTimeout(go, 100);
  requestAnimationFrame(go);
}

/** Disposes an unmounted editor later, in the slices, so closing a long notebook is not one long task. */
export function disposeLater(dispose: () => void): void {
  disposals.push(dispose);
  schedule();
}

/**
 * Queues `run` (which mounts the editor into `host`). `now()` runs it at once if it is still waiting (a cell the
 * user wants to type in); `cancel()` drops it (the cell went away first).
 */
export function queueMount(host: Element, run: () => void): { now(): void; cancel(): void } {
  const job: Job = { run, visible: false };
  jobs.set(host, job);
  observe(host);
  schedule();
  const drop = () => {
    if (jobs.get(host) !== job) return false;
    jobs.delete(host);
    observer?.unobserve(host);
    return true;
  };
  return {
    now: () => {
      const ahead = jobs.keys().next().value !== host;
      if (!drop()) return;
      if (ahead) outOfOrder = true;
      while (disposals.length > 0) runDisposal();
      run();
      settle();
    },
    cancel: () => void drop(),
  };
}
