// Property tests (fast-check) for .ipynb: any text gives a notebook or a NotebookFormatError; written notebooks round-trip.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newNotebook, NotebookFormatError, parseNotebook, serializeNotebook, sourceToString, type Cell, type Output } from "./ipynb";

function parsesOrRefuses(text: string): void {
  try {
    parseNotebook(text, "x.ipynb");
  } catch (e) {
    expect(e).toBeInstanceOf(NotebookFormatError);
    expect((e as Error).message).toContain("x.ipynb");
  }
}

const text = fc.string({ maxLength: 30, unit: "grapheme" });
const meta = fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
const output: fc.Arbitrary<Output> = fc.oneof(
  fc.record({ output_type: fc.constant("stream" as const), name: fc.constantFrom("stdout" as const, "stderr" as const), text }),
  fc.record({ output_type: fc.constant("error" as const), ename: text, evalue: text, traceback: fc.array(text, { maxLength: 3 }) }),
  fc.record({ output_type: fc.constant("display_data" as const), data: fc.record({ "text/plain": text, "text/html": text }), metadata: meta }),
);
const cell = (id: string): fc.Arbitrary<Cell> =>
  fc.oneof(
    fc.record({
      id: fc.constant(id),
      cell_type: fc.constant("code" as const),
      metadata: meta,
      source: text,
      outputs: fc.array(output, { maxLength: 3 }),
      execution_count: fc.option(fc.nat(99)),
    }),
    fc.record({ id: fc.constant(id), cell_type: fc.constantFrom("markdown" as const, "raw" as const), metadata: meta, source: text }),
  );
const notebook = fc
  .uniqueArray(fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/), { maxLength: 5 })
  .chain((ids) => fc.tuple(...ids.map(cell)))
  .map((cells) => newNotebook(cells, { language_info: { name: "typescript" } }));

describe("ipynb (property)", () => {
  it("a written notebook parses back to the same notebook, and writes the same bytes again", () => {
    fc.assert(
      fc.property(notebook, (nb) => {
        const once = serializeNotebook(nb);
        const back = parseNotebook(once, "x.ipynb");
        expect(back.cells.map((c) => [c.id, c.cell_type, sourceToString(c.source)])).toEqual(
          nb.cells.map((c) => [c.id, c.cell_type, sourceToString(c.source)]),
        );
        expect(serializeNotebook(back)).toBe(once);
      }),
      { numRuns: 100 },
    );
  });

  it("random text and random JSON never crash with anything but a NotebookFormatError naming the file", () => {
    const cellish = fc.dictionary(fc.constantFrom("cell_type", "source", "outputs", "id", "metadata"), fc.jsonValue({ maxDepth: 2 }));
    const nbish = fc.record({ nbformat: fc.oneof(fc.constant(4), fc.jsonValue()), cells: fc.oneof(fc.array(fc.oneof(cellish, fc.jsonValue())), fc.jsonValue()) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), nbish.map((x) => JSON.stringify(x))), parsesOrRefuses),
      { numRuns: 400 },
    );
  });

  it("a written notebook with a character changed or cut short parses or gets a NotebookFormatError", () => {
    const mutated = notebook.chain((nb) => {
      const s = serializeNotebook(nb);
      return fc.tuple(fc.constant(s), fc.nat(s.length - 1), fc.constantFrom("{", "}", "[", '"', ",", "x", "1", ":", "\u0000"), fc.nat(s.length));
    });
    fc.assert(
      fc.property(mutated, ([s, at, ch, cut]) => {
        parsesOrRefuses(s.slice(0, at) + ch + s.slice(at + 1));
        parsesOrRefuses(s.slice(0, cut));
      }),
      { numRuns: 200 },
    );
  });
});
