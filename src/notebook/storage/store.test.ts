// Tests for store.ts on fake-indexeddb: notebooks come back as they were (outputs included), valid nbformat 4.5.
import "fake-indexeddb/auto";
import Ajv from "ajv";
import { afterEach, describe, expect, it, vi } from "vitest";
import schema from "../../io/nbformat.v4.5.schema.json";
import { makeCell, makeNotebook } from "../cells";
import { CHART_MIME, type NotebookDoc } from "../types";
import { isQuotaError, NotebookStore, StorageQuotaError } from "./store";

const { $schema: _draft, ...schemaBody } = schema as Record<string, unknown>;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schemaBody);

let n = 0;
const opened: NotebookStore[] = [];
async function freshStore(): Promise<NotebookStore> {
  n += 1;
  const store = await NotebookStore.open(`gradbook-test-${n}-${Date.now()}`);
  opened.push(store);
  return store;
}
afterEach(() => {
  opened.splice(0).forEach((s) => s.close());
  vi.restoreAllMocks();
});

function sample(): NotebookDoc {
  return makeNotebook(
    [
      makeCell("markdown", "# 제목\ntext", { id: "md1", metadata: { lang: "ko" } }),
      makeCell("code", "print(1)\nconst x = 2;", {
        id: "code1",
        executionCount: 3,
        outputs: [
          { output_type: "stream", name: "stdout", text: "1\n" },
          { output_type: "stream", name: "stderr", text: "careful\n" },
          { output_type: "execute_result", data: { "text/plain": "tensor([1, 2])" }, metadata: {}, execution_count: 3 },
          {
            output_type: "display_data",
            data: { [CHART_MIME]: { points: [{ name: "loss", step: 1, value: 0.5, axis: "step" }] }, "text/plain": "Chart: loss (1 points)" },
            metadata: {},
          },
          { output_type: "error", ename: "RuntimeError", evalue: "boom", traceback: ["at line 2"] },
        ],
      }),
    ],
    { kernelspec: { name: "gradbook", display_name: "Gradbook (TypeScript)", language: "typescript" } },
  );
}

const shape = (doc: NotebookDoc) =>
  doc.cells.map(({ id, type, source, outputs, metadata, executionCount }) => ({ id, type, source, outputs, metadata, executionCount }));

describe("NotebookStore", () => {
  it("saves and loads a notebook with every kind of output, as valid nbformat 4.5", async () => {
    const store = await freshStore();
    const doc = sample();
    const meta = await store.save({ id: "mnist-softmax", title: "MNIST", tutorialId: "mnist-softmax" }, doc);
    expect(meta).toMatchObject({ id: "mnist-softmax", title: "MNIST", tutorialId: "mnist-softmax" });
    const loaded = await store.load("mnist-softmax");
    expect(shape(loaded!.doc)).toEqual(shape(doc));
    expect(loaded!.doc.metadata).toEqual(doc.metadata);
    expect(loaded!.doc.nextExecutionCount).toBe(4);
  });

  it("stores nbformat JSON that validates against the schema", async () => {
    const store = await freshStore();
    await store.save({ id: "a", title: "A", tutorialId: null }, sample());
    const ok = validate(JSON.parse((await store.text("a"))!));
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it("lists newest first, keeps the title on later saves, renames, removes", async () => {
    // Order is by updatedAt, so each store call must see a later Date.now(): a clock that ticks a second per
    // read makes this exact (real time can hand two saves the same millisecond, about 1 run in 13).
    let clock = 1_700_000_000_000;
    vi.spyOn(Date, "now").mockImplementation(() => (clock += 1000));
    const store = await freshStore();
    const a = await store.create("First", makeNotebook([makeCell("code", "1")]));
    const b = await store.create("Second", makeNotebook([makeCell("code", "2")]));
    expect(a.id).toMatch(/^nb-[0-9a-f]{16}$/);
    expect((await store.list()).map((m) => m.title)).toEqual(["Second", "First"]);

    await store.save({ id: a.id, title: "ignored", tutorialId: null }, makeNotebook([makeCell("code", "1 changed")]));
    expect((await store.list()).map((m) => m.title)).toEqual(["First", "Second"]);

    await store.rename(b.id, "Renamed");
    expect((await store.get(b.id))!.title).toBe("Renamed");
    expect((await store.load(b.id))!.doc.cells[0].source).toBe("2");

    await store.remove(a.id);
    expect(await store.load(a.id)).toBeNull();
    expect((await store.list()).map((m) => m.id)).toEqual([b.id]);
  });

  it("survives closing and reopening the database", async () => {
    const name = `gradbook-reopen-${Date.now()}`;
    const first = await NotebookStore.open(name);
    await first.save({ id: "t", title: "T", tutorialId: "t" }, sample());
    first.close();
    const second = await NotebookStore.open(name);
    opened.push(second);
    expect(shape((await second.load("t"))!.doc)).toEqual(shape(sample()));
  });

  it("recognizes quota errors however the browser names them", () => {
    expect(isQuotaError(new DOMException("full", "QuotaExceededError"))).toBe(true);
    expect(isQuotaError(new StorageQuotaError("full"))).toBe(true);
    expect(isQuotaError(new DOMException("x", "AbortError"))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
