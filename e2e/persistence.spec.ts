// Autosave: a reload brings back the notebook and its outputs, with the kernel idle and while a cell is still running.
import { expect, test } from "@playwright/test";
import { codeCellOutput, openNotebook, reloadWhileBusy, runCodeCell, setCodeCell, waitIdle } from "./helpers";
import { codeCellSource, openNotebookId, waitSaved } from "./library-helpers";

const codeCells = '[data-testid="cell"][data-cell-type="code"]';

test.beforeEach(({ page }) => {
  // A busy kernel may ask before the page unloads; a reload here is deliberate.
  page.on("dialog", (d) => void d.accept());
});

test("a fresh browser gets the pristine tutorial; a reload with an idle kernel restores text and outputs", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  expect(await codeCellSource(page, 0)).toContain("const epochs = 2;");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");

  await setCodeCell(page, 0, 'print("persisted-idle-42");');
  await runCodeCell(page, 0);
  expect(await codeCellOutput(page, 0)).toContain("persisted-idle-42");
  await waitSaved(page);

  await page.reload();
  await waitIdle(page, 120_000);
  expect(await openNotebookId(page)).toBe("mnist-softmax");
  expect(await codeCellSource(page, 0)).toContain('print("persisted-idle-42");');
  expect(await codeCellOutput(page, 0)).toContain("persisted-idle-42");
  // The other cells are still the tutorial's.
  expect(await codeCellSource(page, 1)).toContain("datasets.MNIST");
});

test("a reload while a cell runs restores the text and the outputs produced so far", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  // One line: Monaco would close a brace opened before a newline.
  await setCodeCell(page, 0, 'for (let i = 0; i < 400; i++) { print("tick " + i); await new Promise((r) => setTimeout(r, 50)); }');
  await page.locator(codeCells).nth(0).getByTestId("cell-run").click();
  await expect(page.getByTestId("kernel-status")).toHaveText("busy");
  await expect.poll(() => codeCellOutput(page, 0), { timeout: 30_000 }).toContain("tick 20");
  // Reload once a write confirmed after "tick 20" showed, with the cell still running.
  await reloadWhileBusy(page);
  expect(await codeCellSource(page, 0)).toContain('print("tick " + i);');
  const out = await codeCellOutput(page, 0);
  expect(out).toContain("tick 0");
  expect(out).toContain("tick 20");
  expect(out).not.toContain("tick 399");
  await expect(page.locator(codeCells).nth(0)).toHaveAttribute("data-run-state", "idle");
});
