// The editor knows the API (completion, hover docs, signature help, type errors before running, no cross-cell noise); light/dark theme.
import { expect, test } from "@playwright/test";
import { codeCell, expectHover } from "./editor-helpers";
import { openNotebook, setCodeCell } from "./helpers";

test("completion, hover docs, signature help and type errors come from the API's types", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await setCodeCell(page, 1, "torch.ze");
  await page.keyboard.press("Control+Space");
  const suggest = page.locator(".suggest-widget");
  await expect(suggest).toBeVisible();
  await expect(suggest).toContainText("zeros");
  // Esc closes the suggestions and stays in the editor; a second Esc leaves for command mode.
  await page.keyboard.press("Escape");
  await expect(suggest).toBeHidden();
  await expect(codeCell(page, 1)).toHaveAttribute("data-mode", "edit");

  await page.keyboard.insertText("ros(");
  await page.keyboard.press("Control+Shift+Space");
  await expect(page.locator(".parameter-hints-widget")).toContainText("zeros(");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(codeCell(page, 1)).toHaveAttribute("data-mode", "command");

  // Hover docs: the TSDoc of torch.zeros.
  await setCodeCell(page, 1, "const z = torch.zeros(2, 3);");
  await expectHover(page, codeCell(page, 1).locator(".view-lines"), "zeros", "Tensor of zeros");

  // Redeclaring another cell's `epochs` is normal in a notebook: no squiggle. A real type error is underlined
  // before anything runs.
  await setCodeCell(page, 0, "const epochs = 2;");
  await setCodeCell(page, 1, "const epochs = 3;\nconst lr: number = torch.zeros(2);");
  const errors = codeCell(page, 1).locator(".squiggly-error");
  await expect(errors).toHaveCount(1, { timeout: 20_000 });
  const squiggle = (await errors.first().boundingBox())!;
  await page.mouse.move(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2 - 4);
  await expect(page.locator(".monaco-hover:not(.hidden)")).toContainText("Type 'Tensor' is not assignable to type 'number'");
  await expect(codeCell(page, 0).locator(".squiggly-error")).toHaveCount(0);
});

test("the theme toggle switches the page and the editors between light and dark", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await expect(codeCell(page, 0).locator(".monaco-editor")).toBeVisible();
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "light");
  await page.getByTestId("theme-toggle").click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(codeCell(page, 0).locator(".monaco-editor.vs-dark")).toHaveCount(1);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(15, 19, 24)");
  // Remembered on reload.
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.getByTestId("theme-toggle").click();
  await expect(html).toHaveAttribute("data-theme", "light");
  await expect(codeCell(page, 0).locator(".monaco-editor.vs")).toHaveCount(1);
});
