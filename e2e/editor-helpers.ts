// Helpers for the editor specs: a code cell by index, and hovering a word in Monaco until its hover shows a text.
import { expect, type Locator, type Page } from "@playwright/test";

export const codeCell = (page: Page, n: number) => page.locator('[data-testid="cell"][data-cell-type="code"]').nth(n);

/** Moves the mouse over the first occurrence of `word` inside `within` (Monaco merges tokens into shared spans). */
export async function hoverText(page: Page, within: Locator, word: string): Promise<void> {
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
}

/** Hovers `word` until Monaco's hover shows `text` (a hover can be missed while the language service is busy). */
export async function expectHover(page: Page, within: Locator, word: string, text: string): Promise<void> {
  await expect(async () => {
    await page.mouse.move(0, 0);
    await hoverText(page, within, word);
    await expect(page.locator(".monaco-hover:not(.hidden)")).toContainText(text, { timeout: 4_000 });
  }).toPass({ timeout: 60_000 });
}
