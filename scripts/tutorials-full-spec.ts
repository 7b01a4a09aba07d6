// What `npm run tutorials:full` runs and checks: each tutorial's full-size parameters, the numbers it prints, their bars.

/** One number read from a tutorial's printed output. */
export interface MetricSpec {
  /** What the number is, for the table ("2 epochs, normalised"). */
  name: string;
  /** Its first capture group is the number; the last match in the output counts. */
  re: RegExp;
  /** The measured value must reach this (≥); no bar = reported only. */
  bar?: number;
  /** Shown after the number: "%" or "/4" … */
  unit?: string;
}

export interface TutorialSpec {
  /** The registry id (file `src/tutorials/<id>.ipynb`). */
  id: string;
  /** Overrides for the `parameters` cell, as `-p NAME=VALUE`; none = the notebook's own (full) values. */
  params?: Record<string, unknown>;
  metrics: MetricSpec[];
}

const accuracy = (name: string, re: RegExp, bar?: number): MetricSpec => ({ name, re, bar, unit: "%" });

/** In curriculum order. Bars from issue 5: each just under what PyTorch reaches here with the same recipe. */
export const SPECS: readonly TutorialSpec[] = [
  { id: "tensors-autograd", metrics: [] },
  { id: "first-network", metrics: [] },
  { id: "loss-functions", metrics: [] },
  { id: "optimizers", metrics: [] },
  {
    id: "perceptron-xor",
    metrics: [
      { name: "XOR, hand-written backprop", re: /Hand-written backprop: (\d)\/4/, bar: 4, unit: "/4" },
      { name: "XOR, nn.Sequential + BCELoss + SGD", re: /nn\.Sequential: (\d)\/4/, bar: 4, unit: "/4" },
    ],
  },
  {
    id: "mnist-softmax",
    metrics: [
      accuracy("2 epochs, raw pixels", /raw pixels, epoch \d+: test accuracy ([\d.]+)%/),
      accuracy("2 epochs, normalised pixels", /normalised, epoch \d+: test accuracy ([\d.]+)%/, 91.5),
    ],
  },
  {
    id: "mnist-mlp",
    params: { epochs: 10 },
    metrics: [
      accuracy("2 epochs", /Epoch 2: Accuracy: \d+\/\d+ \(([\d.]+)%\)/, 94.5),
      accuracy("10 epochs", /Epoch 10: Accuracy: \d+\/\d+ \(([\d.]+)%\)/, 97.3),
    ],
  },
  { id: "mnist-cnn", metrics: [accuracy("Adam 1e-3, 2 epochs", /Accuracy: \d+\/\d+ \(([\d.]+)%\)/, 97.8)] },
  {
    id: "overfitting",
    metrics: ["plain", "dropout 0.5", "batch norm", "weight decay", "SGD"].map((n) =>
      accuracy(`${n}: test accuracy`, new RegExp(`^${n.replace(".", "\\.")}: train [\\d.]+%, test ([\\d.]+)%`, "m")),
    ),
  },
  {
    id: "autoencoder",
    metrics: [
      accuracy("1000 labels, from scratch", /from scratch: Accuracy: \d+\/\d+ \(([\d.]+)%\)/),
      accuracy("1000 labels, pre-trained encoder", /pre-trained: Accuracy: \d+\/\d+ \(([\d.]+)%\)/),
    ],
  },
  { id: "tfidf-text", metrics: [accuracy("test sentences", /Accuracy: \d+\/\d+ \(([\d.]+)%\)/, 80)] },
  {
    id: "q-learning",
    metrics: [accuracy("FrozenLake 4×4 deterministic, greedy success", /Greedy policy success: \d+\/\d+ \(([\d.]+)%\)/, 70)],
  },
];

/** One row of the results table. */
export interface ResultRow {
  tutorial: string;
  metric: string;
  bar: string;
  measured: string;
  result: "pass" | "FAIL" | "ran" | "error";
  seconds: number | null;
  backend: string;
  date: string;
}

