// The notebook's `parameters` cell (papermill's tag) → the program's command line: each literal constant becomes an
// option with the notebook's value as default; epochs, batchSize and learningRate/lr get the usual --epochs,
// --batch-size and --lr.
import { parse } from "acorn";
import type { Node } from "./context";
import { pyVar } from "./names";
import { stripTypes } from "./translate";

export interface Parameter {
  /** The Python variable (`batch_size`). */
  name: string;
  /** The command-line flag (`--batch-size`). */
  flag: string;
  /** Python literal of the default. */
  value: string;
  type: "int" | "float" | "str" | "bool";
  help: string;
}

const STANDARD: Record<string, string> = { epochs: "--epochs", batchSize: "--batch-size", learningRate: "--lr", lr: "--lr" };
/** The options every exported program has, even when its notebook lacks that parameter (then they say so). */
export const STANDARD_FLAGS = [
  { flag: "--epochs", type: "int" },
  { flag: "--batch-size", type: "int" },
  { flag: "--lr", type: "float" },
] as const;

/** The literal constants of a parameters cell, in order; anything else in the cell is translated as usual. */
export function readParameters(source: string): Parameter[] {
  let program: Node;
  const comments: Array<{ line: number; text: string }> = [];
  try {
    program = parse(stripTypes(source), { ecmaVersion: "latest", sourceType: "module", locations: true, allowAwaitOutsideFunction: true, onComment: (_b, text, _s, _e, loc) => comments.push({ line: loc!.line, text: text.trim() }) });
  } catch {
    return [];
  }
  const out: Parameter[] = [];
  for (const s of program.body) {
    if (s.type !== "VariableDeclaration") continue;
    for (const d of s.declarations) {
      if (d.id.type !== "Identifier" || !d.init) continue;
      const neg = d.init.type === "UnaryExpression" && d.init.operator === "-" && d.init.argument.type === "Literal";
      const lit = neg ? d.init.argument : d.init;
      if (lit.type !== "Literal" || lit.regex || lit.value === null) continue;
      const v = lit.value as number | string | boolean;
      const type = typeof v === "string" ? "str" : typeof v === "boolean" ? "bool" : Number.isInteger(v) && !/[.eE]/.test(lit.raw) ? "int" : "float";
      const name = pyVar(d.id.name);
      const value = typeof v === "string" ? JSON.stringify(v) : typeof v === "boolean" ? (v ? "True" : "False") : `${neg ? "-" : ""}${lit.raw}`;
      const note = comments.find((c) => c.line === s.loc.start.line)?.text ?? "";
      out.push({ name, flag: STANDARD[d.id.name] ?? `--${name.replace(/_/g, "-")}`, value, type, help: note || `${d.id.name} in the notebook` });
    }
  }
  return out;
}

const PY_TYPE = { int: "int", float: "float", str: "str", bool: 'lambda s: s.lower() in ("1", "true", "yes")' };

/** The argparse block: the notebook's parameters, the three standard options, device/init/save/data/figures. */
export function argparseBlock(title: string, file: string, params: Parameter[]): string {
  const lines = [
    `parser = argparse.ArgumentParser(description=${JSON.stringify(`${title}, exported from Gradbook. Scale out with: torchrun --nproc_per_node=N ${file}`)})`,
  ];
  const esc = (s: string) => JSON.stringify(s.replace(/%/g, "%%"));
  for (const p of params) {
    const alias = p.flag === "--lr" && p.name === "learning_rate" ? `, "--learning-rate"` : "";
    lines.push(`parser.add_argument("${p.flag}"${alias}, dest="${p.name}", type=${PY_TYPE[p.type]}, default=${p.value}, help=${esc(`${p.help} (default: ${p.value})`)})`);
  }
  const missing = STANDARD_FLAGS.filter((s) => !params.some((p) => p.flag === s.flag));
  for (const s of missing) lines.push(`parser.add_argument("${s.flag}", type=${s.type}, default=None, help=argparse.SUPPRESS)`);
  lines.push(
    `parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda", "mps"], help="where to train (default: cuda when available)")`,
    `parser.add_argument("--init", metavar="WEIGHTS.safetensors", help="start each model whose names and shapes fit from these weights (Gradbook's Export weights)")`,
    `parser.add_argument("--save", default="model.safetensors", help="where rank 0 saves the trained model ('' to skip; default: %(default)s)")`,
    `parser.add_argument("--data-dir", default=None, help="folder with the MNIST .gz files (default: $GRADBOOK_MNIST_DIR, else the notebook's)")`,
    `parser.add_argument("--figures", default="figures", help="folder for the images and plots (default: %(default)s)")`,
    `args = parser.parse_args([] if IN_NOTEBOOK else None)`,
  );
  const names = params.map((p) => p.flag).join(", ") || "none";
  for (const s of missing) {
    const dest = s.flag.slice(2).replace(/-/g, "_");
    lines.push(`if args.${dest} is not None:`, `    parser.error("this notebook has no ${s.flag.slice(2)} parameter (its parameters: ${names})")`);
  }
  return lines.join("\n");
}
