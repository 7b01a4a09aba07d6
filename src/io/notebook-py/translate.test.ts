// Translator unit tests, one construct at a time: TypeScript cell in, the Python it must contain out; every output is
// also parsed by Python's own ast (one python3 run at the end) so each translation is valid Python.
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { Ctx } from "./context";
import { PYTHON, pythonTorchMissing } from "./python-run";
import { makeTranslator, translateCell } from "./translate";

const produced: string[] = [];

/** Cells translated in one notebook context (later cells see earlier declarations). */
function py(...cells: string[]): { text: string; ctx: Ctx } {
  const ctx = new Ctx();
  const t = makeTranslator(ctx);
  const text = cells.map((c, i) => translateCell(t, c, i + 1).join("\n")).join("\n");
  produced.push(text);
  return { text, ctx };
}
const line = (...cells: string[]) => py(...cells).text;

afterAll(() => {
  if (pythonTorchMissing()) return; // tutorials-python.test.ts fails loudly on this; here only the syntax check is skipped
  const script = "import ast, json, sys\nfor i, src in enumerate(json.load(sys.stdin)):\n    try:\n        ast.parse(src)\n    except SyntaxError as e:\n        print(f'snippet {i}: {e}\\n{src}')\n        sys.exit(1)";
  const r = spawnSync(PYTHON, ["-c", script], { input: JSON.stringify(produced), encoding: "utf8" });
  expect(r.stdout, "every translation parses as Python").toBe("");
  expect(r.status).toBe(0);
}, 60_000);

describe("names and values", () => {
  it("camelCase variables become snake_case; keywords and builtins get a trailing _", () => {
    expect(line("const batchSize = 64;\nlet input = 1;\nconst sum = 0;")).toBe("batch_size = 64\ninput_ = 1\nsum_ = 0");
  });
  it("literals: true/false/null/undefined, strings with quotes", () => {
    expect(line('const a = [true, false, null, undefined, "it\'s \\"x\\""];')).toBe(`a = [True, False, None, None, "it's \\"x\\""]`);
  });
  it("types are stripped (sucrase), non-null assertions and casts dropped", () => {
    expect(line("const n: number = (x as any)!.length;")).toBe("n = len(x)");
  });
});

describe("operators", () => {
  it("=== → ==, !== → !=, && → and, || → or, ! → not", () => {
    expect(line("const ok = a === 1 && b !== 2 || !c;")).toBe("ok = ((a == 1) and (b != 2)) or (not c)");
  });
  it("comparisons with undefined/null → is None; ?? → conditional; ternary", () => {
    expect(line("const a = x === undefined ? y ?? 0 : z;")).toBe("a = (y if y is not None else 0) if (x is None) else z");
  });
  it('"text" + value converts with str(); typeof x === "number" → isinstance', () => {
    expect(line('print("p:\\n" + p.add(q));')).toBe('print("p:\\n" + str(p.add(q)))');
    expect(line('const n = typeof s === "number";')).toBe("n = isinstance(s, (int, float))");
  });
  it("i++ and += as statements", () => {
    expect(line("let i = 0;\ni++;\ni += 2;\ni--;")).toBe("i = 0\ni += 1\ni += 2\ni -= 1");
  });
  it("Math.* → math / builtins", () => {
    expect(line("const a = Math.max(...xs) + Math.min(1, 2) + Math.floor(2.5) + Math.exp(1) + Math.PI;")).toBe(
      "a = (((max(xs) + min(1, 2)) + math.floor(2.5)) + math.exp(1)) + math.pi",
    );
  });
});

