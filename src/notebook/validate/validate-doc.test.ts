import { describe, expect, it } from "vitest";
import { openNotebook, saveNotebook } from "../ipynb-convert";
import { RUNS_KEY } from "../run-history";
import { CHART_MIME, type NotebookDoc } from "../types";
import { HEALTHY, malformedCases } from "./malformed-cases";
import { validateDoc } from "./validate-doc";

const goodRun = { id: "r1", n: 1, startedAt: 1, elapsedMs: 20, ok: true, code: "fit()", hparams: { lr: 0.1 }, curves: [{ name: "loss", axis: "step", x: [0, 1], y: [1, null] }] };

function docWith(outputs: unknown[], metadata: Record<string, unknown> = {}): NotebookDoc {
  const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: "c", cell_type: "code", metadata, source: "", execution_count: 1, outputs }] };
  return openNotebook(JSON.stringify(nb));
}

describe("validateDoc", () => {
  for (const c of malformedCases().filter((x) => x.names !== "")) {
    it(`drops ${c.name} with a note naming it; the rest stays and the notebook saves`, () => {
      const loaded = openNotebook(c.text);
      const { doc, notes } = validateDoc(loaded);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toContain("cell 2");
      expect(notes[0]).toContain(c.names);
      expect(doc.cells[2].outputs).toEqual(loaded.cells[2].outputs);
      expect(JSON.stringify(doc.cells[2].outputs)).toContain(HEALTHY);
      // Saving works again (the 100,000-deep value made JSON.stringify overflow).
      expect(() => saveNotebook(doc)).not.toThrow();
    });
  }

  it("keeps valid charts, plots, progress, draw pads and run records as they are (same objects, unknown keys too)", () => {
    const outputs = [
      { output_type: "display_data", metadata: {}, data: { [CHART_MIME]: { points: [{ name: "loss", step: 1, value: null, axis: "step" }], extra: 1 } } },
      { output_type: "display_data", metadata: {}, data: { [CHART_MIME]: { kind: "scatter", series: [{ name: "a", x: [1], y: [2] }] } } },
      { output_type: "display_data", metadata: {}, data: { "application/vnd.gradbook.drawpad+json": { widgetId: "w", classes: ["0", "1"] } } },
      { output_type: "display_data", metadata: {}, data: { "application/json": { a: [1, { b: 2 }] }, "text/plain": "x" } },
    ];
    const doc = docWith(outputs, { [RUNS_KEY]: [goodRun] });
    const checked = validateDoc(doc);
    expect(checked.notes).toEqual([]);
    expect(checked.doc).toBe(doc);
  });

  it("keeps the other MIME types of a bundle whose Gradbook payload is dropped; an emptied output says what it was", () => {
    const doc = docWith([
      { output_type: "display_data", metadata: {}, data: { [CHART_MIME]: { points: "nope" }, "text/plain": "Chart: loss" } },
      { output_type: "display_data", metadata: {}, data: { "application/vnd.gradbook.progress+json": { label: 3 } } },
    ]);
    const { doc: out, notes } = validateDoc(doc);
    expect(notes).toEqual([
      `cell 1, output 1: ${CHART_MIME} dropped (points: Invalid type: Expected Array but received "nope")`,
      "cell 1, output 2: application/vnd.gradbook.progress+json dropped (label: Invalid type: Expected string but received 3)",
    ]);
    expect(out.cells[0].outputs[0]).toMatchObject({ data: { "text/plain": "Chart: loss" } });
    expect(out.cells[0].outputs[1]).toMatchObject({ data: { "text/plain": expect.stringContaining("[output dropped: application/vnd.gradbook.progress+json") } });
  });

  it("drops only the run records that do not validate, and a run history that is not a list", () => {
    const bad = { ...goodRun, id: "r2", curves: [{ name: "loss", axis: "sideways", x: [], y: [] }] };
    const { doc, notes } = validateDoc(docWith([], { [RUNS_KEY]: [goodRun, bad], other: 1 }));
    expect(doc.cells[0].metadata).toEqual({ [RUNS_KEY]: [goodRun], other: 1 });
    expect(notes).toEqual([expect.stringMatching(/^cell 1: run history record 2 dropped \(curves\[0\]\.axis: /)]);
    const notList = validateDoc(docWith([], { [RUNS_KEY]: { a: 1 } }));
    expect(notList.doc.cells[0].metadata).toEqual({});
    expect(notList.notes).toEqual(["cell 1: run history dropped (gradbook_runs is not a list)"]);
  });
});
