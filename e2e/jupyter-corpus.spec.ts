// Open → Download of real Jupyter notebooks (src/io/__fixtures__/jupyter-corpus, nbformat 4.0-4.5) in the app: the
// same JSON comes back, also after a reload from the browser's store; raw cells and pasted images show sensibly.
import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { openNotebook } from "./helpers";
import { downloadIpynb, openNotebookId, uploadFile, waitSaved } from "./library-helpers";

const dir = new URL("../src/io/__fixtures__/jupyter-corpus/", import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();

test("every corpus notebook downloads as the JSON it was opened from, before and after a reload", async ({ page }) => {
  test.setTimeout(5 * 60_000);
  await openNotebook(page, "mnist-softmax");
  for (const file of files) {
    const original = readFileSync(dir + file, "utf8");
    const before = await openNotebookId(page);
    await uploadFile(page, dir + file);
    await expect.poll(() => openNotebookId(page)).not.toBe(before);
    const downloaded = await downloadIpynb(page);
    expect(JSON.parse(downloaded.text), file).toEqual(JSON.parse(original));
    await waitSaved(page);
    await page.reload();
    await expect.poll(() => openNotebookId(page)).toMatch(/^nb-/);
    const again = await downloadIpynb(page);
    expect(JSON.parse(again.text), `${file} after reload`).toEqual(JSON.parse(original));
  }
});

test("a raw cell shows its text and target format; a pasted image (attachment:) renders", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await uploadFile(page, dir + "everything-4.5.ipynb");
  await expect(page.locator('[data-testid="cell"][data-cell-type="raw"]')).toHaveCount(2);
  const raw = page.locator('[data-testid="cell"][data-cell-type="raw"]').first();
  await expect(raw.getByTestId("raw-format")).toContainText("text/latex");
  await expect(raw.getByTestId("raw-rendered")).toContainText("\\newpage");
  const img = page.locator('[data-testid="markdown-rendered"] img[alt="shot"]');
  await expect(img).toHaveAttribute("src", /^data:image\/png;base64,iVBOR/);
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(6);
});
