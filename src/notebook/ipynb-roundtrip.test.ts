// Open → Download gives real Jupyter notebooks back unchanged (src/io/__fixtures__/jupyter-corpus, nbformat 4.0-4.5).
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import schema from "../io/nbformat.v4.5.schema.json";
import { makeCell } from "./cells";
import { openNotebook, saveNotebook } from "./ipynb-convert";
import { notebookReducer } from "./reducer";
import { serializeForStore } from "./storage/store";

const dir = resolve(__dirname, "../io/__fixtures__/jupyter-corpus");
const files = readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
const read = (f: string) => readFileSync(resolve(dir, f), "utf8");
const { $schema: _draft, ...schemaBody } = schema as Record<string, unknown>;
const valid45 = new Ajv({ strict: false, allErrors: true }).compile(schemaBody);

describe("the Jupyter corpus (written by nbformat 5.5, scripts/make_jupyter_corpus.py)", () => {
  it("covers nbformat 4.0 to 4.5, images, raw cells, attachments, widgets and unknown MIME types", () => {
    const all = files.map((f) => JSON.parse(read(f)));
    expect(new Set(all.map((nb) => nb.nbformat_minor))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    const text = files.map(read).join("");
    for (const needle of ['"image/png"', '"cell_type": "raw"', '"format": "text/latex"', '"attachments"', "widget-state+json", "x-unknown-thing", "plotly"]) {
      expect(text, needle).toContain(needle);
    }
  });

  for (const file of files) {
    it(`${file}: open → download is the same JSON, byte for byte`, () => {
      const original = read(file);
      const downloaded = saveNotebook(openNotebook(original, file));
      expect(JSON.parse(downloaded)).toEqual(JSON.parse(original));
      expect(downloaded).toBe(original);
    });

    it(`${file}: open → autosave → reload → download is the same JSON`, () => {
      const original = read(file);
      const stored = serializeForStore(openNotebook(original, file));
      const stored45 = JSON.parse(stored);
      expect(stored45.nbformat_minor).toBe(5);
      expect(valid45(stored45) ? [] : valid45.errors).toEqual([]);
      expect(JSON.parse(saveNotebook(openNotebook(stored, file)))).toEqual(JSON.parse(original));
    });
  }
});

describe("what the round trip keeps", () => {
  it("raw cells stay raw with metadata.format; attachments stay on their cells", () => {
    const doc = openNotebook(read("everything-4.5.ipynb"));
    const raw = doc.cells.filter((c) => c.type === "raw");
    expect(raw.map((c) => c.metadata.format)).toEqual(["text/latex", "text/x-python"]);
    expect(raw[0].source).toBe("%% raw for LaTeX\n\\newpage");
    expect(Object.keys(doc.cells[0].attachments ?? {})).toEqual(["shot.png"]);
    expect(doc.metadata.my_extension).toEqual({ nested: { deep: [1, 2.5, null, true, "ü"] } });
    const bundle = doc.cells[2].outputs[0];
    expect(bundle.output_type === "display_data" && Object.keys(bundle.data)).toContain("application/x-unknown-thing");
  });

  it("an old (4.4) notebook edited in place still downloads as 4.4; one with a new cell becomes valid 4.5 with ids", () => {
    const doc = openNotebook(read("attachments-4.4.ipynb"));
    const edited = notebookReducer(doc, { type: "update-source", id: doc.cells[1].id, source: "x = 2" });
    const same = JSON.parse(saveNotebook(edited));
    expect(same.nbformat_minor).toBe(4);
    expect(same.cells.map((c: { id?: string }) => c.id)).toEqual([undefined, undefined]);
    expect(same.cells[1].source).toEqual(["x = 2"]);

    const grown = { ...doc, cells: [...doc.cells, makeCell("code", "y = 3")] };
    const upgraded = JSON.parse(saveNotebook(grown));
    expect(upgraded.nbformat_minor).toBe(5);
    expect(upgraded.cells.every((c: { id?: string }) => typeof c.id === "string")).toBe(true);
    expect(valid45(upgraded) ? [] : valid45.errors).toEqual([]);
    expect(upgraded.cells[0].attachments).toEqual(JSON.parse(read("attachments-4.4.ipynb")).cells[0].attachments);
  });
});
