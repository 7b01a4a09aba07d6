// Generates a PyTorch model.py (same class names, attribute names and forward) from a Gradbook module tree.
import {
  AdaptiveAvgPool2d, AvgPool2d, BatchNorm1d, BatchNorm2d, Conv1d, Conv2d, ConvTranspose2d, CosineEmbeddingLoss, Dropout, ELU,
  Embedding, Flatten, GELU, GroupNorm, HuberLoss, Identity, KLDivLoss, LayerNorm, LeakyReLU, Linear, LogSoftmax, MaxPool2d,
  Module, ModuleList, ReLU, SELU, Sequential, Sigmoid, SiLU, Softmax, Softplus, Tanh, Unflatten, Upsample,
} from "../nn";
import { pyFloat, pyNumber } from "../nn/repr";
import { forwardToPython } from "./forward-py";

/** The generated file, and each class whose forward could not be translated (and why). */
export interface ModelPy {
  source: string;
  /** The Python expression that builds the model (`CNN()`, or `nn.Sequential(...)` inside build_model()). */
  className: string;
  untranslated: Array<{ className: string; reason: string }>;
}

// Standard layers whose PyTorch constructor arguments are exactly their extraRepr() (as print(model) shows them).
const LEAVES: Array<new (...args: never[]) => Module> = [
  Linear, Conv2d, BatchNorm1d, BatchNorm2d, MaxPool2d, AvgPool2d, ReLU, Sigmoid, Tanh, LeakyReLU, Softmax, LogSoftmax,
  Flatten, Dropout, Identity, GELU, ELU, SELU, SiLU, Softplus, LayerNorm, GroupNorm, Embedding, Conv1d, ConvTranspose2d,
  AdaptiveAvgPool2d, Upsample, HuberLoss, KLDivLoss, CosineEmbeddingLoss, Unflatten,
];
const IND = "    ";

const isExactly = (m: Module, cls: abstract new (...args: never[]) => Module) => Object.getPrototypeOf(m) === cls.prototype;

class Generator {
  readonly classes: string[] = [];
  readonly untranslated: ModelPy["untranslated"] = [];
  /** Python class name → its emitted text, so identical classes are emitted once and different ones get new names. */
  private readonly byName = new Map<string, string>();

  /** The Python expression that constructs `m`, emitting class definitions as needed. `depth` indents nested lines. */
  build(m: Module, depth: number): string {
    const leaf = LEAVES.find((c) => isExactly(m, c));
    if (leaf) return `nn.${leaf.name}(${leafArgs(m)})`;
    if (isExactly(m, Sequential) || isExactly(m, ModuleList)) {
      const kids = m.namedChildren().map(([, c]) => `${IND.repeat(depth + 1)}${this.build(c, depth + 1)},`);
      const [open, close] = isExactly(m, Sequential) ? ["nn.Sequential(", ")"] : ["nn.ModuleList([", "])"];
      return kids.length ? `${open}\n${kids.join("\n")}\n${IND.repeat(depth)}${close}` : `${open}${close}`;
    }
    return `${this.defineClass(m)}()`;
  }

  private defineClass(m: Module): string {
    const base = pyName(m.constructor.name || "Model");
    const init: string[] = [];
    for (const [k, p] of m.namedParameters("", false)) init.push(`self.${k} = nn.Parameter(torch.empty(${shapeArgs(p.shape)}))`);
    for (const [k, b] of m.namedBuffers("", false)) {
      const dtype = b.dtype === "float32" ? "" : b.dtype === "bool" ? ", dtype=torch.bool" : ", dtype=torch.long";
      init.push(`self.register_buffer("${k}", torch.zeros(${shapeArgs(b.shape)}${dtype}))`);
    }
    for (const [k, c] of m.namedChildren()) init.push(`self.${k} = ${this.build(c, 2)}`);
    const forward = this.forward(m, base);
    const body = (name: string) =>
      [
        `class ${name}(nn.Module):`,
        `${IND}def __init__(self):`,
        `${IND}${IND}super().__init__()`,
        ...init.map((l) => `${IND}${IND}${l}`),
        "",
        ...forward.map((l) => `${IND}${l}`),
      ].join("\n");
    for (let i = 1; ; i++) {
      const name = i === 1 ? base : `${base}_${i}`;
      const text = body(name);
      const seen = this.byName.get(name);
      if (seen === text) return name;
      if (seen === undefined) {
        this.byName.set(name, text);
        this.classes.push(text);
        return name;
      }
    }
  }

