// Command-line arguments of `npm run notebook` (scripts/run-notebook.ts): pure parsing, errors that show the fix.
import { parseParameters } from "../src/notebook/headless/parameters";

export const USAGE = `Usage: npm run notebook -- NOTEBOOK.ipynb [options]

Runs a notebook top to bottom in headless Chromium with Gradbook's kernel and writes the executed notebook,
like \`jupyter nbconvert --execute\`. Exits 1 at the first failing cell (later cells are not run; the notebook is
still written up to it), 2 on a usage or file error.

Options:
  -p, --parameter NAME=VALUE  override a variable of the cell tagged "parameters" (papermill-style; repeatable).
                              VALUE is read as JSON when it parses (1, 0.5, true, [1,2], "s"), else as a string.
  -o, --out FILE              where to write the executed notebook (default: NOTEBOOK.executed.ipynb beside it)
  --backend NAME              auto | webgpu | webgl | wasm | cpu (default: the app's auto choice)
  --timeout SECONDS           interrupt a cell that runs longer and fail (default: no limit)
  --log-output                echo the cells' stdout/stderr to stderr as they run
  --port N                    port for the local preview server (default: a free one)
  --to-python FILE             do not run: write the notebook as a PyTorch program instead (FILE.py: a script that
                              takes --epochs/--batch-size/--lr/--device/--init and runs under torchrun; FILE.ipynb:
                              a Jupyter notebook with a python3 kernel). Untranslatable lines are listed on stderr.
  --build | --no-build        always / never run \`vite build\` first (default: only when dist/ is older than the sources)
  -h, --help                  show this help`;

export const BACKENDS = ["auto", "webgpu", "webgl", "wasm", "cpu"] as const;
export type BackendArg = (typeof BACKENDS)[number];

export interface CliArgs {
  notebook: string;
  out?: string;
  backend?: BackendArg;
  parameters: Record<string, unknown>;
  timeoutMs?: number;
  logOutput: boolean;
  port?: number;
  build: "auto" | "always" | "never";
  /** --to-python FILE: translate to PyTorch (.py or .ipynb by the extension) instead of running. */
  toPython?: string;
}

/** A mistake on the command line; the CLI prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

const TAKES_VALUE = new Set(["-p", "--parameter", "-o", "--out", "--backend", "--timeout", "--port", "--to-python"]);

/** Parses argv (without `node script`); returns null for --help. */
export function parseArgs(argv: readonly string[]): CliArgs | null {
  const positional: string[] = [];
  const params: string[] = [];
  const args: Omit<CliArgs, "notebook" | "parameters"> = { logOutput: false, build: "auto" };
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i];
    let value: string | undefined;
    if (flag === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (flag.startsWith("--") && flag.includes("=")) [flag, value] = [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)];
    else if (/^-p.+/.test(flag)) [flag, value] = ["-p", flag.slice(2)];
    if (TAKES_VALUE.has(flag) && value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
    }
    switch (flag) {
      case "-h":
      case "--help":
        return null;
      case "-p":
      case "--parameter":
        params.push(value!);
        break;
      case "-o":
      case "--out":
        args.out = value;
        break;
      case "--backend":
        if (!(BACKENDS as readonly string[]).includes(value!)) {
          throw new UsageError(`--backend ${value}: pick one of ${BACKENDS.join(", ")}`);
        }
        args.backend = value as BackendArg;
        break;
      case "--timeout": {
        const seconds = Number(value);
        if (!(seconds > 0)) throw new UsageError(`--timeout ${value}: give the limit per cell in seconds, e.g. --timeout 600`);
        args.timeoutMs = seconds * 1000;
        break;
      }
      case "--port": {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port ${value}: give a port number, e.g. --port 4400`);
        args.port = port;
        break;
      }
      case "--log-output":
        args.logOutput = true;
        break;
      case "--to-python":
        if (!/\.(py|ipynb)$/i.test(value!)) throw new UsageError(`--to-python ${value}: name a .py (script) or .ipynb (Jupyter notebook) file`);
        args.toPython = value;
        break;
      case "--build":
        args.build = "always";
        break;
      case "--no-build":
        args.build = "never";
        break;
      default:
        if (flag.startsWith("-") && flag !== "-") throw new UsageError(`unknown option ${flag}`);
        positional.push(flag);
    }
  }
  if (positional.length !== 1) {
    throw new UsageError(
      positional.length === 0 ? "name the notebook to run, e.g. npm run notebook -- src/tutorials/mnist-softmax.ipynb" : `one notebook at a time; got ${positional.join(", ")}`,
    );
  }
  let parameters: Record<string, unknown>;
  try {
    parameters = parseParameters(params);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (args.toPython && params.length) {
    throw new UsageError("-p does not apply with --to-python: give the values to the program instead, e.g. python3 out.py --epochs 1");
  }
  return { notebook: positional[0], parameters, ...args };
}

/** `runs/a.ipynb` → `runs/a.executed.ipynb`. */
export function defaultOutPath(notebook: string): string {
  return notebook.replace(/(\.ipynb)?$/i, ".executed.ipynb");
}
