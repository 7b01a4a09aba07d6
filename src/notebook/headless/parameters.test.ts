// Tests for papermill-style parameters: `-p` parsing and the injected cell.
import { describe, expect, it } from "vitest";
import { newNotebook, sourceToString, type Cell } from "../../io/ipynb";
import { declaredNames, injectParameters, parseParameter, parseParameters, ParameterError } from "./parameters";

const code = (id: string, source: string, tags?: string[]): Cell => ({
  id,
  cell_type: "code",
  metadata: tags ? { tags } : {},
  source,
  outputs: [],
  execution_count: null,
});

describe("parseParameter", () => {
  it("reads JSON values and falls back to strings", () => {
    expect(parseParameter("epochs=1")).toEqual(["epochs", 1]);
    expect(parseParameter("lr=0.5")).toEqual(["lr", 0.5]);
    expect(parseParameter("flag=true")).toEqual(["flag", true]);
    expect(parseParameter("sizes=[1,2]")).toEqual(["sizes", [1, 2]]);
    expect(parseParameter('name="x y"')).toEqual(["name", "x y"]);
    expect(parseParameter("opt=adam")).toEqual(["opt", "adam"]);
    expect(parseParameter("eq=a=b")).toEqual(["eq", "a=b"]);
    expect(parseParameter("empty=")).toEqual(["empty", ""]);
  });

  it("rejects a missing = and a name that is not an identifier, showing the expected form", () => {
    expect(() => parseParameter("epochs")).toThrow(ParameterError);
    expect(() => parseParameter("epochs")).toThrow(/NAME=VALUE/);
    expect(() => parseParameter("1x=2")).toThrow(/not a variable name/);
    expect(() => parseParameter("=2")).toThrow(/not a variable name/);
  });

  it("keeps the last value of a repeated name", () => {
    expect(parseParameters(["a=1", "b=x", "a=2"])).toEqual({ a: 2, b: "x" });
  });
});

describe("injectParameters", () => {
  const nb = newNotebook([
    code("intro", "print('hi');"),
    code("params", "const epochs = 2;\nlet lr = 0.1; // comment\nexport const name = 'a';", ["parameters"]),
    code("train", "print(epochs);"),
  ]);

  it("finds the top-level declarations of the parameters cell", () => {
    expect([...declaredNames(sourceToString(nb.cells[1].source))]).toEqual(["epochs", "lr", "name"]);
  });

  it("adds a cell tagged injected-parameters right after the parameters cell", () => {
    const { notebook, warnings } = injectParameters(nb, { epochs: 1, name: "b" });
    expect(warnings).toEqual([]);
    expect(notebook.cells.map((c) => c.id).slice(0, 2)).toEqual(["intro", "params"]);
    expect(notebook.cells.at(-1)!.id).toBe("train");
    const injected = notebook.cells[2];
    expect(injected.metadata).toEqual({ tags: ["injected-parameters"] });
    expect(sourceToString(injected.source)).toBe('// Parameters (injected by the headless runner)\nepochs = 1;\nname = "b";\n');
    expect(nb.cells).toHaveLength(3); // the input is not changed
  });

  it("declares and warns about names the parameters cell lacks; replaces an earlier injected cell", () => {
    const once = injectParameters(nb, { epochs: 1 }).notebook;
    const { notebook, warnings } = injectParameters(once, { batch: 8 });
    expect(notebook.cells.filter((c) => (c.metadata.tags as string[] | undefined)?.includes("injected-parameters"))).toHaveLength(1);
    expect(sourceToString(notebook.cells[2].source)).toContain("const batch = 8;");
    expect(warnings).toEqual(['the parameters cell does not declare "batch"; it is declared in the injected cell']);
  });

  it("puts the cell first when no cell is tagged parameters, and changes nothing without parameters", () => {
    const plain = newNotebook([code("a", "print(1);")]);
    const { notebook, warnings } = injectParameters(plain, { x: "s" });
    expect(sourceToString(notebook.cells[0].source)).toContain('const x = "s";');
    expect(notebook.cells[1].id).toBe("a");
    expect(warnings[0]).toMatch(/no cell is tagged "parameters"/);
    expect(injectParameters(plain, {}).notebook).toBe(plain);
  });
});
