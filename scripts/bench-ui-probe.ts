// The in-page half of the UI bench: observers installed before the app loads (long tasks, chart redraws, keys, first paint).
// installUiProbe runs in the page through Playwright's addInitScript, so it must be self-contained (no imports, no outer names).

/** A long task (Long Tasks API: a main-thread task over 50 ms); times are performance.now() ms. */
export interface LongTask {
  start: number;
  duration: number;
}

/** A long animation frame (Chromium's Long Animation Frames API) and the scripts that ran in it: the "why" of a long task. */
export interface LongFrame {
  start: number;
  duration: number;
  blockingMs: number;
  scripts: { invoker: string; source: string; fn: string; durationMs: number }[];
}

export interface ProbeState {
  /** performance.now() when the first cell was in the DOM and laid out, then at the frame after (painted). */
  firstCellMs: number | null;
  firstCellPaintMs: number | null;
  /** When a cell's Monaco editor had rendered its lines. */
  editorReadyMs: number | null;
  /** When a cell's editor first showed a coloured token (a keyword or a string: syntax highlighting is on). */
  editorColoredMs: number | null;
  /** When the status bar first said the kernel is idle (ready). */
  kernelReadyMs: number | null;
  fcpMs: number | null;
  longTasks: LongTask[];
  longFrames: LongFrame[];
  /** One entry per DOM commit that changed a chart's plotted path (a redraw). */
  chartRedraws: number[];
  /** Keypress → typed text in the editor's DOM, ms per key, in order. */
  keyLatencyMs: number[];
  /** What the keys typed so far should have produced (set by the driver before each key). */
  expectTyped: string;
}

declare global {
  interface Window {
    gbProbe: ProbeState;
  }
}

export function installUiProbe(): void {
  const probe: ProbeState = {
    firstCellMs: null,
    firstCellPaintMs: null,
    editorReadyMs: null,
    editorColoredMs: null,
    kernelReadyMs: null,
    fcpMs: null,
    longTasks: [],
    longFrames: [],
    chartRedraws: [],
    keyLatencyMs: [],
    expectTyped: "",
  };
  window.gbProbe = probe;

  const observe = (type: string, onEntry: (e: PerformanceEntry) => void) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
    } catch {
      // an entry type this browser lacks: its list stays empty
    }
  };
  observe("longtask", (e) => probe.longTasks.push({ start: e.startTime, duration: e.duration }));
  observe("paint", (e) => {
    if (e.name === "first-contentful-paint") probe.fcpMs = e.startTime;
  });
  type Loaf = PerformanceEntry & {
    blockingDuration: number;
    scripts: { invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }[];
  };
  observe("long-animation-frame", (entry) => {
    const e = entry as Loaf;
    probe.longFrames.push({
      start: e.startTime,
      duration: e.duration,
      blockingMs: e.blockingDuration,
      scripts: (e.scripts ?? []).map((s) => ({
        invoker: s.invoker,
        source: s.sourceURL.replace(location.origin, ""),
        fn: s.sourceFunctionName,
        durationMs: s.duration,
      })),
    });
  });

  // Keys: the event's own timestamp (when the input arrived, before any wait for the main thread) to the DOM update.
  let keyAt: number | null = null;
  window.addEventListener("keydown", (e) => {
    if (e.key.length === 1 && probe.expectTyped) keyAt = e.timeStamp;
  }, true);

  const visible = (el: Element | null) => el !== null && el.getBoundingClientRect().height > 0;
  const onMutations = (records: MutationRecord[]) => {
    const now = performance.now();
    if (probe.firstCellMs === null && visible(document.querySelector('[data-testid="cell"]'))) {
      probe.firstCellMs = now;
      requestAnimationFrame(() => setTimeout(() => (probe.firstCellPaintMs = performance.now()), 0));
    }
    if (probe.editorReadyMs === null && document.querySelector('[data-testid="cell"] .monaco-editor .view-line')) {
      probe.editorReadyMs = now;
    }
    // Monaco's default token class is mtk1; any other on a non-blank token means the tokenizer has coloured the line.
    if (probe.editorColoredMs === null && probe.editorReadyMs !== null) {
      const tokens = document.querySelectorAll('[data-testid="cell"] .monaco-editor .view-line span[class*="mtk"]');
      for (const t of tokens) {
        if (!t.classList.contains("mtk1") && (t.textContent ?? "").trim() !== "") {
          probe.editorColoredMs = now;
          break;
        }
      }
    }
    if (probe.kernelReadyMs === null && document.querySelector('[data-testid="kernel-status"]')?.textContent === "idle") {
      probe.kernelReadyMs = now;
    }
    let redraw = false;
    for (const r of records) {
      const target = r.target as Element;
      if (target.nodeType !== 1) continue;
      // Recharts updates a curve's `d` in place; a new chart or a remount adds the paths instead.
      if (r.type === "attributes" ? target.tagName === "path" : r.addedNodes.length > 0 && target instanceof SVGElement) {
        if (target.closest('[data-testid^="chart-"]')) redraw = true;
      }
    }
    if (redraw) probe.chartRedraws.push(now);
    if (keyAt !== null && probe.expectTyped) {
      const lines = document.querySelector(".monaco-editor.focused .view-lines");
      if (lines && (lines.textContent ?? "").replace(/\s/g, "").includes(probe.expectTyped)) {
        probe.keyLatencyMs.push(now - keyAt);
        keyAt = null;
      }
    }
  };
  const start = () =>
    new MutationObserver(onMutations).observe(document.documentElement, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["d"],
    });
  if (document.documentElement) start();
  else document.addEventListener("DOMContentLoaded", start);
}
