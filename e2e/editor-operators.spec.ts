// The editor types tensor operators in cells: `x * w + b` hovers as Tensor with no squiggle; a wrong operand is underlined.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { openNotebook, setCodeCell } from "./helpers";

const codeCell = (page: Page, n: number) => page.locator('[data-testid="cell"][data-cell-type="code"]').nth(n);

/** Hovers the first occurrence of `word` in `within` until Monaco's hover shows `text`. */
async function expectHover(page: Page, within: Locator, word: string, text: string) {
  await expect(async () => {
    await page.mouse.move(0, 0);
    const box = await within.evaluate((root, w) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(w);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + w.length);
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      return null;
    }, word);
    expect(box, `"${word}" on screen`).not.toBeNull();
    await page.mouse.move(box!.x, box!.y);
    await expect(page.locator(".monaco-hover:not(.hidden)")).toContainText(text, { timeout: 4_000 });
  }).toPass({ timeout: 60_000 });
}

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
