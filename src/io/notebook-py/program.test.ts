// The whole-notebook exports: .ipynb valid against nbformat 4.5 with a python3 kernel, .py with markdown as comments,
// parameters on the command line, and the untranslatable list in the header.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { newNotebook, parseNotebook, type Cell } from "../ipynb";
import schema from "../nbformat.v4.5.schema.json";
import { notebookToIpynb, notebookToPython, notebookToScript } from "./program";
import { PYTHON_RUNS } from "./python-bars";

const TUTORIALS = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../../tutorials");
const files = readdirSync(TUTORIALS).filter((f) => f.endsWith(".ipynb"));
const { $schema: _draft, ...schemaBody } = schema as Record<string, unknown>;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schemaBody);
const load = (f: string) => parseNotebook(readFileSync(path.join(TUTORIALS, f), "utf8"), f);
const code = (source: string, tags?: string[]): Cell => ({ id: `c${Math.random().toString(36).slice(2, 8)}`, cell_type: "code", metadata: tags ? { tags } : {}, source, outputs: [], execution_count: null });
const md = (source: string): Cell => ({ id: `m${Math.random().toString(36).slice(2, 8)}`, cell_type: "markdown", metadata: {}, source });

describe("every tutorial exports", () => {
  it("has a CI run with bars in python-bars.ts", () => {
    expect(Object.keys(PYTHON_RUNS).sort()).toEqual(files.sort());
  });

  for (const f of files) {
    it(`${f} → .ipynb: valid nbformat 4.5, python3 kernel, every cell kept, nothing untranslated`, () => {
      const nb = load(f);
      const out = notebookToIpynb(nb, f);
      const doc = JSON.parse(out.text);
      const ok = validate(doc);
      expect(validate.errors ?? [], "nbformat 4.5 schema").toEqual([]);
      expect(ok).toBe(true);
      expect(doc.metadata.kernelspec).toMatchObject({ name: "python3", language: "python" });
      expect(doc.nbformat).toBe(4);
      expect(doc.nbformat_minor).toBe(5);
      // An intro, a set-up cell and the finish cell around the notebook's own cells.
      expect(doc.cells).toHaveLength(nb.cells.filter((c) => c.cell_type !== "raw").length + 3);
      expect(doc.cells.filter((c: Cell) => c.cell_type === "markdown").length).toBe(nb.cells.filter((c) => c.cell_type === "markdown").length + 1);
      expect(out.untranslatable).toEqual([]);
      const tagged = doc.cells.filter((c: Cell) => (c.metadata.tags as string[] | undefined)?.includes("parameters"));
      expect(tagged).toHaveLength(1);
    });
  }
});

describe("the .py", () => {
  const nb = newNotebook([
    md("# Tiny\nSome *markdown*."),
    code("const epochs = 3;  // passes over the data\nconst learningRate = 0.5;\nconst name = \"run\";", ["parameters"]),
    code("print(epochs, learningRate, name);\nconst x = (a, b);"),
  ]);

  it("keeps markdown as jupytext comments and reads parameters from the command line", () => {
    const { text, parameters } = notebookToScript(nb, "tiny.py");
    expect(text).toContain("# %% [markdown]\n# # Tiny\n# Some *markdown*.");
    expect(text).toContain("epochs = args.epochs  # passes over the data\nlearning_rate = args.learning_rate\nname = args.name");
    expect(parameters.map((p) => [p.flag, p.type, p.value])).toEqual([
      ["--epochs", "int", "3"],
      ["--lr", "float", "0.5"],
      ["--name", "str", '"run"'],
    ]);
    expect(text).toContain('parser.add_argument("--lr", "--learning-rate", dest="learning_rate", type=float, default=0.5');
    expect(text).toContain('parser.add_argument("--batch-size", type=int, default=None, help=argparse.SUPPRESS)');
    expect(text).toContain('parser.error("this notebook has no batch-size parameter (its parameters: --epochs, --lr, --name)")');
  });

  it("lists what it could not translate at the top, where it raises", () => {
    const { text, untranslatable } = notebookToPython(nb, "py", "tiny.py");
    expect(untranslatable).toEqual([{ cell: 3, line: 2, source: "const x = (a, b);", reason: "the comma operator" }]);
    expect(text).toContain("# 1 construct could not be translated; each raises NotImplementedError where it stands:\n#   cell 3, line 2: const x = (a, b);  (the comma operator)");
  });

  it("has the torchrun scaffold: DistributedSampler, DistributedDataParallel, gloo/nccl, rank 0 saves", () => {
    const { text } = notebookToScript(load("mnist-cnn.ipynb"), "mnist-cnn.py");
    expect(text).toContain('dist.init_process_group("nccl" if device.type == "cuda" else "gloo")');
    expect(text).toContain("DistributedSampler(dataset, shuffle=True)");
    expect(text).toContain("model = DDP(model, device_ids=");
    expect(text).toContain("if trained is not None and args.save and RANK == 0:");
    expect(text).toContain("model = prepare(CNN())");
  });
});
