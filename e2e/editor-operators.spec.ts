// The editor types tensor operators in cells: `x * w + b` hovers as Tensor with no squiggle; a wrong operand is underlined.
import { expect, test } from "@playwright/test";
import { codeCell, expectHover } from "./editor-helpers";
import { openNotebook, setCodeCell } from "./helpers";

test("x * w + b is a Tensor in the editor, with no squiggle", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await setCodeCell(
    page,
    1,
    "const xs = torch.randn(4, 2);\nconst ws = torch.randn(2, 1);\nconst bias = 0.5;\nconst yhat = xs.matmul(ws) * 2 + bias;\nconst p = 1.0 / (1.0 + torch.exp(-yhat));\np.sum().backward();",
  );
  await expectHover(page, codeCell(page, 1).locator(".view-lines"), "yhat", "const yhat: Tensor");
  await expect(codeCell(page, 1).locator(".squiggly-error")).toHaveCount(0);
});

test("a string operand of * is underlined as an operator error", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await setCodeCell(page, 1, 'const ts = torch.ones(2);\nconst bad = ts * "two";');
  const errors = codeCell(page, 1).locator(".squiggly-error");
  await expect(errors).toHaveCount(1, { timeout: 30_000 });
  const squiggle = (await errors.first().boundingBox())!;
  await page.mouse.move(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2 - 4);
  await expect(page.locator(".monaco-hover:not(.hidden)")).toContainText("Operator '*' cannot be applied");
});
