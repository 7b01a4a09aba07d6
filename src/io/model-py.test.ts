// model.py generation: the tutorial models translate fully, and the Python text declares exactly the stateDict keys.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Tensor } from "../core";
import * as nn from "../nn";
import { parseNotebook, sourceToString } from "./ipynb";
import { generateModelPy } from "./model-py";
import { defineClass } from "./test-classes";

/** Defines `className` from the tutorial cell that declares it, compiled as the kernel does (sucrase). */
function tutorialClass(file: string, className: string): new () => nn.Module {
  const nb = parseNotebook(readFileSync(resolve(__dirname, "../tutorials", file), "utf8"));
  const cell = nb.cells.find((c) => c.cell_type === "code" && sourceToString(c.source).includes(`class ${className} extends`));
  if (!cell) throw new Error(`no class ${className} in ${file}`);
  return defineClass(sourceToString(cell.source).split(/\n(?=const |print\()/)[0], className);
}


/** Python call `name(args)` → name and top-level arguments. */
function splitCall(expr: string): { name: string; args: string[] } {
  const open = expr.indexOf("(");
  const name = expr.slice(0, open).trim();
  const inner = expr.slice(open + 1, expr.lastIndexOf(")")).trim().replace(/^\[|\]$/g, "");
  const args: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of inner) {
    if ("([".includes(ch)) depth++;
    if (")]".includes(ch)) depth--;
    if (ch === "," && depth === 0) {
      if (cur.trim()) args.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) args.push(cur.trim());
  return { name, args };
}

const LEAF_KEYS: Record<string, (args: string[]) => string[]> = {
  "nn.Linear": (a) => (a.includes("bias=False") ? ["weight"] : ["weight", "bias"]),
  "nn.Conv2d": (a) => (a.includes("bias=False") ? ["weight"] : ["weight", "bias"]),
  "nn.BatchNorm2d": () => ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"],
  "nn.BatchNorm1d": () => ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"],
};

/** The state_dict keys PyTorch would give the generated model, read from the Python text alone. */
function pythonKeys(py: string): { classes: string[]; layers: Record<string, string[]>; keys: string[] } {
  const classes = [...py.matchAll(/^class (\w+)\(nn\.Module\):$/gm)].map((m) => m[1]);
  const bodies = new Map<string, string>();
  const layers: Record<string, string[]> = {};
  for (const c of classes) {
    const start = py.indexOf(`class ${c}(nn.Module):`);
    const end = py.indexOf("    def forward", start);
    const init = py.slice(start, end);
    bodies.set(c, init);
    layers[c] = [...init.matchAll(/^ {8}self\.(\w+) = /gm)].map((m) => m[1]);
  }
  const keysOf = (expr: string, prefix: string): string[] => {
    const { name, args } = splitCall(expr.trim());
    if (name === "nn.Sequential" || name === "nn.ModuleList") return args.flatMap((a, i) => keysOf(a, `${prefix}${i}.`));
    if (LEAF_KEYS[name]) return LEAF_KEYS[name](args).map((k) => prefix + k);
    if (name.startsWith("nn.")) return [];
    const init = bodies.get(name);
    if (init === undefined) throw new Error(`unknown class ${name}`);
    const out: string[] = [];
    // each `self.x = <expr>` runs until the next `self.` line at the same indent
    const parts = init.split(/^ {8}self\./m).slice(1);
    for (const p of parts) {
      const [, attr, rest] = /^(\w+) = ([\s\S]*)$/.exec(p.trim())!;
      if (rest.startsWith("nn.Parameter")) out.push(prefix + attr);
      else out.push(...keysOf(rest, `${prefix}${attr}.`));
    }
    return out;
  };
  const build = /def build_model\(\):\n {4}return ([\s\S]*?)\n\n/.exec(py)![1];
  return { classes, layers, keys: keysOf(build, "") };
}

/** build_model().state_dict() keys of model.py run by Debian's python3 with PyTorch; null where torch is missing. */
function torchKeys(source: string): string[] | null {
  const python = "/usr/bin/python3";
  if (!existsSync(python)) return null;
  const script = `${source.replace('if __name__ == "__main__":', "if False:")}\nimport json\nprint(json.dumps(list(build_model().state_dict().keys())))\n`;
  const run = spawnSync(python, ["-c", script], { encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0 && /No module named 'torch'/.test(run.stderr)) return null;
  if (run.status !== 0) throw new Error(`model.py failed under PyTorch: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!);
}

describe("generateModelPy", () => {
  const cases: Array<[string, string, string[]]> = [
    ["mnist-softmax.ipynb", "SoftmaxRegression", ["return self.linear(x.view(-1, 784))"]],
    ["mnist-mlp.ipynb", "MLP", ["x = x.view(-1, 784)", "x = F.relu(self.fc1(x))", "return self.fc4(x)"]],
    ["mnist-cnn.ipynb", "CNN", ["x = F.max_pool2d(F.relu(self.conv1(x)), 2)", "x = x.view(-1, 256)", "return F.log_softmax(x, 1)"]],
  ];
  for (const [file, className, forward] of cases) {
    it(`translates the ${className} tutorial model fully, with the stateDict's keys`, () => {
      const model = new (tutorialClass(file, className))();
      const { source, untranslated } = generateModelPy(model);
      expect(untranslated).toEqual([]);
      const parsed = pythonKeys(source);
      expect(parsed.classes).toEqual([className]);
      expect(parsed.layers[className]).toEqual(model.namedChildren().map(([k]) => k));
      expect(parsed.keys).toEqual(Object.keys(model.stateDict()));
      for (const line of forward) expect(source).toContain(`        ${line}\n`);
      expect(source).toContain("def forward(self, x):");
      expect(source).toContain('model.load_state_dict(load_file("model.safetensors"))');
    });
  }

  it("handles nested Sequential, custom children, BatchNorm and parameters of their own", () => {
    const Net = defineClass(
      `class Block extends nn.Module {
        conv = new nn.Conv2d(1, 2, 3, { padding: 1, bias: false });
        bn = new nn.BatchNorm2d(2);
        forward(x: Tensor): Tensor {
          return F.relu(this.bn(this.conv(x)));
        }
      }
      class Net extends nn.Module {
        features = new nn.Sequential(new Block(), new nn.MaxPool2d(2), new nn.Flatten());
        scale = new nn.Parameter(torch.ones(1));
        head = new nn.Linear(8, 3);
        forward(x: Tensor): Tensor {
          const h = this.features(x);
          return this.head(h).mul(this.scale);
        }
      }`,
      "Net",
    );
    const model = new Net();
    const { source, untranslated } = generateModelPy(model);
    expect(untranslated).toEqual([]);
    expect(pythonKeys(source).keys).toEqual(Object.keys(model.stateDict()));
    expect(source).toContain("self.conv = nn.Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)");
    expect(source).toContain("return self.head(h).mul(self.scale)");
    expect(source).toContain("return F.relu(self.bn(self.conv(x)))");
  });

  it("instances of one class with different sizes become separate Python classes", () => {
    const Pair = defineClass(
      `class Mlp extends nn.Module {
        fc1: nn.Linear;
        constructor(n: number) {
          super();
          this.fc1 = new nn.Linear(n, 2);
        }
        forward(x: Tensor): Tensor {
          return this.fc1(x);
        }
      }
      class Pair extends nn.Module {
        a = new Mlp(3);
        b = new Mlp(5);
        c = new Mlp(3);
        forward(x: Tensor, y: Tensor): Tensor {
          return this.a(x).add(this.b(y));
        }
      }`,
      "Pair",
    );
    const model = new Pair();
    const { source, untranslated } = generateModelPy(model);
    expect(untranslated).toEqual([]);
    expect(pythonKeys(source).classes).toEqual(["Mlp", "Mlp_2", "Pair"]);
    expect(source).toContain("self.a = Mlp()\n        self.b = Mlp_2()\n        self.c = Mlp()\n");
    expect(source).toContain("def forward(self, x, y):\n        return self.a(x).add(self.b(y))\n");
    expect(pythonKeys(source).keys).toEqual(Object.keys(model.stateDict()));
  });

  it("keeps camelCase attribute names as written, as PyTorch does, so state_dict keys match (fcHidden, not fc_hidden)", () => {
    const Net = defineClass(
      `class TwoLayer extends nn.Module {
        fcHidden = new nn.Linear(4, 8);
        outputLayer = new nn.Sequential(new nn.ReLU(), new nn.Linear(8, 2));
        logitScale = new nn.Parameter(torch.ones(1));
        forward(x: Tensor): Tensor {
          return this.outputLayer(this.fcHidden(x)).mul(this.logitScale);
        }
      }`,
      "TwoLayer",
    );
    const model = new Net();
    const { source, untranslated } = generateModelPy(model);
    expect(untranslated).toEqual([]);
    expect(Object.keys(model.stateDict())).toEqual(["logitScale", "fcHidden.weight", "fcHidden.bias", "outputLayer.1.weight", "outputLayer.1.bias"]);
    expect(pythonKeys(source).keys).toEqual(Object.keys(model.stateDict()));
    expect(source).toContain("self.logitScale = nn.Parameter(torch.empty(1))\n        self.fcHidden = nn.Linear(in_features=4, out_features=8, bias=True)\n");
    expect(source).toContain("return self.outputLayer(self.fcHidden(x)).mul(self.logitScale)");
    expect(source).not.toMatch(/fc_hidden|output_layer|logit_scale/);
    // Where PyTorch is installed (CI installs python3-torch), the real state_dict of the generated model is the same.
    const fromTorch = torchKeys(source);
    if (fromTorch) expect(fromTorch).toEqual(Object.keys(model.stateDict()));
  });

  it("a Sequential model builds inline", () => {
    const model = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 2));
    const { source } = generateModelPy(model);
    expect(pythonKeys(source).keys).toEqual(Object.keys(model.stateDict()));
    expect(source).toContain("    return nn.Sequential(\n        nn.Linear(in_features=4, out_features=8, bias=True),");
  });

  it("says clearly when a forward cannot be translated, quoting the TypeScript", () => {
    class Looping extends nn.Module {
      fc = new nn.Linear(2, 2);
      override forward(x: Tensor): Tensor {
        for (let i = 0; i < 3; i++) x = this.fc(x);
        return x;
      }
    }
    const { source, untranslated } = generateModelPy(new Looping());
    expect(untranslated).toEqual([{ className: "Looping", reason: expect.stringContaining("for statements are not translated") }]);
    expect(source).toContain("# WARNING: Looping.forward was not translated");
    expect(source).toContain('raise NotImplementedError("forward of Looping is written in TypeScript');
    expect(source).toContain("        #     forward(x) {\n        #         for (let i = 0; i < 3; i++) x = this.fc(x);\n        #         return x;\n        #     }\n");
    expect(source).toContain("self.fc = nn.Linear(in_features=2, out_features=2, bias=True)");
  });
});