/** Reads a tutorial's metrics from its printed output; a run that failed, or a number that is missing, fails. */
export function evaluate(
  spec: TutorialSpec,
  output: string,
  run: { ok: boolean; error?: string; seconds: number; backend: string; date: string },
): ResultRow[] {
  const base = { tutorial: spec.id, seconds: run.seconds, backend: run.backend, date: run.date };
  if (!run.ok) return [{ ...base, metric: "runs top to bottom", bar: "", measured: run.error ?? "failed", result: "error" }];
  if (spec.metrics.length === 0) return [{ ...base, metric: "runs top to bottom", bar: "", measured: "ok", result: "ran" }];
  return spec.metrics.map((m) => {
    const hit = [...output.matchAll(new RegExp(m.re.source, m.re.flags.includes("g") ? m.re.flags : m.re.flags + "g"))].at(-1);
    const bar = m.bar === undefined ? "" : `≥ ${m.bar}${m.unit ?? ""}`;
    if (!hit) return { ...base, metric: m.name, bar, measured: "not printed", result: "FAIL" };
    const value = Number(hit[1]);
    const result = m.bar === undefined ? "ran" : value >= m.bar ? "pass" : "FAIL";
    return { ...base, metric: m.name, bar, measured: `${hit[1]}${m.unit ?? ""}`, result };
  });
}

export const START = "<!-- tutorials:start -->";
export const END = "<!-- tutorials:end -->";
const HEADER = ["tutorial", "metric", "bar", "measured", "result", "run time", "backend", "date"];

function formatSeconds(s: number | null): string {
  if (s === null) return "";
  const whole = Math.round(s);
  return whole < 90 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

function parseSeconds(text: string): number | null {
  const m = /^(?:(\d+) min )?(\d+) s$/.exec(text.trim());
  return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) : null;
}

/** The rows of the table between the markers (to keep results of tutorials not run this time). */
export function parseTable(block: string): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const line of block.split("\n")) {
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    if (cells.length !== HEADER.length || cells[0] === "tutorial" || /^-+$/.test(cells[0])) continue;
    const [tutorial, metric, bar, measured, result, time, backend, date] = cells;
    rows.push({ tutorial, metric, bar, measured, result: result as ResultRow["result"], seconds: parseSeconds(time), backend, date });
  }
  return rows;
}

/** This run's rows replace the old rows of the same tutorials; the rest stay; the curriculum order is kept. */
export function mergeRows(old: ResultRow[], fresh: ResultRow[]): ResultRow[] {
  const ran = new Set(fresh.map((r) => r.tutorial));
  const all = [...old.filter((r) => !ran.has(r.tutorial)), ...fresh];
  const order = (id: string) => {
    const i = SPECS.findIndex((s) => s.id === id);
    return i < 0 ? SPECS.length : i;
  };
  return all.map((r, i) => ({ r, i })).sort((a, b) => order(a.r.tutorial) - order(b.r.tutorial) || a.i - b.i).map(({ r }) => r);
}

export function renderTable(rows: ResultRow[]): string {
  const lines = [`| ${HEADER.join(" | ")} |`, `| ${HEADER.map(() => "---").join(" | ")} |`];
  for (const r of rows) {
    lines.push(`| ${[r.tutorial, r.metric, r.bar, r.measured, r.result, formatSeconds(r.seconds), r.backend, r.date].map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`);
  }
  return lines.join("\n");
}

/** Replaces what lies between the markers (appending a section with them if the README has none). */
export function updateReadme(readme: string, rows: ResultRow[], note: string): string {
  const body = `${START}\n${note}\n\n${renderTable(rows)}\n${END}`;
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) return `${readme.trimEnd()}\n\n## Tutorial results\n\n${body}\n`;
  return readme.slice(0, a) + body + readme.slice(b + END.length);
}

/** Old rows as found in the README. */
export function readmeRows(readme: string): ResultRow[] {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  return a < 0 || b < a ? [] : parseTable(readme.slice(a + START.length, b));
}
