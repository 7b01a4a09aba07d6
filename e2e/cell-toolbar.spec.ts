// The selected cell's toolbar: run all above / below, move, insert, change type, clear outputs, delete; and clear all outputs.
import { expect, test, type Page } from "@playwright/test";
import { codeCellOutput, openNotebook, runCodeCell, setCodeCell, waitIdle } from "./helpers";

const codeCells = (page: Page) => page.locator('[data-testid="cell"][data-cell-type="code"]');
const select = (page: Page, n: number) => codeCells(page).nth(n).getByTestId("execution-count").click();
const codeIds = async (page: Page) => codeCells(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-cell-id")!));
const allIds = async (page: Page) => page.locator('[data-testid="cell"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-cell-id")!));

test("cell toolbar: run above/below, move, insert, type, clear, delete", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  while ((await codeCells(page).count()) > 2) {
    await select(page, 2);
    await page.getByTestId("delete-cell").click();
  }
  await setCodeCell(page, 0, 'const a = 1;\nprint("a");');
  await setCodeCell(page, 1, 'print("b", a);');

  await select(page, 1);
  await page.getByTestId("run-all-above").click();
  // The kernel's status reaches the page in a low-priority update: wait for the output, then for idle.
  await expect.poll(() => codeCellOutput(page, 0), { timeout: 60_000 }).toBe("a");
  await waitIdle(page, 60_000);
  expect(await codeCellOutput(page, 1)).toBe("");
  await page.getByTestId("run-all-below").click();
  await expect.poll(() => codeCellOutput(page, 1), { timeout: 60_000 }).toBe("b 1");
  await waitIdle(page, 60_000);
  await expect(codeCells(page).nth(1).getByTestId("execution-count")).toHaveText("[2]");

  // Moving passes one visible cell (here the Markdown above); cells of the other language are skipped.
  const [first, second] = await codeIds(page);
  const before = await allIds(page);
  const at = before.indexOf(second);
  await page.getByTestId("move-up").click();
  await expect.poll(() => allIds(page)).toEqual([...before.slice(0, at - 1), second, before[at - 1], ...before.slice(at + 1)]);
  await page.getByTestId("move-down").click();
  await expect.poll(() => allIds(page)).toEqual(before);

  await page.getByTestId("add-cell-below").click();
  await expect.poll(() => codeIds(page)).toEqual([first, second, expect.any(String)]);
  await page.getByTestId("delete-cell").click();
  await expect.poll(() => codeIds(page)).toEqual([first, second]);

  await select(page, 1);
  await page.getByTestId("cell-type-toggle").click();
  await expect(page.locator(`[data-cell-id="${second}"]`)).toHaveAttribute("data-cell-type", "markdown");
  await page.getByTestId("cell-type-toggle").click();
  await expect(page.locator(`[data-cell-id="${second}"]`)).toHaveAttribute("data-cell-type", "code");

  await select(page, 0);
  await page.getByTestId("clear-outputs").click();
  expect(await codeCellOutput(page, 0)).toBe("");
  await expect(codeCells(page).nth(0).getByTestId("execution-count")).toHaveText("[ ]");
  await runCodeCell(page, 1);
  expect(await codeCellOutput(page, 1)).toBe("b 1");
  await expect(codeCells(page).nth(1).getByTestId("execution-count")).toHaveText("[3]");
  await page.getByTestId("clear-all-outputs").click();
  expect(await codeCellOutput(page, 1)).toBe("");
});
