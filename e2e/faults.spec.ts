// Faults the kernel must survive: an endless loop, a hang no check reaches, a dead worker; the notebook text and outputs stay.
import { expect, test, type Page } from "@playwright/test";
import { codeCellOutput, interruptUntilIdle, keepCodeCells, openNotebook, runCodeCell, setCodeCell } from "./helpers";

const codeCells = (page: Page) => page.locator('[data-testid="cell"][data-cell-type="code"]');

async function twoCells(page: Page): Promise<void> {
  await openNotebook(page, "mnist-softmax");
  await keepCodeCells(page, 2);
  await setCodeCell(page, 0, 'const kept = 41;\nprint("first output");');
  await runCodeCell(page, 0);
}

async function startAndInterrupt(page: Page, code: string): Promise<number> {
  await setCodeCell(page, 1, code);
  const cell = codeCells(page).nth(1);
  await cell.getByTestId("cell-run").click();
  await expect(cell.getByTestId("execution-count")).toHaveText("[*]");
  await page.waitForTimeout(300); // well inside the loop
  return interruptUntilIdle(page);
}

test("`while (true) {}` stops on Interrupt with the kernel's variables kept", async ({ page }) => {
  await twoCells(page);
  const ms = await startAndInterrupt(page, "let spins = 0;\nwhile (true) { spins++; }");
  console.log(`[timing] while(true) interrupt → idle in ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(10_000); // the issue asks < 3 s; measured and reported, bounded generously here
  const out = await codeCellOutput(page, 1);
  expect(out).toContain("KeyboardInterrupt");
  expect(out).not.toContain("KernelRestarted");
  // The loop guard stopped it, so the kernel kept everything, the loop's own counter included.
  await setCodeCell(page, 1, "print(kept + 1, spins > 0);");
  await runCodeCell(page, 1);
  expect(await codeCellOutput(page, 1)).toBe("42 true");
  expect(await codeCellOutput(page, 0)).toBe("first output");
});

test("a hang no loop guard reaches (a catastrophic regex) ends by replacing the worker; the notebook stays", async ({ page }) => {
  await twoCells(page);
  const ms = await startAndInterrupt(page, '/^(a+)+$/.test("a".repeat(40) + "b");');
  console.log(`[timing] hard stop (regex) interrupt → idle in ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(10_000);
  expect(await codeCellOutput(page, 1)).toContain("KernelRestarted");
  await setCodeCell(page, 1, "print(typeof kept, 6 * 7);");
  await runCodeCell(page, 1);
  expect(await codeCellOutput(page, 1)).toBe("undefined 42");
  expect(await codeCellOutput(page, 0)).toBe("first output");

  // Restart during the same hang: no grace period, straight to a fresh worker.
  await setCodeCell(page, 1, '/^(a+)+$/.test("a".repeat(40) + "b");');
  await codeCells(page).nth(1).getByTestId("cell-run").click();
  await expect(codeCells(page).nth(1).getByTestId("execution-count")).toHaveText("[*]");
  const restarted = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const status = document.querySelector('[data-testid="kernel-status"]')!;
        const clicked = performance.now();
        new MutationObserver(() => status.textContent === "idle" && resolve(performance.now() - clicked)).observe(status, {
          childList: true,
          characterData: true,
          subtree: true,
        });
        localStorage.setItem("gradbook.confirmRestart", "no"); // timing the restart itself, not the dialog
        (document.querySelector('[data-testid="restart"]') as HTMLButtonElement).click();
      }),
  );
  console.log(`[timing] hard stop (regex) restart → idle in ${restarted.toFixed(0)} ms`);
  expect(restarted).toBeLessThan(10_000);
  await setCodeCell(page, 1, "print(6 * 7);");
  await runCodeCell(page, 1);
  expect(await codeCellOutput(page, 1)).toBe("42");
  expect(await codeCellOutput(page, 0)).toBe("first output");
});

test("a worker that dies is detected and shown, with a one-click restart; an impossible allocation is a plain error", async ({ page }) => {
  await twoCells(page);
  // Out of memory the way a learner hits it: an array too big to exist is a RangeError, and the kernel lives on.
  await setCodeCell(page, 1, "const huge = new Float32Array(2 ** 33);");
  await runCodeCell(page, 1);
  expect(await codeCellOutput(page, 1)).toContain("RangeError");
  // Now the worker dies for real (as an out-of-memory kill would): it stops answering once the run is over.
  await setCodeCell(page, 1, 'setTimeout(() => close(), 100);\nprint("closing");');
  await runCodeCell(page, 1);
  const died = Date.now();
  await expect(page.getByTestId("kernel-status")).toHaveText("error", { timeout: 20_000 });
  console.log(`[timing] dead worker detected in ${Date.now() - died} ms`);
  await expect(page.getByTestId("kernel-error")).toContainText("KernelDied");
  await expect(page.getByTestId("kernel-error")).toContainText("Press Restart");
  await page.getByTestId("kernel-status-restart").click();
  await expect(page.getByTestId("kernel-status")).toHaveText("idle", { timeout: 60_000 });
  await expect(page.getByTestId("kernel-status-restart")).toHaveCount(0);
  expect(await codeCellOutput(page, 0)).toBe("first output");
  expect(await codeCellOutput(page, 1)).toBe("closing");
  await setCodeCell(page, 1, "print(6 * 7);");
  await runCodeCell(page, 1);
  expect(await codeCellOutput(page, 1)).toBe("42");
});
