// Shared e2e helpers: open a notebook, wait for the kernel, edit a cell through Monaco, read outputs and charts.
import { expect, type Page } from "@playwright/test";

/** Opens `?notebook=<id>` (plus extra query) and waits until the kernel is idle. */
export async function openNotebook(page: Page, id: string, query = ""): Promise<void> {
  page.on("console", (m) => {
    if (m.type() === "error") console.log(`[page error] ${m.text()}`);
  });
  await page.goto(`/?notebook=${id}${query}`);
  await expect(page.getByTestId("kernel-status")).toHaveText("idle", { timeout: 120_000 });
}

/** Waits for a run to start and finish. */
export async function waitIdle(page: Page, timeout = 6 * 60_000): Promise<void> {
  await expect(page.getByTestId("kernel-status")).toHaveText("idle", { timeout });
}

/** Replaces the source of the n-th code cell by typing into its Monaco editor (no auto-closing brackets). */
export async function setCodeCell(page: Page, n: number, code: string): Promise<void> {
  const cell = page.locator('[data-testid="cell"][data-cell-type="code"]').nth(n);
  const editor = cell.locator(".monaco-editor").first();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

/** Runs the n-th code cell with its button and waits for the kernel to be idle again. */
export async function runCodeCell(page: Page, n: number): Promise<void> {
  const cell = page.locator('[data-testid="cell"][data-cell-type="code"]').nth(n);
  await cell.getByTestId("cell-run").click();
  // The kernel's status reaches the page in a low-priority update, so "idle" can still show just after the click:
  // wait for this cell to leave idle (skipped if it already ran and finished), then for it and the kernel to be idle.
  await expect(cell).not.toHaveAttribute("data-run-state", "idle", { timeout: 3_000 }).catch(() => undefined);
  await expect(cell).toHaveAttribute("data-run-state", "idle", { timeout: 6 * 60_000 });
  await waitIdle(page);
}

/** All text of a code cell's output area. */
export async function codeCellOutput(page: Page, n: number): Promise<string> {
  const cell = page.locator('[data-testid="cell"][data-cell-type="code"]').nth(n);
  return (await cell.getByTestId("cell-output").innerText()).trim();
}

/** The values of a chart series, read from the data attributes the chart renders. */
export async function seriesValues(page: Page, series: string): Promise<number[]> {
  const el = page.locator(`[data-testid="chart-loss"] [data-series="${series}"]`).first();
  const raw = (await el.getAttribute("data-curve")) ?? "";
  return raw.split(",").filter(Boolean).map(Number);
}
