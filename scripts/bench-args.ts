// Command-line options of `npm run bench` (pure, so the unit test can check them).
import { BACKENDS, MODELS, type BenchBackend, type ModelName, type TimingPlan } from "../bench/protocol";

export interface BenchArgs {
  backends: BenchBackend[];
  models: ModelName[];
  batches: number[];
  quick: boolean;
  torch: boolean;
  /** Time the jax-js peer beside fastcpu. */
  jaxjs: boolean;
  readme: boolean;
  port?: number;
  note?: string;
  /** Seconds one backend may run before its remaining cases are skipped (0 = no cap); default by --quick. */
  budgetSec?: number;
  /** The UI bench (scripts/bench-ui.ts): "also" after the kernel bench, "only" it, or "skip". */
  ui: "also" | "only" | "skip";
  /** Serve this built app for the UI bench instead of (re)building dist/. */
  appDist?: string;
  /** The backend the UI bench trains on (?backend=…); default auto, as a learner gets. */
  uiBackend?: string;
  /** Epochs of the memory bench (scripts/bench-memory.ts); 0 = skip it and keep its last results. */
  memoryEpochs: number;
  /** Run only the memory bench; the kernel and UI tables are kept from the last run. */
  memoryOnly: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]
  --backends webgpu,webgl,fastcpu,fastcpu1,wasm,cpu   backends to time (default: all six; fastcpu1 = fastcpu on one thread)
  --models softmax,mlp,cnn           models to time (default: all three; cnn is n/a without nn.Conv2d)
  --batches 64,256                   batch sizes (default: 64,256)
  --quick                            fewer and shorter repeats (a rough number in a fraction of the time)
  --no-torch                         skip the PyTorch column (it is refused anyway when torch runs on the reference BLAS)
  --no-jaxjs                         skip the jax-js peer (timed in the fastcpu run)
  --no-readme                        do not rewrite the README's bench section
  --budget S                         seconds per backend before its remaining cases are skipped
                                     (default 100, with --quick 45; 0 = no cap)
  --note "text"                      a line printed under the table (e.g. "machine busy")
  --port N                           serve the bench page on port N (default: the first free one in 4700-4799)
  --ui-only                          only the UI bench (open time, long tasks, chart rate, typing while training);
                                     the kernel tables are kept from the last run's bench/results/latest.json
  --no-ui                            skip the UI bench (its last results are kept)
  --app-dist DIR                     the UI bench serves this built app as it is (default: dist/, rebuilt if stale)
  --ui-backend NAME                  the backend the UI bench trains on (default auto, the app's own choice)
  --memory-epochs N                  epochs of the memory bench: the MLP tutorial's loop on all 60,000 images,
                                     live tensors/bytes/heap after each (default 10; skipped with --ui-only)
  --no-memory                        skip the memory bench (its last results are kept)
  --memory-only                      only the memory bench (the other tables are kept from the last run)`;

export class UsageError extends Error {}

function list<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value.split(",").map((s) => s.trim()).filter(Boolean);
  for (const v of items) {
    if (!allowed.includes(v as T)) throw new UsageError(`unknown ${what} "${v}"; choose from ${allowed.join(", ")}`);
  }
  if (items.length === 0) throw new UsageError(`--${what}s needs a comma-separated list, e.g. ${allowed.join(",")}`);
  return items as T[];
}

/** Parses argv (without node and the script); null means --help. */
export function parseArgs(argv: readonly string[]): BenchArgs | null {
  const args: BenchArgs = { backends: [...BACKENDS], models: [...MODELS], batches: [64, 256], quick: false, torch: true, jaxjs: true, readme: true, ui: "also", memoryEpochs: 10, memoryOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--help":
      case "-h":
        return null;
      case "--backends":
        args.backends = list(value(), BACKENDS, "backend");
        break;
      case "--models":
        args.models = list(value(), MODELS, "model");
        break;
      case "--batches":
        args.batches = value().split(",").map((s) => {
          const n = Number(s);
          if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--batches: "${s}" is not a positive integer`);
          return n;
        });
        break;
      case "--quick":
        args.quick = true;
        break;
      case "--no-torch":
        args.torch = false;
        break;
      case "--no-jaxjs":
        args.jaxjs = false;
        break;
      case "--no-readme":
        args.readme = false;
        break;
      case "--note":
        args.note = value();
        break;
      case "--ui-only":
      case "--no-ui":
        if (args.ui !== "also") throw new UsageError("--ui-only and --no-ui exclude each other");
        args.ui = flag === "--ui-only" ? "only" : "skip";
        break;
      case "--app-dist":
        args.appDist = value();
        break;
      case "--ui-backend":
        args.uiBackend = list(value(), ["auto", ...BACKENDS.filter((b) => b !== "fastcpu1")], "ui-backend")[0];
        break;
      case "--memory-only":
        args.memoryOnly = true;
        break;
      case "--no-memory":
        args.memoryEpochs = 0;
        break;
      case "--memory-epochs": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 2) throw new UsageError(`--memory-epochs needs a whole number ≥ 2 (got ${argv[i]})`);
        args.memoryEpochs = n;
        break;
      }
      case "--budget": {
        const n = Number(value());
        if (!Number.isFinite(n) || n < 0) throw new UsageError(`--budget: "${argv[i]}" is not a number of seconds`);
        args.budgetSec = n;
        break;
      }
      case "--port": {
        const n = Number(value());
        if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new UsageError(`--port: not a port number`);
        args.port = n;
        break;
      }
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  return args;
}

/** Repeats and block sizes: the full run keeps the whole suite near 10 minutes on a 2-core machine. */
export function timingPlan(quick: boolean): TimingPlan {
  return quick
    ? { repeats: 3, minRepeats: 2, targetBlockMs: 100, maxSteps: 20, budgetMs: 1_500 }
    : { repeats: 7, minRepeats: 3, targetBlockMs: 250, maxSteps: 50, budgetMs: 5_000 };
}

/**
 * sgemm sizes [M, K, N] for the ceiling table: the MLP's first layer at batch 64 and 256 (784 → 256), and a square
 * product large enough for both libraries to reach their peak.
 */
export const SGEMM_SIZES: [number, number, number][] = [[64, 784, 256], [256, 784, 256], [512, 512, 512]];

/** The per-backend cap in ms (BenchPlan.backendBudgetMs). */
export function backendBudgetMs(args: BenchArgs): number {
  return 1000 * (args.budgetSec ?? (args.quick ? 45 : 100));
}
