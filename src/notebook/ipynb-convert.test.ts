// Tests for ipynb-convert.ts: nbformat 4.5 in and out, outputs kept, Gradbook-only fields stripped.
import { describe, expect, it } from "vitest";
import { makeCell, makeNotebook } from "./cells";
import { docFromIpynb, docToIpynb, openNotebook, saveNotebook } from "./ipynb-convert";
import { CHART_MIME, PROGRESS_MIME } from "./types";

const text = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "gradbook", display_name: "Gradbook", language: "typescript" } },
  cells: [
    { id: "intro-ko", cell_type: "markdown", metadata: { lang: "ko" }, source: ["# 안녕\n", "MNIST"] },
    {
      id: "code-1",
      cell_type: "code",
      metadata: {},
      source: 'print("hello")',
      execution_count: 4,
      outputs: [
        { output_type: "stream", name: "stdout", text: ["hello\n"] },
        { output_type: "display_data", data: { "text/plain": ["a\n", "b"] }, metadata: {} },
      ],
    },
  ],
});

describe("ipynb conversion", () => {
  it("reads cells, ids, metadata, sources and outputs", () => {
    const doc = openNotebook(text, "t.ipynb");
    expect(doc.cells.map((c) => [c.id, c.type, c.source])).toEqual([
      ["intro-ko", "markdown", "# 안녕\nMNIST"],
      ["code-1", "code", 'print("hello")'],
    ]);
    expect(doc.cells[0].metadata).toEqual({ lang: "ko" });
    expect(doc.cells[1].outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "hello\n" },
      { output_type: "display_data", data: { "text/plain": "a\nb" }, metadata: {} },
    ]);
    expect(doc.nextExecutionCount).toBe(5);
  });

  it("round-trips through save and open", () => {
    const doc = openNotebook(text);
    const again = openNotebook(saveNotebook(doc));
    expect(again.cells.map(({ id, type, source, outputs, metadata }) => ({ id, type, source, outputs, metadata }))).toEqual(
      doc.cells.map(({ id, type, source, outputs, metadata }) => ({ id, type, source, outputs, metadata })),
    );
  });

  it("joins text lines of MIME bundles but leaves JSON data alone", () => {
    const doc = docFromIpynb({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          id: "c",
          cell_type: "code",
          metadata: {},
          source: "",
          execution_count: null,
          outputs: [{ output_type: "display_data", data: { "text/html": ["<b>", "x</b>"], "application/json": ["a", "b"] }, metadata: {} }],
        },
      ],
    });
    expect(doc.cells[0].outputs[0]).toMatchObject({ data: { "text/html": "<b>x</b>", "application/json": ["a", "b"] } });
  });

  it("writes only nbformat fields: no error line, no progress bars, a text fallback for charts", () => {
    const cell = makeCell("code", "x\ny", {
      id: "c",
      outputs: [
        { output_type: "error", ename: "E", evalue: "v", traceback: ["t"], line: 2, column: 1 },
        { output_type: "display_data", data: { [PROGRESS_MIME]: { label: "f", loaded: 1, total: 2 } }, metadata: {} },
        {
          output_type: "display_data",
          data: { [CHART_MIME]: { points: [{ name: "loss", step: 1, value: 1, axis: "step" }] } },
          metadata: { live: true },
        },
      ],
    });
    const nb = docToIpynb(makeNotebook([cell]));
    const out = nb.cells[0];
    expect(out).toMatchObject({ id: "c", cell_type: "code", source: "x\ny", execution_count: null });
    expect(out.cell_type === "code" && out.outputs).toEqual([
      { output_type: "error", ename: "E", evalue: "v", traceback: ["t"] },
      {
        output_type: "display_data",
        data: { [CHART_MIME]: { points: [{ name: "loss", step: 1, value: 1, axis: "step" }] }, "text/plain": "Chart: loss (1 points)" },
        metadata: {},
      },
    ]);
    expect(nb).toMatchObject({ nbformat: 4, nbformat_minor: 5 });
  });

  it("gives a plot() chart without a text fallback one naming its series", () => {
    const plot = { kind: "line", series: [{ name: "train", x: [0, 1], y: [2, 1] }] };
    const cell = makeCell("code", "", { outputs: [{ output_type: "display_data", data: { [CHART_MIME]: plot }, metadata: {} }] });
    const out = docToIpynb(makeNotebook([cell])).cells[0];
    expect(out.cell_type === "code" && out.outputs[0]).toMatchObject({ data: { "text/plain": "Chart: train (2 points)" } });
  });

  it("keeps a raw cell raw, with its metadata.format, and writes it back as raw", () => {
    const doc = docFromIpynb({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ id: "r", cell_type: "raw", metadata: { format: "text/latex" }, source: "raw text" }],
    });
    expect(doc.cells[0]).toMatchObject({ type: "raw", source: "raw text", metadata: { format: "text/latex" } });
    expect(docToIpynb(doc).cells[0]).toEqual({ id: "r", cell_type: "raw", metadata: { format: "text/latex" }, source: "raw text" });
  });
});
