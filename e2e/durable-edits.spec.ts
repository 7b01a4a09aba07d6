// Durable edits (issue 16): typing is saved within 100 ms of the last key and flushed when the page hides, so a
// reload 0, 50, 150 or 400 ms after typing loses nothing; the page asks before unloading while a save is pending.
import { expect, test, type Page } from "@playwright/test";
import { codeCellSource, openNotebookId, uploadFile, waitSaved } from "./library-helpers";

const DELAYS_MS = [0, 50, 150, 400];
const TRIES = 3;

const notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [{ id: "typed", cell_type: "code", metadata: {}, source: "const x = 1;", execution_count: null, outputs: [] }],
};

async function typeAtEnd(page: Page, text: string): Promise<void> {
  const editor = page.locator('[data-testid="cell"][data-cell-type="code"]').first().locator(".monaco-editor").first();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(text);
}

test("edits survive a reload 0, 50, 150 and 400 ms after the last keystroke", async ({ page }) => {
  test.setTimeout(10 * 60_000);
  const dialogs: Array<{ type: string; delay: number }> = [];
  let delay = -1;
  page.on("dialog", (d) => {
    dialogs.push({ type: d.type(), delay });
    void d.accept(); // "Leave": the reload goes on, as a learner closing the tab would
  });
  await page.goto("/");
  await expect(page.getByTestId("open-notebook")).toBeVisible({ timeout: 60_000 });
  await uploadFile(page, { name: "durable.ipynb", mimeType: "application/x-ipynb+json", buffer: Buffer.from(JSON.stringify(notebook)) });
  await expect.poll(() => openNotebookId(page)).toMatch(/^nb-/);
  await waitSaved(page);

  const lost: string[] = [];
  let total = 0;
  for (const ms of DELAYS_MS) {
    for (let k = 0; k < TRIES; k++) {
      const marker = `// edit ${ms}ms #${k}`;
      await typeAtEnd(page, `\n${marker}`);
      delay = ms;
      if (ms > 0) await page.waitForTimeout(ms); // the time under test, not a wait for an outcome
      await page.reload();
      total += 1;
      await expect(page.locator('[data-testid="cell"][data-cell-type="code"] .view-lines, [data-testid="cell"][data-cell-type="code"] .gb-editor-fallback').first()).toBeVisible({ timeout: 60_000 });
      await expect.poll(() => codeCellSource(page, 0), { timeout: 10_000 }).toContain("const x = 1;");
      if (!(await codeCellSource(page, 0)).includes(marker)) lost.push(marker);
      await waitSaved(page);
    }
  }
  console.log(`[durable edits] lost ${lost.length} of ${total} reloads (${lost.join("; ") || "none"}); beforeunload prompts: ${dialogs.filter((d) => d.type === "beforeunload").map((d) => `${d.delay} ms`).join(", ") || "none"}`);
  expect(lost).toEqual([]);
  // A reload right after typing finds the save still pending, and the page asked first.
  expect(dialogs.filter((d) => d.type === "beforeunload" && d.delay === 0).length).toBeGreaterThan(0);
});