describe("strings and arrays", () => {
  it("template strings → f-strings, with toFixed as a format spec", () => {
    expect(line("print(`Epoch ${epoch}: loss ${loss.item().toFixed(4)} (${acc}%)`);")).toBe('print(f"Epoch {epoch}: loss {loss.item():.4f} ({acc}%)")');
  });
  it("toFixed outside a template → format()", () => {
    expect(line("const s = x.toFixed(2);")).toBe('s = format(x, ".2f")');
  });
  it("length, push, map, filter, join, slice, at(-1), includes", () => {
    expect(line("const n = xs.length;\nxs.push(1);\nconst m = xs.map((v, i) => v * i).filter((v) => v > 1).join(\", \");\nconst l = xs.slice(-3).at(-1);\nconst h = xs.includes(2);")).toBe(
      'n = len(xs)\nxs.append(1)\nm = ", ".join(map(str, [v for v in [v * i for i, v in enumerate(xs)] if v > 1]))\nl = xs[-3:][-1]\nh = 2 in xs',
    );
  });
  it("reduce as a sum, Array.from({ length }) as a comprehension, Object.entries", () => {
    expect(line("const n = model.parameters().reduce((s, p) => s + p.numel(), 0);")).toBe("n = sum(p.numel() for p in model.parameters())");
    expect(line("const xs = Array.from({ length: 8 }, (_, i) => i * 2);")).toBe("xs = [i * 2 for i in range(8)]");
    expect(line("for (const [k, v] of Object.entries(o)) print(k, v);")).toBe("for k, v in list(o.items()):\n    print(k, v)");
  });
  it("sort by a key, forEach as a loop, Map/Set", () => {
    expect(line("const r = [...xs].sort((a, b) => a.loss - b.loss);")).toBe("r = sorted(list(xs), key=lambda a: a.loss)");
    expect(line("xs.forEach(([a, b], i) => print(i, a, b));")).toBe("for i, (a, b) in enumerate(xs):\n    print(i, a, b)");
    expect(line("const m = new Map();\nm.set(\"a\", 1);\nconst has = m.has(\"a\");\nconst s = new Set([1]);")).toBe('m = {}\nm["a"] = 1\nhas = "a" in m\ns = set([1])');
  });
  it("object literals are Obj (dict with attribute access); destructuring reads them", () => {
    expect(line("const r = { trainAcc: [], 'test %': 1 };\nconst { trainAcc } = r;")).toBe('r = Obj({"train_acc": [], "test %": 1})\ntrain_acc = r.train_acc');
  });
});

describe("PyTorch API", () => {
  it("manualSeed, options objects → keyword arguments, camelCase methods → snake_case", () => {
    expect(line("manualSeed(1);\nconst opt = new optim.SGD(model.parameters(), { lr: 0.1, weightDecay: 1e-4 });\nopt.zeroGrad();\nconst sd = model.stateDict();\nconst g = x.requiresGrad;")).toBe(
      "torch.manual_seed(1)\nopt = optim.SGD(model.parameters(), lr=0.1, weight_decay=1e-4)\nopt.zero_grad()\nsd = model.state_dict()\ng = x.requires_grad",
    );
  });
  it("method calls with options: .argmax({ dim: 1 }), .item(), F.logSoftmax", () => {
    expect(line("const c = out.argmax({ dim: 1 }).eq(y).sum().item();\nconst l = F.logSoftmax(x, 1);")).toBe("c = out.argmax(dim=1).eq(y).sum().item()\nl = F.log_softmax(x, 1)");
  });
  it("torch.tensor with requiresGrad gets a float dtype; torch.sub(1, x) is an operator", () => {
    expect(line("const w = torch.tensor(3, { requiresGrad: true });\nconst d = torch.sub(1, p);")).toBe("w = torch.tensor(3, requires_grad=True, dtype=torch.float32)\nd = 1 - p");
  });
  it("noGrad with a block → with torch.no_grad(); noGrad(() => e) in a declaration wraps the statement", () => {
    expect(line("noGrad(() => {\n  w.sub_(g);\n});\nconst out = noGrad(() => model(x));")).toBe("with torch.no_grad():\n    w.sub_(g)\nwith torch.no_grad():\n    out = model(x)");
  });
  it("datasets.MNIST, transforms, DataLoader; await dropped", () => {
    expect(line('const t = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.1307], [0.3081])]);\nconst ds = await datasets.MNIST("./mnist_data/", { train: true, transform: t, limit: trainLimit });\nconst dl = new DataLoader(ds, { batchSize, shuffle: true });')).toBe(
      't = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.1307], [0.3081])])\nds = MNIST(data_dir("./mnist_data/"), train=True, transform=t, limit=train_limit)\ndl = make_loader(ds, batch_size=batch_size, shuffle=True)',
    );
  });
  it("an options object held in a variable is spread as **kwargs", () => {
    expect(line('const none = { reduction: "none" };\nconst l = new nn.MSELoss(none);')).toBe('none = Obj(reduction="none")\nl = nn.MSELoss(**none)');
  });
  it("resumable(epochs) → range(epochs)", () => {
    expect(line("for await (const e of resumable(epochs, { model, optimizer })) print(e);")).toBe("for e in range(epochs):\n    print(e)");
  });
});

