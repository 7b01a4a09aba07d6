// A whole notebook → one PyTorch program: a .py (jupytext percent cells, argparse, torchrun-ready) or a .ipynb with a
// python3 kernel. Markdown is kept; every code cell is translated; what cannot be is listed and raises where it stands.
import { newCellId, sourceToString, type Cell, type Notebook } from "../ipynb";
import { Ctx, type Untranslatable } from "./context";
import { argparseBlock, readParameters, type Parameter } from "./parameters";
import { HEAD, HELPERS, TAIL } from "./prelude-core";
import { DATA_HELPERS } from "./prelude-data";
import { SHOW_HELPERS } from "./prelude-show";
import { makeTranslator, translateCell } from "./translate";

export interface PythonExport {
  /** The file's text (.py source or .ipynb JSON). */
  text: string;
  /** Constructs that have no translation; each raises NotImplementedError in the program where it stands. */
  untranslatable: Untranslatable[];
  /** The command-line options made from the parameters cell. */
  parameters: Parameter[];
}

const ALL_HELPERS: Record<string, string> = { ...HELPERS, ...DATA_HELPERS, ...SHOW_HELPERS };
/** Helper order in the program (dependencies first). */
const ORDER = ["Obj", "no_grad", "get-batch", "tensor-dataset", "transforms", "mnist", "text-corpus", "frozen-lake", "figures", "table", "log", "summary", "confusion"];
const DEPENDS: Record<string, string[]> = { "frozen-lake": ["Obj"], figures: ["Obj"] };
const STDLIB = ["functools", "json", "math", "random", "re", "time"];

function titleOf(nb: Notebook): string {
  for (const c of nb.cells) {
    if (c.cell_type !== "markdown") continue;
    const m = /^#+\s+(.+)$/m.exec(sourceToString(c.source));
    if (m) return m[1].trim();
  }
  return "Gradbook notebook";
}

interface Translated {
  cells: Array<{ cell: Cell; number: number; python?: string[]; parameters: boolean }>;
  ctx: Ctx;
  params: Parameter[];
}

function translateAll(nb: Notebook): Translated {
  const ctx = new Ctx();
  const t = makeTranslator(ctx);
  let params: Parameter[] = [];
  const cells = nb.cells.map((cell, i) => {
    const isParams = Array.isArray(cell.metadata?.tags) && (cell.metadata.tags as unknown[]).includes("parameters");
    if (cell.cell_type !== "code") return { cell, number: i + 1, parameters: false };
    const source = sourceToString(cell.source);
    if (isParams && !params.length) params = readParameters(source);
    return { cell, number: i + 1, python: translateCell(t, source, i + 1), parameters: isParams };
  });
  return { cells, ctx, params };
}

function setup(ctx: Ctx, params: Parameter[], title: string, file: string): string {
  const needs = new Set(ctx.needs);
  for (const [k, deps] of Object.entries(DEPENDS)) if (needs.has(k)) deps.forEach((d) => needs.add(d));
  const imports = STDLIB.filter((m) => needs.has(m)).map((m) => `import ${m}`);
  const head = HEAD.replace("{{IMPORTS}}", imports.length ? imports.join("\n") + "\n" : "").replace("{{ARGS}}", argparseBlock(title, file, params));
  const helpers = ORDER.filter((k) => needs.has(k)).map((k) => ALL_HELPERS[k]);
  return [head.trimEnd(), ...helpers].join("\n\n\n");
}

