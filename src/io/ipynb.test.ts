// Tests for ipynb.ts. nbformat.v4.5.schema.json beside this file is the Jupyter Development Team's official
// schema (BSD-3-Clause, from jupyter/nbformat), copied so this test does not depend on ../shared.
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import {
  newNotebook,
  NotebookFormatError,
  parseNotebook,
  serializeNotebook,
  sourceToString,
  splitLines,
  type Notebook,
} from "./ipynb";
import schema from "./nbformat.v4.5.schema.json";

// The schema says draft-04 but uses nothing draft-04-specific, so Ajv's default draft-07 validates it once the
// $schema tag is dropped. strict: false tolerates the schema's own oddities (e.g. an "item" typo under "authors").
const { $schema: _draft, ...schemaBody } = schema as Record<string, unknown>;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schemaBody);
function expectValid(nb: unknown) {
  const ok = validate(nb);
  expect(ok ? [] : validate.errors).toEqual([]);
}

/** A notebook exactly as Jupyter writes one (sorted keys, 1-space indent, line lists, trailing newline). */
const JUPYTER_TEXT = `{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "a1b2c3d4",
   "metadata": {},
   "source": [
    "# MNIST\\n",
    "Train a **tiny** net."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "id": "e5f6a7b8",
   "metadata": {
    "tags": [
     "train"
    ]
   },
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "epoch 1 loss 0.31\\n",
      "epoch 2 loss 0.12\\n"
     ]
    },
    {
     "data": {
      "application/vnd.gradbook.chart+json": {
       "series": [
        1,
        2
       ]
      },
      "image/png": "iVBORw0KGgo=",
      "text/plain": [
       "<Figure>"
      ]
     },
     "execution_count": 3,
     "metadata": {},
     "output_type": "execute_result"
    },
    {
     "ename": "RuntimeError",
     "evalue": "shape mismatch",
     "output_type": "error",
     "traceback": [
      "RuntimeError: shape mismatch"
     ]
    }
   ],
   "source": [
    "for (let epoch = 1; epoch <= 2; epoch++) {\\n",
    "  train(epoch);\\n",
    "}"
   ]
  },
  {
   "cell_type": "raw",
   "id": "raw-1",
   "metadata": {
    "format": "text/plain"
   },
   "source": []
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Gradbook (TypeScript)",
   "language": "typescript",
   "name": "gradbook"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

function thrownMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect((e as Error).name).toBe("NotebookFormatError");
    return (e as Error).message;
  }
  throw new Error("expected a NotebookFormatError");
}

describe("parseNotebook / serializeNotebook", () => {
  it("round-trips a Jupyter-written notebook byte for byte, and the result validates", () => {
    const nb = parseNotebook(JUPYTER_TEXT, "mnist.ipynb");
    expect(nb.cells.map((c) => c.cell_type)).toEqual(["markdown", "code", "raw"]);
    expect(sourceToString(nb.cells[0].source)).toBe("# MNIST\nTrain a **tiny** net.");
    expectValid(JSON.parse(JUPYTER_TEXT));
    expect(serializeNotebook(nb)).toBe(JUPYTER_TEXT);
  });

  it("uses a schema that really rejects bad notebooks (so the checks above mean something)", () => {
    const good = JSON.parse(JUPYTER_TEXT);
    expect(validate({ ...good, nbformat_minor: 4 })).toBe(false);
    const { id: _id, ...noId } = good.cells[0];
    expect(validate({ ...good, cells: [noId] })).toBe(false);
    expect(validate({ ...good, cells: [{ ...good.cells[0], id: "bad id!" }] })).toBe(false);
  });

  it("writes string sources and outputs as line lists, keeping base64 images and JSON as they are", () => {
    const nb = newNotebook([
      { id: "c1", cell_type: "code", metadata: {}, source: "x = 1\ny = 2\n", execution_count: null, outputs: [
        { output_type: "stream", name: "stderr", text: "warn\n" },
        { output_type: "display_data", data: { "text/html": "<b>\n</b>", "image/png": "AAAA\nBBBB" }, metadata: {} },
      ] },
      { id: "m1", cell_type: "markdown", metadata: {}, source: "", attachments: { "a.png": { "image/png": "AAA=" } } },
    ]);
    const text = serializeNotebook(nb);
    expect(text.endsWith("}\n")).toBe(true);
    const json = JSON.parse(text);
    expectValid(json);
    expect(json.cells[0].source).toEqual(["x = 1\n", "y = 2\n"]);
    expect(json.cells[0].outputs[0].text).toEqual(["warn\n"]);
    expect(json.cells[0].outputs[1].data).toEqual({ "text/html": ["<b>\n", "</b>"], "image/png": "AAAA\nBBBB" });
    expect(json.cells[1].source).toEqual([]);
    expect(parseNotebook(text)).toEqual(parseNotebook(serializeNotebook(parseNotebook(text))));
  });

  it("upgrades a 4.4 notebook: adds ids, fixes duplicates and bad ids, fills defaults", () => {
    const old = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 4,
      metadata: {},
      cells: [
        { cell_type: "code", source: "a" },
        { cell_type: "markdown", id: "same", metadata: {}, source: ["b"] },
        { cell_type: "markdown", id: "same", metadata: {}, source: "c" },
        { cell_type: "raw", id: "not valid!", metadata: {}, source: "d" },
      ],
    });
    const nb = parseNotebook(old);
    expect(nb.nbformat_minor).toBe(5);
    const ids = nb.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids[1]).toBe("same");
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    expect(nb.cells[0]).toMatchObject({ metadata: {}, outputs: [], execution_count: null });
    expectValid(JSON.parse(serializeNotebook(nb)));
  });

  it("writes an empty notebook that validates", () => {
    expect(serializeNotebook(newNotebook())).toBe(
      '{\n "cells": [],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n',
    );
    expectValid(JSON.parse(serializeNotebook(newNotebook())));
  });
});

describe("parseNotebook errors", () => {
  it("names the file for bad JSON", () => {
    expect(thrownMessage(() => parseNotebook("{ cells: ", "lesson.ipynb"))).toMatch(
      /^lesson\.ipynb is not valid JSON \(.*\); is it really a \.ipynb file/,
    );
  });

  it("rejects JSON that is not a notebook", () => {
    expect(thrownMessage(() => parseNotebook('{"name": "gradbook"}', "package.json"))).toMatch(
      /package\.json is JSON but not a Jupyter notebook/,
    );
    expect(thrownMessage(() => parseNotebook("[]"))).toMatch(/not a Jupyter notebook/);
  });

  it("refuses a notebook with no nbformat field, saying so (cells alone do not make a notebook)", () => {
    const cells = [{ cell_type: "code", id: "a", metadata: {}, source: "1", outputs: [], execution_count: null }];
    const noFormat = JSON.stringify({ nbformat_minor: 5, metadata: {}, cells });
    expect(() => parseNotebook(noFormat, "handmade.ipynb")).toThrow(NotebookFormatError);
    expect(thrownMessage(() => parseNotebook(noFormat, "handmade.ipynb"))).toMatch(
      /^handmade\.ipynb is JSON but not a Jupyter notebook: it has no "nbformat" field\. .*"nbformat": 4, "nbformat_minor": 5/,
    );
    // The same file with the field opens.
    expect(parseNotebook(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells })).cells).toHaveLength(1);
  });

  it("explains a wrong major version and how to convert", () => {
    const v3 = JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {}, worksheets: [] });
    expect(thrownMessage(() => parseNotebook(v3, "old.ipynb"))).toMatch(
      /old\.ipynb is nbformat 3; Gradbook reads nbformat 4.*nbconvert --to notebook --nbformat 4 old\.ipynb/,
    );
  });

  it("names the cell or output at fault", () => {
    const nb = (cells: unknown[]) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
    const heading = nb([{ cell_type: "heading", source: "" }]);
    expect(thrownMessage(() => parseNotebook(heading, "x.ipynb"))).toMatch(/x\.ipynb: cell 1 has cell_type "heading"/);
    const badSource = nb([{ cell_type: "code", source: 5 }]);
    expect(thrownMessage(() => parseNotebook(badSource))).toMatch(/cell 1: "source" must be a string or a list/);
    const outputs = [{ output_type: "stream", name: "stdout", text: "" }, { output_type: "pager" }];
    const badOutput = { cell_type: "code", source: "", outputs };
    expect(thrownMessage(() => parseNotebook(nb([badOutput])))).toMatch(/cell 1, output 2 has output_type "pager"/);
    const badStream = { cell_type: "code", source: "", outputs: [{ output_type: "stream", name: "stdin", text: "" }] };
    expect(thrownMessage(() => parseNotebook(nb([badStream])))).toMatch(/"name" must be "stdout" or "stderr"/);
  });
});

describe("splitLines / sourceToString", () => {
  it("keeps line endings like Python's splitlines(True)", () => {
    expect(splitLines("a\nb\r\nc\rd")).toEqual(["a\n", "b\r\n", "c\r", "d"]);
    expect(splitLines("a\n")).toEqual(["a\n"]);
    expect(splitLines("")).toEqual([]);
    expect(splitLines("\n\n")).toEqual(["\n", "\n"]);
    expect(sourceToString(["a\n", "b"])).toBe("a\nb");
    expect(sourceToString("a")).toBe("a");
  });

  it("serializes to the same bytes as Python's json.dumps(sort_keys=True, indent=1, ensure_ascii=False)", () => {
    // Expected text produced by Python 3:
    // json.dumps({"b": [], "a": {}, "c": "x\u00e9\x1f\"\\"}, sort_keys=True, indent=1, ensure_ascii=False)
    const nb = { ...newNotebook(), metadata: { b: [], a: {}, c: 'x\u00e9\x1f"\\' } } as Notebook;
    expect(serializeNotebook(nb)).toContain('"metadata": {\n  "a": {},\n  "b": [],\n  "c": "xé\\u001f\\"\\\\"\n }');
  });
});
