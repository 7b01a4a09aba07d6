// Helpers for the notebook-list, persistence and .ipynb specs: the list panel, autosave, downloads, the nbformat schema.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";
import Ajv from "ajv";

const schema = JSON.parse(readFileSync(new URL("../src/io/nbformat.v4.5.schema.json", import.meta.url), "utf8"));
const { $schema: _draft, ...schemaBody } = schema as Record<string, unknown>;
const validateSchema = new Ajv({ strict: false, allErrors: true }).compile(schemaBody);

/**
 * nbformat 4.0–4.4 as far as cells go: 4.5 is the version that added the required cell `id`, and the cells of the
 * older versions allow no other fields, so a 4.4 file must have no ids (Gradbook writes a file back in its own version).
 */
const olderBody = JSON.parse(JSON.stringify(schemaBody), (key, value) => {
  if (key === "required" && Array.isArray(value)) return value.filter((k: string) => k !== "id");
  if (key === "nbformat_minor" && value && typeof value === "object" && "minimum" in value) return { ...value, minimum: 0 };
  if (value && typeof value === "object" && !Array.isArray(value) && "id" in value && "cell_type" in value) {
    const { id: _id, ...rest } = value as Record<string, unknown>;
    return rest;
  }
  return value;
});
const validateOlder = new Ajv({ strict: false, allErrors: true }).compile(olderBody);

/** Throws with Ajv's errors unless `nb` is valid nbformat 4.5, or valid 4.0–4.4 when it says it is one of those. */
export function expectValidIpynb(nb: unknown): void {
  const minor = (nb as { nbformat_minor?: unknown }).nbformat_minor;
  const validate = typeof minor === "number" && minor < 5 ? validateOlder : validateSchema;
  const ok = validate(nb);
  expect(ok ? [] : validate.errors).toEqual([]);
}

/** Opens the notebook list if it is closed. */
export async function openList(page: Page): Promise<void> {
  const toggle = page.getByTestId("library-toggle");
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(page.getByTestId("notebook-list")).toBeVisible();
}

/** Waits until autosave has written everything (the rail's save dot is green). */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 10_000 });
}

/** The id of the notebook on screen. */
export async function openNotebookId(page: Page): Promise<string> {
  return (await page.getByTestId("open-notebook").getAttribute("data-notebook-id")) ?? "";
}

/** Clicks "Download .ipynb" and returns the file's name and text. */
export async function downloadIpynb(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-ipynb").click()]);
  const text = await readFile((await download.path())!, "utf8");
  return { name: download.suggestedFilename(), text };
}

/** Opens a file through the (hidden) file input, as the file picker would. */
export async function uploadFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByTestId("open-ipynb").setInputFiles(file);
}

/** The source of the n-th code cell as the editor shows it (Monaco renders spaces as no-break spaces). */
export async function codeCellSource(page: Page, n: number): Promise<string> {
  const cell = page.locator('[data-testid="cell"][data-cell-type="code"]').nth(n);
  const lines = cell.locator(".view-lines, .gb-editor-fallback").first();
  return (await lines.innerText()).replace(/\u00a0/g, " ");
}