  private forward(m: Module, className: string): string[] {
    const fwd = (m as unknown as { forward: (...a: unknown[]) => unknown }).forward;
    const source = Function.prototype.toString.call(fwd);
    const names = {
      children: new Set(m.namedChildren().map(([k]) => k)),
      tensors: new Set([...m.namedParameters("", false), ...m.namedBuffers("", false)].map(([k]) => k)),
    };
    const inherited = fwd === Module.prototype.forward;
    const res = inherited ? { ok: false as const, reason: "it has no forward method" } : forwardToPython(source, names);
    if (res.ok) return [`def forward(self, ${res.params.join(", ")}):`, ...res.lines.map((l) => `${IND}${l}`)];
    this.untranslated.push({ className, reason: res.reason });
    const message = `forward of ${className} is written in TypeScript and could not be translated (${res.reason}); translate it by hand from the source above`;
    return [
      "def forward(self, *args):",
      `${IND}# Gradbook could not translate this forward: ${res.reason}`,
      `${IND}# The TypeScript source:`,
      ...dedent(source).map((l) => `${IND}#     ${l}`),
      `${IND}raise NotImplementedError(${JSON.stringify(message)})`,
    ];
  }
}

/** PyTorch constructor arguments of a standard layer: its extraRepr, with strings quoted. */
function leafArgs(m: Module): string {
  let args = m.extraRepr().replace(/padding=(same|valid)\b/, "padding='$1'");
  if (m instanceof AvgPool2d && !m.countIncludePad) args += ", count_include_pad=False";
  if (m instanceof Upsample) {
    args = args.replace(/mode=(\w+)/, "mode='$1'");
    if (m.alignCorners !== null) args += `, align_corners=${m.alignCorners ? "True" : "False"}`;
  }
  // Losses print no arguments in PyTorch; their non-default options are written out.
  const opt = (cond: boolean, text: string) => (cond ? [text] : []);
  if (m instanceof HuberLoss) args = [...opt(m.reduction !== "mean", `reduction='${m.reduction}'`), ...opt(m.delta !== 1, `delta=${pyNumber(m.delta)}`)].join(", ");
  if (m instanceof KLDivLoss) args = [...opt(m.reduction !== "mean", `reduction='${m.reduction}'`), ...opt(m.logTarget, "log_target=True")].join(", ");
  if (m instanceof CosineEmbeddingLoss) {
    args = [...opt(m.margin !== 0, `margin=${pyFloat(m.margin)}`), ...opt(m.reduction !== "mean", `reduction='${m.reduction}'`)].join(", ");
  }
  return args;
}

/** Source lines with the common indentation of lines 2.. removed (toString keeps the class's indentation). */
function dedent(source: string): string[] {
  const lines = source.replace(/\t/g, "    ").split("\n");
  const rest = lines.slice(1).filter((l) => l.trim());
  const cut = Math.min(...rest.map((l) => l.length - l.trimStart().length));
  return [lines[0], ...lines.slice(1).map((l) => l.slice(cut))];
}

function shapeArgs(shape: number[]): string {
  return shape.length ? shape.join(", ") : "()";
}

function pyName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[0-9]/.test(clean) ? `_${clean}` : clean;
}

/**
 * model.py for `model`: PyTorch classes with the same names and attributes (so state_dict keys match), each forward
 * translated from its TypeScript source where it is a chain of layers and common ops, else a NotImplementedError
 * that quotes the source. `weightsFile` is the .safetensors file the loading snippet uses; `moduleName` the .py's name.
 */
export function generateModelPy(model: unknown, weightsFile = "model.safetensors", moduleName = "model"): ModelPy {
  if (!(model instanceof Module)) throw new TypeError("generateModelPy needs an nn.Module, e.g. generateModelPy(model)");
  const g = new Generator();
  const expr = g.build(model, 1);
  const className = expr.endsWith("()") && !expr.startsWith("nn.") ? expr.slice(0, -2) : model.constructor.name;
  const warn = g.untranslated.map((u) => `# WARNING: ${u.className}.forward was not translated (${u.reason}).`);
  const source = [
    `# ${moduleName}.py: generated by Gradbook from the model ${className}; state_dict keys match its exported weights.`,
    "# Load the weights (pip install safetensors):",
    "#     from safetensors.torch import load_file",
    `#     from ${moduleName} import build_model`,
    "#     model = build_model()",
    `#     model.load_state_dict(load_file("${weightsFile}"))`,
    "#     model.eval()",
    ...warn,
    "import torch",
    "import torch.nn as nn",
    "import torch.nn.functional as F",
    "",
    ...g.classes.flatMap((c) => ["", c, ""]),
    "",
    "def build_model():",
    `${IND}return ${expr}`,
    "",
    "",
    'if __name__ == "__main__":',
    `${IND}from safetensors.torch import load_file`,
    "",
    `${IND}model = build_model()`,
    `${IND}model.load_state_dict(load_file("${weightsFile}"))`,
    `${IND}model.eval()`,
    `${IND}print(model)`,
    "",
  ].join("\n");
  return { source, className, untranslated: g.untranslated };
}