describe("loops and functions", () => {
  it("counted for → range (< and <=, steps); other for(;;) → while", () => {
    expect(line("for (let i = 0; i < n; i++) print(i);")).toBe("for i in range(n):\n    print(i)");
    expect(line("for (let e = 1; e <= epochs; e++) print(e);")).toBe("for e in range(1, epochs + 1):\n    print(e)");
    expect(line("for (let i = 10; i > 0; i -= 2) print(i);")).toBe("for i in range(10, 0, -2):\n    print(i)");
    expect(line("for (let i = 0; i + 1 < w.length; i++) print(i);")).toBe("i = 0\nwhile (i + 1) < len(w):\n    print(i)\n    i += 1");
  });
  it("while, do…while, break, continue, if/else if/else", () => {
    expect(line("while (a) { if (b) break; else if (c) continue; else a = 0; }")).toBe("while a:\n    if b:\n        break\n    elif c:\n        continue\n    else:\n        a = 0");
    expect(line("do { a++; } while (a < 3);")).toBe("while True:\n    a += 1\n    if not (a < 3):\n        break");
  });
  it("functions assigning top-level variables get global; closures get nonlocal", () => {
    expect(line("let total = 0;\nfunction add(v: number): void { total += v; }")).toBe("total = 0\ndef add(v):\n    global total\n    total += v");
    expect(line("function outer() { let n = 0; const inc = () => { n += 1; }; inc(); return n; }")).toBe(
      "def outer():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n    inc()\n    return n",
    );
  });
  it("default parameters, arrow functions as lambdas or defs", () => {
    expect(line("const sq = (x: number) => x * x;\nfunction f(a = 1) { return a; }")).toBe("def sq(x):\n    return x * x\ndef f(a=1):\n    return a");
  });
  it("a block-bodied arrow passed as an argument is hoisted to a def before the statement", () => {
    expect(line("const r = xs.map((c) => { const m = c * 2; return m; });")).toBe("def _fn1(c):\n    m = c * 2\n    return m\nr = [_fn1(_v) for _v in xs]");
  });
  it("comments are kept beside their statements", () => {
    expect(line("// why\nconst a = 1;  // units")).toBe("# why\na = 1  # units");
  });
});

describe("classes", () => {
  it("a class extending nn.Module: fields after super().__init__(), forward, new → prepare()", () => {
    const text = line("class Net extends nn.Module {\n  fc = new nn.Linear(4, 2);\n  forward(x: Tensor): Tensor {\n    return this.fc(x).relu();\n  }\n}\nconst model = new Net();");
    expect(text).toBe(
      "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return self.fc(x).relu()\nmodel = prepare(Net())",
    );
  });
  it("a constructor with parameters; layers built inside a class are not prepared", () => {
    const text = line("class N extends nn.Module {\n  seq: nn.Sequential;\n  constructor(h: number) {\n    super();\n    this.seq = new nn.Sequential(new nn.Linear(2, h));\n  }\n}");
    expect(text).toBe("class N(nn.Module):\n    def __init__(self, h):\n        super().__init__()\n        self.seq = nn.Sequential(nn.Linear(2, h))");
  });
});

describe("browser-only builtins", () => {
  it("plot / showImages / table / log / summary → Python helpers", () => {
    expect(line('showImages(x, { nrow: 8 });\nlog({ loss: 1 }, { step: 2 });\nsummary(model, [1, 1, 28, 28]);')).toBe(
      "show_images(x, nrow=8)\nlog(Obj(loss=1), step=2)\nsummary(model, [1, 1, 28, 28])",
    );
  });
  it("drawPad has no counterpart: a comment saying what it did, never dropped, not an error", () => {
    const { text, ctx } = py("drawPad(model, { transform });");
    expect(text).toBe("# drawPad(model, { transform });\n#   In the browser, drawPad opened a pad to draw a digit and watch the model's guess live; Python has no counterpart.");
    expect(ctx.problems).toEqual([]);
  });
});

describe("untranslatable constructs", () => {
  it("are listed with cell, line and the TypeScript quoted, and raise NotImplementedError quoting it", () => {
    const { text, ctx } = py("const a = 1;", "const b = 2;\nconst c = (b++, 3);\nouter: for (const x of xs) { continue outer; }");
    expect(ctx.problems).toEqual([
      { cell: 2, line: 2, source: "const c = (b++, 3);", reason: "the comma operator" },
      { cell: 2, line: 3, source: "outer: for (const x of xs) { continue outer; }", reason: "labeled statement is not translated" },
    ]);
    expect(text).toContain('raise NotImplementedError("cell 2, line 2: `const c = (b++, 3);` has no Python translation (the comma operator); translate it by hand")');
    expect(text).toContain("# Gradbook could not translate this (the comma operator):\n#     const c = (b++, 3);");
  });
  it("a cell that does not parse is one problem at its line", () => {
    const { ctx } = py("const a = 1;\nconst = ;");
    expect(ctx.problems).toHaveLength(1);
    expect(ctx.problems[0]).toMatchObject({ cell: 1, line: 2, source: "const = ;" });
    expect(ctx.problems[0].reason).toMatch(/does not parse/);
  });
});
