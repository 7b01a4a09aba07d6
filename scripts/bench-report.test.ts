// Unit tests for the bench's pure parts: statistics, number formats, tables, the README section, the options.
import { describe, expect, it } from "vitest";
import type { BackendRun } from "../bench/protocol";
import { backendBudgetMs, parseArgs, UsageError } from "./bench-args";
import { fmtDuration, fmtMs, fmtRate, median, renderMarkdown, renderSection, replaceSection, summarize, table, type BenchResults } from "./bench-report";

describe("stats", () => {
  it("median, min and max over repeats", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
    const s = summarize({ samplesMs: [12, 10, 11, 30], steps: 5 }, 64);
    expect([s.medianMs, s.minMs, s.maxMs]).toEqual([11.5, 10, 30]);
    expect(s.samplesPerSec).toBeCloseTo(64_000 / 11.5);
    expect(s.epochSec).toBeCloseTo((938 * 11.5) / 1000); // ceil(60000 / 64) steps per epoch
  });
});

describe("formatting", () => {
  it("numbers", () => {
    expect([fmtMs(0.6123), fmtMs(4.523), fmtMs(15.34), fmtMs(221.4)]).toEqual(["0.612", "4.52", "15.3", "221"]);
    expect([fmtRate(512), fmtRate(3_600), fmtRate(32_410), fmtRate(1_250_000)]).toEqual(["512", "3.6k", "32k", "1.3M"]);
    expect([fmtDuration(1.94), fmtDuration(76.2), fmtDuration(720), fmtDuration(8280)]).toEqual(["1.9 s", "76 s", "12.0 min", "2.3 h"]);
  });

  it("a Markdown table", () => {
    expect(table(["a", "b"], [["1", "2"]])).toBe("| a | b |\n| --- | --- |\n| 1 | 2 |");
  });

  it("renders rows per backend with n/a, errors and ratios", () => {
    const timing = (ms: number) => ({ samplesMs: [ms, ms], steps: 4 });
    const wasm: BackendRun = {
      requested: "wasm",
      backend: "wasm",
      measurements: [
        { impl: "ours", model: "mlp", batch: 64, phase: "train", timing: timing(5) },
        { impl: "layers", model: "mlp", batch: 64, phase: "train", timing: timing(10) },
        { impl: "ours", model: "mlp", batch: 64, phase: "infer", skipped: "n/a: not here" },
        { impl: "layers", model: "mlp", batch: 64, phase: "infer", error: "Kernel 'X' not registered" },
      ],
    };
    const r: BenchResults = {
      date: "2025-01-02T03:04:05.000Z",
      machine: { cpu: "CPU", cores: 2, chromium: "1.0", node: "20" },
      options: { backends: ["wasm", "webgpu"], models: ["mlp"], batches: [64], quick: true },
      durationSec: 1,
      backends: [wasm, { requested: "webgpu", startError: "no adapter", measurements: [] }],
      torch: { version: "1.13", defaultThreads: 2, runs: [{ threads: 1, model: "mlp", batch: 64, phase: "train", timing: timing(2) }] },
    };
    const md = renderMarkdown(r);
    expect(md).toContain("| mlp | 64 | wasm | 5.00 (5.00–5.00) | 13k | 4.7 s | 10.0 (10.0–10.0) | 6.4k | 9.4 s | 0.50× | 2.50× |");
    expect(md).toContain("| mlp | 64 | wasm | n/a | error | – | – |");
    expect(md).toContain("- webgpu: could not start (no adapter); not timed.");
    expect(md).toContain("Kernel 'X' not registered");
    expect(md).not.toContain("| mlp | 64 | webgpu |");
  });
});

