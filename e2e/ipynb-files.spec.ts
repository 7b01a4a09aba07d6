// .ipynb in and out: download → upload round trip, a Jupyter-made Python notebook, malformed files refused cleanly.
import { mkdtemp, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { codeCellOutput, openNotebook, runCodeCell, setCodeCell } from "./helpers";
import { codeCellSource, downloadIpynb, expectValidIpynb, openList, openNotebookId, uploadFile, waitSaved } from "./library-helpers";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

test("download → upload → download gives the same notebook, outputs included, valid nbformat 4.5", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await setCodeCell(page, 0, 'print("round trip 한글 ✓"); torch.ones(2, 3)');
  await runCodeCell(page, 0);
  expect(await codeCellOutput(page, 0)).toContain("round trip 한글 ✓");

  const first = await downloadIpynb(page);
  expect(first.name).toBe("mnist-softmax.ipynb");
  const nb = JSON.parse(first.text);
  expectValidIpynb(nb);
  const cell = nb.cells.find((c: { cell_type: string }) => c.cell_type === "code");
  expect(cell.execution_count).toBe(1);
  expect(cell.outputs.map((o: { output_type: string }) => o.output_type)).toEqual(["stream", "display_data"]);

  await uploadFile(page, { name: "mnist-softmax.ipynb", mimeType: "application/x-ipynb+json", buffer: Buffer.from(first.text) });
  await expect.poll(() => openNotebookId(page)).toMatch(/^nb-/);
  await expect(page.getByTestId("kernel-status")).toHaveText("idle", { timeout: 60_000 });
  expect(await codeCellOutput(page, 0)).toContain("round trip 한글 ✓");
  await openList(page);
  await expect(page.getByTestId("notebook-item").filter({ hasText: "mnist-softmax" })).toHaveAttribute("data-current", "true");

  const second = await downloadIpynb(page);
  expect(second.name).toBe("mnist-softmax.ipynb");
  expect(second.text).toBe(first.text);
});

test("a Jupyter notebook with Python cells opens, with a warning on the notebook and on each code cell", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await uploadFile(page, fixture("jupyter-python.ipynb"));
  await expect.poll(() => openNotebookId(page)).toMatch(/^nb-/);

  await expect(page.getByText("This notebook was written for Python.")).toBeVisible();
  await expect(page.locator('[data-testid="cell"][data-cell-type="code"]')).toHaveCount(3);
  expect(await codeCellSource(page, 0)).toContain("import torch");
  expect(await codeCellOutput(page, 0)).toContain("torch 2.3.0");
  expect(await codeCellOutput(page, 1)).toContain("tensor([[1., 1., 1.],");
  expect(await codeCellOutput(page, 2)).toContain("ZeroDivisionError");
  const note = await page
    .locator('[data-testid="cell"][data-cell-type="code"] .gb-cell-main')
    .first()
    .evaluate((el) => getComputedStyle(el, "::before").content);
  expect(note).toContain("This cell is Python; Gradbook runs TypeScript");
  await expect(page.getByText("raw text kept as is")).toBeVisible();

  // It is stored like any notebook and still says Python when downloaded.
  await waitSaved(page);
  const out = JSON.parse((await downloadIpynb(page)).text);
  // Written back in the version it came in (4.4: no cell ids), as JupyterLab saved it.
  expect(out.nbformat_minor).toBe(4);
  expect(out.cells.some((c: { id?: string }) => "id" in c)).toBe(false);
  expectValidIpynb(out);
  expect(out.metadata.kernelspec.name).toBe("python3");
  expect(out.cells[1].source.join("")).toBe('import torch\nprint("torch", torch.__version__)');
});

test("malformed files get a clear error and leave the open notebook untouched", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await setCodeCell(page, 0, 'print("still here");');
  await waitSaved(page);
  const error = page.getByTestId("open-error");

  const bad = [
    { name: "broken.ipynb", buffer: Buffer.from('{"nbformat": 4, "cells": [') , expect: /broken\.ipynb.*not valid JSON/ },
    { name: "other.ipynb", buffer: Buffer.from('{"name": "package", "version": "1.0.0"}'), expect: /other\.ipynb.*not a Jupyter notebook/ },
    { name: "cells.ipynb", buffer: Buffer.from('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "widget"}]}'), expect: /cells\.ipynb.*cell_type "widget"/ },
    { name: "photo.ipynb", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), expect: /photo\.ipynb.*not a text file/ },
  ];
  for (const file of bad) {
    await uploadFile(page, { name: file.name, mimeType: "application/octet-stream", buffer: file.buffer });
    await expect(error).toBeVisible();
    await expect(error).toContainText(file.expect);
    await expect(error).toContainText("The notebook you were working on is unchanged.");
  }

  // Over 50 MB: refused by its size, before it is read.
  const dir = await mkdtemp(join(tmpdir(), "gradbook-e2e-"));
  const huge = join(dir, "huge.ipynb");
  await writeFile(huge, "");
  await truncate(huge, 51 * 1024 * 1024);
  await uploadFile(page, huge);
  await expect(error).toContainText(/huge\.ipynb.*51\.0 MB.*50 MB/);
  // 200 MB (issue 8's case): the same refusal, as fast; the sparse file costs no disk.
  await truncate(huge, 200 * 1024 * 1024);
  await uploadFile(page, huge);
  await expect(error).toContainText(/huge\.ipynb.*200\.0 MB.*50 MB/);

  expect(await openNotebookId(page)).toBe("mnist-softmax");
  expect(await codeCellSource(page, 0)).toContain('print("still here");');
  await openList(page);
  // Nothing was added to the list: no item carries any of the refused files' names.
  await expect(page.getByTestId("notebook-item").first()).toBeVisible();
  await expect(page.getByTestId("notebook-item").filter({ hasText: /broken|other|cells|photo|huge/ })).toHaveCount(0);
  await error.getByRole("button").click();
  await expect(error).toBeHidden();
});
