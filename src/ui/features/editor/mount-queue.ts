// Mounts editors a few at a time, visible cells first, so a 200-cell notebook never blocks the page in one long task.

interface Job {
  run: () => void;
  visible: boolean;
}

/** Time one slice may spend mounting before it yields to the browser (input, paint). */
const SLICE_MS = 40;

const jobs = new Map<Element, Job>();
let scheduled = false;
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
  while (jobs.size > 0 && performance.now() - start < SLICE_MS) {
    const [host, job] = take()!;
    jobs.delete(host);
    observer?.unobserve(host);
    job.run();
  }
  if (jobs.size > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(pump, 0);
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
      if (drop()) run();
    },
    cancel: () => void drop(),
  };
}
