// Jupyter's keys: edit/command modes, Shift/Ctrl/Alt+Enter, A, B, D D, Z, M, Y, K/J/arrows — and Korean input that composes.
import { expect, test, type Page } from "@playwright/test";
import { openNotebook, waitIdle } from "./helpers";

const codeCells = (page: Page) => page.locator('[data-testid="cell"][data-cell-type="code"]');
const selected = (page: Page) => page.locator('[data-testid="cell"][data-selected="true"]');
const idOf = async (page: Page, n: number) => (await codeCells(page).nth(n).getAttribute("data-cell-id"))!;

async function expectSelected(page: Page, id: string, mode: "edit" | "command") {
  await expect(selected(page)).toHaveAttribute("data-cell-id", id);
  await expect(selected(page)).toHaveAttribute("data-mode", mode);
}

test("command and edit modes with Jupyter's keys", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  const initial = await codeCells(page).count();
  const first = await idOf(page, 0);

  // Clicking into an editor is edit mode; Esc is command mode on the same cell.
  await codeCells(page).nth(0).locator(".monaco-editor").click();
  await expectSelected(page, first, "edit");
  await page.keyboard.press("Escape");
  await expectSelected(page, first, "command");

  // B inserts a code cell below and selects it; Enter edits it; Ctrl+Enter runs it in place, staying in the editor.
  await page.keyboard.press("b");
  await expect(codeCells(page)).toHaveCount(initial + 1);
  const added = await idOf(page, 1);
  await expectSelected(page, added, "command");
  await page.keyboard.press("Enter");
  await expectSelected(page, added, "edit");
  await page.keyboard.insertText("print(6 * 7)");
  await page.keyboard.press("Control+Enter");
  await waitIdle(page, 60_000);
  const addedCell = codeCells(page).nth(1);
  await expect(addedCell.getByTestId("cell-output")).toHaveText("42");
  await expect(addedCell.getByTestId("execution-count")).toHaveText("[1]");
  await expect(addedCell.getByTestId("cell-elapsed")).toHaveText(/\d+(ms|\.\ds)$/);
  await expectSelected(page, added, "edit");

  // Shift+Enter runs and selects the next cell, in command mode.
  await page.keyboard.press("Shift+Enter");
  await waitIdle(page, 60_000);
  await expect(addedCell.getByTestId("execution-count")).toHaveText("[2]");
  await expect(selected(page)).not.toHaveAttribute("data-cell-id", added);
  await expect(selected(page)).toHaveAttribute("data-mode", "command");

  // K and Up go back, J and Down forward.
  await page.keyboard.press("k");
  await expectSelected(page, added, "command");
  await page.keyboard.press("ArrowUp");
  await expectSelected(page, first, "command");
  await page.keyboard.press("j");
  await expectSelected(page, added, "command");

  // A inserts above; D D deletes it; Z brings it back; D D again.
  await page.keyboard.press("a");
  await expect(codeCells(page)).toHaveCount(initial + 2);
  const above = await idOf(page, 1);
  await expectSelected(page, above, "command");
  await page.keyboard.press("d");
  await page.keyboard.press("d");
  await expect(codeCells(page)).toHaveCount(initial + 1);
  await expectSelected(page, added, "command");
  await page.keyboard.press("z");
  await expect(codeCells(page)).toHaveCount(initial + 2);
  await expectSelected(page, above, "command");
  await page.keyboard.press("d");
  await page.keyboard.press("d");
  await expect(codeCells(page)).toHaveCount(initial + 1);

  // M makes the cell Markdown (outputs go, the text stays); Y makes it code again.
  await expectSelected(page, added, "command");
  await page.keyboard.press("m");
  await expect(page.locator(`[data-cell-id="${added}"]`)).toHaveAttribute("data-cell-type", "markdown");
  await expect(page.locator(`[data-cell-id="${added}"] [data-testid="markdown-rendered"]`)).toContainText("print(6 * 7)");
  await page.keyboard.press("y");
  await expect(page.locator(`[data-cell-id="${added}"]`)).toHaveAttribute("data-cell-type", "code");
  await expect(page.locator(`[data-cell-id="${added}"] [data-testid="cell-output"]`)).toBeEmpty();

  // Alt+Enter runs and inserts a new cell below, ready to type into.
  await page.keyboard.press("Enter");
  await expectSelected(page, added, "edit");
  await page.keyboard.press("Alt+Enter");
  await waitIdle(page, 60_000);
  await expect(page.locator(`[data-cell-id="${added}"] [data-testid="cell-output"]`)).toHaveText("42");
  await expect(codeCells(page)).toHaveCount(initial + 2);
  await expectSelected(page, await idOf(page, 2), "edit");
  await page.keyboard.insertText("1 + 1");
  await page.keyboard.press("Control+Enter");
  await expect(codeCells(page).nth(2).getByTestId("cell-output")).toHaveText("2");
});

test("Markdown cells: Enter edits, Shift+Enter renders and moves on", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  const md = page.locator('[data-testid="cell"][data-cell-type="markdown"]').first();
  await md.click();
  await expect(md).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("Enter");
  const source = md.getByTestId("markdown-source");
  await expect(source).toBeFocused();
  await source.press("End");
  await page.keyboard.insertText("\n\nEdited **here**.");
  await page.keyboard.press("Shift+Enter");
  await expect(md.getByTestId("markdown-rendered")).toContainText("Edited here.");
  await expect(md).toHaveAttribute("data-selected", "false");
  await expect(selected(page)).toHaveAttribute("data-mode", "command");
});

test("Korean input composes in the editor, and shortcuts follow the physical keys under a Korean layout", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  const initial = await codeCells(page).count();
  await codeCells(page).nth(0).locator(".monaco-editor").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText('print("');
  // Compose 한글 the way a Korean IME does: jamo by jamo, each syllable committed.
  const cdp = await page.context().newCDPSession(page);
  for (const syllable of [["ㅎ", "하", "한"], ["ㄱ", "그", "글"]]) {
    for (const step of syllable) await cdp.send("Input.imeSetComposition", { text: step, selectionStart: step.length, selectionEnd: step.length });
    await cdp.send("Input.insertText", { text: syllable.at(-1)! });
  }
  await page.keyboard.insertText('")');
  await page.keyboard.press("Control+Enter");
  await waitIdle(page, 60_000);
  await expect(codeCells(page).nth(0).getByTestId("cell-output")).toHaveText("한글");
  await expect(codeCells(page)).toHaveCount(initial);

  // With the Korean IME on, the D key sends "ㅇ": D D still deletes the cell.
  await page.keyboard.press("Escape");
  await expect(selected(page)).toHaveAttribute("data-mode", "command");
  for (let i = 0; i < 2; i++) {
    await cdp.send("Input.dispatchKeyEvent", { type: "keyDown", key: "ㅇ", code: "KeyD", windowsVirtualKeyCode: 229 });
    await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", key: "ㅇ", code: "KeyD", windowsVirtualKeyCode: 229 });
  }
  await expect(codeCells(page)).toHaveCount(initial - 1);
});
