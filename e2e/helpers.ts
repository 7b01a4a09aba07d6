// Shared e2e helpers: open a notebook, wait for the kernel, edit a cell through Monaco, read outputs and charts,
// interrupt a run, reload mid-run.
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

/** Deletes code cells from the end until `count` are left (through the cell selection and the toolbar, as a user would). */
export async function keepCodeCells(page: Page, count: number): Promise<void> {
  const cells = page.locator('[data-testid="cell"][data-cell-type="code"]');
  while ((await cells.count()) > count) {
    await cells.last().getByTestId("execution-count").click();
    await page.getByTestId("delete-cell").click();
  }
}

/** Clicks Interrupt and returns the ms from the click's event to the status bar saying idle (timed in the page). */
export async function interruptUntilIdle(page: Page): Promise<number> {
  const stopped = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const status = document.querySelector('[data-testid="kernel-status"]')!;
        document.querySelector('[data-testid="interrupt"]')!.addEventListener("click", () => {
          const clicked = performance.now();
          const done = () => status.textContent === "idle" && resolve(performance.now() - clicked);
          new MutationObserver(done).observe(status, { childList: true, characterData: true, subtree: true });
        });
      }),
  );
  await page.getByTestId("interrupt").click();
  return stopped;
}

/**
 * Waits for an autosave written after this call while the kernel is still busy (autosave writes at least every ~2 s
 * while outputs stream in), then reloads the page and waits for the fresh kernel to be idle.
 */
export async function reloadWhileBusy(page: Page): Promise<void> {
  const shownAt = Date.now();
  const savedAt = async () => Number(await page.getByTestId("save-status").getAttribute("data-saved-at"));
  await expect.poll(savedAt, { timeout: 10_000 }).toBeGreaterThan(shownAt);
  await expect(page.getByTestId("kernel-status")).toHaveText("busy");

  await page.reload();
  await waitIdle(page, 120_000);
}
