// The headless runner CLI (npm run notebook) on the softmax tutorial and on a notebook whose cell fails.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import Ajv from "ajv";

const root = fileURLToPath(new URL("..", import.meta.url));

interface Cell {
  id: string;
  cell_type: string;
  metadata: { tags?: string[] };
  source: string[];
  execution_count?: number | null;
  outputs?: { output_type: string; name?: string; text?: string[] }[];
}

/** Runs the CLI on the built app (the e2e run builds first) and collects its exit code and output. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/run-notebook.mjs", ...args, "--no-build"], { cwd: root });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function readCells(file: string): Cell[] {
  return (JSON.parse(readFileSync(file, "utf8")) as { cells: Cell[] }).cells;
}

const text = (cell: Cell) => (cell.outputs ?? []).map((o) => (o.text ?? []).join("")).join("");

test("runs the softmax tutorial with -p overrides and writes a valid executed notebook", async () => {
  const out = test.info().outputPath("mnist-softmax.executed.ipynb");
  const { code, stdout, stderr } = await runCli(["src/tutorials/mnist-softmax.ipynb", "-p", "epochs=1", "-p", "trainLimit=3200", "--out", out]);
  expect(code, stderr).toBe(0);
  expect(stdout.trim()).toBe(out);
  expect(stderr).toMatch(/\[9\/9\] cell \d+ \(id 70bf8b6e\) ok in [\d.]+ s · [\d.]+ s elapsed/);

  const notebook = JSON.parse(readFileSync(out, "utf8"));
  const schema = JSON.parse(readFileSync(`${root}/src/io/nbformat.v4.5.schema.json`, "utf8"));
  delete schema.$schema;
  const validate = new Ajv({ strict: false }).compile(schema);
  validate(notebook);
  expect(validate.errors ?? []).toEqual([]);

  const cells = readCells(out);
  const at = cells.findIndex((c) => c.metadata.tags?.includes("parameters"));
  expect(cells[at + 1].metadata.tags).toEqual(["injected-parameters"]);
  expect(cells[at + 1].source.join("")).toContain("epochs = 1;\ntrainLimit = 3200;");
  const codeCells = cells.filter((c) => c.cell_type === "code");
  expect(codeCells.map((c) => c.execution_count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const all = codeCells.map(text).join("");
  expect(all).toContain("Number of datapoints: 3200");
  expect(all).toMatch(/Accuracy: \d+\/10000/);
  expect(all).not.toContain("Train Epoch: 2");
});

test("stops at the failing cell, names it on stderr and still writes the notebook up to it", async () => {
  const out = test.info().outputPath("failing-cell.executed.ipynb");
  const { code, stderr } = await runCli(["e2e/fixtures/failing-cell.ipynb", "--out", out]);
  expect(code).toBe(1);
  expect(stderr).toContain("(id shape-bug, In [3]) failed at line 2: RangeError: mat1 and mat2 shapes cannot be multiplied (64x784 and 100x10)");
  expect(stderr).toContain("2 | const y = x.matmul(w);");

  const cells = readCells(out);
  const byId = Object.fromEntries(cells.map((c) => [c.id, c]));
  expect(text(byId.fine)).toContain("x is [64, 784]");
  expect(byId["shape-bug"].outputs?.map((o) => o.output_type)).toEqual(["error"]);
  expect(byId["never-run"]).toMatchObject({ execution_count: null, outputs: [] });
});
