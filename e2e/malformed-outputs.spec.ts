// Malformed notebooks (issue 16): each Gradbook payload that once blanked the page for good now opens, says what it
// dropped, and the notebook stays usable: it edits, reloads and downloads.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { deepArrayJson, HEALTHY, INTRO, malformedCases } from "../src/notebook/validate/malformed-cases";
import { downloadIpynb, openNotebookId, uploadFile, waitSaved } from "./library-helpers";

async function upload(page: Page, name: string, text: string): Promise<void> {
  await uploadFile(page, { name, mimeType: "application/x-ipynb+json", buffer: Buffer.from(text) });
  await expect.poll(() => openNotebookId(page)).toMatch(/^nb-/);
}

/** `names`: what must be named on screen as dropped or not shown (after a reload the cleaned copy opens: no note). */
async function expectUsable(page: Page, names: string): Promise<void> {
  await expect(page.getByRole("heading", { name: INTRO })).toBeVisible();
  const cells = page.locator('[data-testid="cell"][data-cell-type="code"]');
  await expect(cells.last().getByTestId("cell-output")).toContainText(HEALTHY);
  // What was dropped is named on screen: the load note, or the output's own "could not be shown" box.
  if (names) await expect(page.locator('[data-testid="load-notes"], [data-testid="output-fallback"]').first()).toContainText(names);
}

test.beforeEach(({ page }) => {
  page.on("dialog", (d) => void d.accept());
  page.on("pageerror", (e) => console.log(`[page error] ${e.message.slice(0, 200)}`));
});

for (const c of malformedCases()) {
  test(`a notebook with ${c.name} opens, reloads, edits and downloads`, async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("open-notebook")).toBeVisible({ timeout: 60_000 });
    await upload(page, "malformed.ipynb", c.text);
    await expectUsable(page, c.names);
    await waitSaved(page);

    // It was autosaved: the next visit (the base URL reopens it) is not blank either.
    await page.goto("/");
    await expectUsable(page, "");

    // Still a notebook: a new cell can be added and typed in, and the download is a notebook with it.
    await page.getByTestId("add-markdown-cell").click();
    await page.getByTestId("markdown-source").fill("added after the malformed output");
    await page.getByRole("heading", { name: INTRO }).click();
    const { text } = await downloadIpynb(page);
    expect(text).toContain("added after the malformed output");
    expect(text).toContain(HEALTHY);
  });
}

test("notebook HTML cannot pose as the app: an app class neither covers the page nor makes a notice", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("open-notebook")).toBeVisible({ timeout: 60_000 });
  const text = readFileSync(new URL("./fixtures/hostile.ipynb", import.meta.url), "utf8");
  await upload(page, "hostile.ipynb", text);
  const overlay = page.getByText("poses as the drop overlay");
  await expect(overlay).toBeVisible();
  const state = await overlay.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const cell = el.closest(".gb-markdown")!.getBoundingClientRect();
    const notice = [...document.querySelectorAll("*")].find((x) => x.textContent === "Storage full fix it here")!;
    return {
      position: getComputedStyle(el).position,
      inCell: box.top >= cell.top && box.bottom <= cell.bottom && box.left >= cell.left && box.right <= cell.right,
      appClasses: [...document.querySelectorAll(".gb-markdown [class], .gb-markdown [id]")].filter((x) => /(^|\s)gb-/.test(x.className) || /^gb-|^root$/.test(x.id)).length,
      noticeFixed: getComputedStyle(notice).position === "fixed" || getComputedStyle(notice.parentElement!).position === "fixed",
      contained: getComputedStyle(el.closest(".gb-markdown")!).contain,
    };
  });
  expect(state).toEqual({ position: "static", inCell: true, appClasses: 0, noticeFixed: false, contained: "layout paint" });
  // The fake notice is not one: the app's notices area holds no "Storage full".
  await expect(page.locator(".gb-notices")).toHaveCount(0);
});

test("Download .ipynb of a notebook with metadata 100,000 deep says why it failed, in the error banner", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("open-notebook")).toBeVisible({ timeout: 60_000 });
  const nb = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { deep: "@DEEP@" }, cells: [{ id: "a", cell_type: "markdown", metadata: {}, source: `# ${INTRO}` }] });
  await upload(page, "deep-metadata.ipynb", nb.replace('"@DEEP@"', deepArrayJson(100_000)));
  await expect(page.getByRole("heading", { name: INTRO })).toBeVisible();
  await page.getByTestId("download-ipynb").click();
  await expect(page.getByTestId("download-error")).toContainText("nested too deeply to write as JSON");
});
