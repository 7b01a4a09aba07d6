// Restart: a fresh kernel that keeps the notebook's text and outputs; Restart & run all; a warning before leaving a busy kernel.
import { expect, test, type Page } from "@playwright/test";
import { codeCellOutput, openNotebook, runCodeCell, setCodeCell, waitIdle } from "./helpers";

const codeCells = (page: Page) => page.locator('[data-testid="cell"][data-cell-type="code"]');

test("Restart keeps the notebook and outputs but not the variables; Restart & run all runs from the top", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  // Two small cells: drop the tutorial's other code cells with the cell toolbar.
  while ((await codeCells(page).count()) > 2) {
    await codeCells(page).last().getByTestId("execution-count").click();
    await page.getByTestId("delete-cell").click();
  }
  await setCodeCell(page, 0, 'const answer = 42;\nprint("answer", answer);');
  await setCodeCell(page, 1, "print(typeof answer);");
  await runCodeCell(page, 0);
  await runCodeCell(page, 1);
  expect(await codeCellOutput(page, 0)).toBe("answer 42");
  expect(await codeCellOutput(page, 1)).toBe("number");
  await expect(codeCells(page).nth(1).getByTestId("execution-count")).toHaveText("[2]");

  await page.getByTestId("restart").click();
  await page.getByTestId("restart-confirm").click(); // Restart asks first, as in Jupyter
  await waitIdle(page, 60_000);
  // Text and outputs stay; the variables are gone; counts start again at 1, as in Jupyter.
  expect(await codeCellOutput(page, 0)).toBe("answer 42");
  await expect(codeCells(page).nth(0).getByTestId("execution-count")).toHaveText("[1]");
  await runCodeCell(page, 1);
  expect(await codeCellOutput(page, 1)).toBe("undefined");
  await expect(codeCells(page).nth(1).getByTestId("execution-count")).toHaveText("[1]");

  await page.getByTestId("restart-run-all").click();
  await page.getByTestId("restart-confirm").click();
  await expect(codeCells(page).nth(1).getByTestId("execution-count")).toHaveText("[2]", { timeout: 60_000 });
  await waitIdle(page, 60_000);
  expect(await codeCellOutput(page, 0)).toBe("answer 42");
  expect(await codeCellOutput(page, 1)).toBe("number");
  await expect(codeCells(page).nth(0).getByTestId("execution-count")).toHaveText("[1]");
});

test("restarting a running cell ends it with a note; leaving the page while busy asks first", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await setCodeCell(page, 0, 'print("waiting");\nawait new Promise((r) => setTimeout(r, 60_000));');
  await codeCells(page).nth(0).getByTestId("cell-run").click();
  await expect(codeCells(page).nth(0)).toHaveAttribute("data-run-state", "running");
  await expect(codeCells(page).nth(0).getByTestId("execution-count")).toHaveText("[*]");

  const dialog = page.waitForEvent("dialog");
  void page.reload().catch(() => undefined);
  const asked = await dialog;
  expect(asked.type()).toBe("beforeunload");
  await asked.dismiss();

  await page.getByTestId("restart").click();
  await page.getByTestId("restart-confirm").click(); // Restart asks first, as in Jupyter
  await waitIdle(page, 60_000);
  const out = await codeCellOutput(page, 0);
  expect(out).toContain("waiting");
  expect(out).toContain("KernelRestarted");
});