describe("UI section", () => {
  const ui: BenchResults["ui"] = {
    date: "2025-01-03T00:00:00.000Z",
    chromium: "1.0",
    scenario: { notebook: "mnist-mlp", backend: "wasm", params: { epochs: 1, trainLimit: 9600 }, trainCell: 3 },
    open: { firstCellMs: [900, 1100], firstCellPaintMs: [950, 1150], editorReadyMs: [2000, 2200], fcpMs: [] },
    training: {
      durationMs: 12_000,
      longTasks: [{ start: 100, duration: 180 }],
      longFrames: [{ start: 90, duration: 200, blockingMs: 150, scripts: [{ invoker: "MessagePort.onmessage", source: "/assets/main.js", fn: "performWorkUntilDeadline", durationMs: 180 }] }],
      chartRedraws: [0, 300, 600],
      keyLatencyMs: [12, 40],
      keysLost: 0,
    },
  };
  const base: BenchResults = {
    date: "2025-01-02T03:04:05.000Z",
    machine: { cpu: "CPU", cores: 2, chromium: "1.0", node: "20" },
    options: { backends: [], models: ["mlp"], batches: [64], quick: true },
    durationSec: 1,
    backends: [],
    torchError: "not run (--ui-only)",
  };

  it("shows pass/fail per target and what ran in the long frames", () => {
    const md = renderMarkdown({ ...base, ui });
    expect(md).toContain("| open: navigation → first cell painted (median of 2 cold loads) | 1050 ms (max 1150 ms) | < 2000 ms | pass |");
    expect(md).toContain("| training: longest main-thread task (1 over 50 ms, 1 over 100 ms) | 180 ms | ≤ 100 ms | **FAIL** |");
    expect(md).toContain("| training: chart redraws per second (3 redraws, longest gap 300 ms) | 3.3 | ≥ 4 | **FAIL** |");
    expect(md).toContain("): MessagePort.onmessage → performWorkUntilDeadline (main.js) 180 ms.");
    expect(renderMarkdown({ ...base, ui: { ...ui, note: "busy machine" } })).toContain("> busy machine");
    expect(md).not.toContain("**Training**"); // no kernel tables in a --ui-only run without earlier results
    expect(renderSection({ ...base, ui })).toMatch(/^Last run: \*\*2025-01-03\*\*, `npm run bench -- --ui-only`/);
  });

  it("shows cold and warm starts with their phases, and – for a build that marks none", () => {
    const sample = (readyMs: number, phases: Record<string, number> | null) => ({ readyMs, phases, editorLinesMs: 450, editorColoredMs: 500 });
    const startup = {
      cold: [sample(2800, { page: 300, engine: 2000, state: 20, threads: 300, warmup: 180 }), sample(3200, { page: 400, engine: 2400, threads: 250, warmup: 150 })],
      warm: [sample(1200, { page: 200, engine: 700, state: 10, threads: 200, warmup: 90 })],
    };
    const md = renderMarkdown({ ...base, ui: { ...ui, startup } });
    expect(md).toContain("| start: navigation → kernel ready, cold (median of 2; each in a fresh browser profile) | 3000 ms (max 3200 ms) | ≤ 3000 ms | pass |");
    expect(md).toContain("| start: navigation → kernel ready, warm (median of 1; reloads of the same profile) | 1200 ms (max 1200 ms) | ≤ 1500 ms | pass |");
    expect(md).toContain("| start | page | engine | state | threads | warmup | ready |");
    expect(md).toContain("| cold | 350 ms | 2200 ms | 10.0 ms | 275 ms | 165 ms | 3000 ms |");
    const old = renderMarkdown({ ...base, ui: { ...ui, startup: { cold: [sample(9000, null)], warm: [sample(4000, null)] } } });
    expect(old).toContain("| cold | – | – | – | – | – | 9000 ms |");
    expect(old).toContain("| warm | – | – | – | – | – | 4000 ms |");
  });

  it("says when the UI was not measured", () => {
    expect(renderMarkdown(base)).toContain("**UI responsiveness**: not measured");
  });
});

describe("README section", () => {
  it("replaces only the text between the markers", () => {
    const readme = "# T\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nafter\n";
    expect(replaceSection(readme, "new table\n")).toBe("# T\n\n<!-- bench:start -->\nnew table\n<!-- bench:end -->\n\nafter\n");
    expect(() => replaceSection("# no markers", "x")).toThrow(/--no-readme/);
  });
});

describe("options", () => {
  it("parses lists and flags, and rejects unknown names", () => {
    const a = parseArgs(["--backends", "wasm,cpu", "--models", "mlp", "--quick"])!;
    expect([a.backends, a.models, a.batches, a.quick]).toEqual([["wasm", "cpu"], ["mlp"], [64, 256], true]);
    expect(backendBudgetMs(a)).toBe(45_000);
    expect(parseArgs(["--help"])).toBeNull();
    expect(() => parseArgs(["--backends", "tpu"])).toThrow(UsageError);
    expect(() => parseArgs(["--batches", "0"])).toThrow(/positive integer/);
    expect([a.ui, parseArgs(["--ui-only"])!.ui, parseArgs(["--no-ui", "--app-dist", "/tmp/d"])!.appDist]).toEqual(["also", "only", "/tmp/d"]);
    expect(() => parseArgs(["--ui-only", "--no-ui"])).toThrow(/exclude each other/);
  });
});