/** In the .py, the parameters cell reads the command line: `epochs = 2` → `epochs = args.epochs`. */
function fromArgs(lines: string[], params: Parameter[]): string[] {
  return lines.map((l) => {
    const m = /^(\w+) = [^#]*?(\s+#.*)?$/.exec(l);
    const p = m && params.find((q) => q.name === m[1]);
    return p ? `${p.name} = args.${p.name}${m[2] ?? ""}` : l;
  });
}

function untranslatedNote(list: Untranslatable[]): string[] {
  if (!list.length) return ["# Every code cell was translated."];
  return [
    `# ${list.length} construct${list.length > 1 ? "s" : ""} could not be translated; each raises NotImplementedError where it stands:`,
    ...list.map((u) => `#   cell ${u.cell}, line ${u.line}: ${u.source}  (${u.reason})`),
  ];
}

/** The notebook as a PyTorch script: `python3 file.py --epochs 1`, or `torchrun --nproc_per_node=2 file.py`. */
export function notebookToScript(nb: Notebook, file = "notebook.py"): PythonExport {
  const { cells, ctx, params } = translateAll(nb);
  const title = titleOf(nb);
  const out = [
    `# ${title}: exported from Gradbook as a PyTorch program (cells below are the notebook's, in order).`,
    `#   python3 ${file} [--epochs N] [--batch-size N] [--lr X] [--device cpu|cuda|mps] [--init model.safetensors]`,
    `#   torchrun --nproc_per_node=2 ${file}    # DistributedDataParallel: gloo on CPU, NCCL on CUDA`,
    "# Needs only torch; torchvision and matplotlib are used when installed.",
    ...untranslatedNote(ctx.problems),
    "",
    setup(ctx, params, title, file),
    "",
  ];
  for (const c of cells) {
    if (c.cell.cell_type === "markdown") {
      out.push("", "# %% [markdown]", ...sourceToString(c.cell.source).split("\n").map((l) => (l ? `# ${l}` : "#")));
    } else if (c.python) {
      out.push("", `# %% cell ${c.number}${c.parameters ? ' [parameters: from the command line]' : ""}`, ...(c.parameters ? fromArgs(c.python, params) : c.python));
    }
  }
  out.push("", TAIL.trim(), "");
  return { text: out.join("\n"), untranslatable: ctx.problems, parameters: params };
}

const lines = (text: string) => text.split("\n").map((l, i, all) => (i < all.length - 1 ? l + "\n" : l)).filter((l) => l !== "");

/** The notebook as a Jupyter notebook with a python3 kernel (nbformat 4.5): a set-up cell, then the cells. */
export function notebookToIpynb(nb: Notebook, file = "notebook.ipynb"): PythonExport {
  const { cells, ctx, params } = translateAll(nb);
  const title = titleOf(nb);
  const code = (source: string, metadata: Record<string, unknown> = {}) => ({ id: newCellId(), cell_type: "code" as const, metadata, execution_count: null, outputs: [], source: lines(source) });
  const out: unknown[] = [
    { id: newCellId(), cell_type: "markdown", metadata: {}, source: lines(`*Exported from Gradbook as PyTorch.* The first cell sets up the helpers the notebook's builtins need.\n\n${untranslatedNote(ctx.problems).map((l) => l.replace(/^# ?/, "")).join("  \n")}`) },
    code(setup(ctx, params, title, file.replace(/\.ipynb$/, ".py"))),
  ];
  for (const c of cells) {
    if (c.cell.cell_type === "markdown") {
      const md: Record<string, unknown> = { id: newCellId(), cell_type: "markdown", metadata: {}, source: lines(sourceToString(c.cell.source)) };
      if (c.cell.attachments) md.attachments = c.cell.attachments;
      out.push(md);
    } else if (c.python) {
      out.push(code(c.python.join("\n"), c.parameters ? { tags: ["parameters"] } : {}));
    }
  }
  out.push(code(TAIL.trim()));
  const doc = {
    cells: out,
    metadata: {
      kernelspec: { name: "python3", display_name: "Python 3 (ipykernel)", language: "python" },
      language_info: { name: "python", file_extension: ".py", mimetype: "text/x-python" },
      gradbook: { exported_from: nb.metadata?.gradbook ?? null },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return { text: JSON.stringify(doc, null, 1) + "\n", untranslatable: ctx.problems, parameters: params };
}

/** `exportNotebook({ format })`'s core: the notebook as Python of the given format. */
export function notebookToPython(nb: Notebook, format: "py" | "ipynb", file?: string): PythonExport {
  return format === "py" ? notebookToScript(nb, file) : notebookToIpynb(nb, file);
}
