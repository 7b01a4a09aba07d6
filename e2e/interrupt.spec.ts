// Interrupt during real MNIST training: it stops within 2 s, the kernel keeps its state, and the next cell evaluates the partly trained model.
import { expect, test } from "@playwright/test";
import { codeCellOutput, openNotebook, setCodeCell, waitIdle } from "./helpers";

test("Interrupt stops training at the next batch and keeps the model for the next cell", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  // Enough batches that training is still going when we press Interrupt; few images, so the data loads fast.
  await setCodeCell(page, 0, "const epochs = 50;\nconst batchSize = 64;\nconst learningRate = 0.1;\nconst trainLimit = 6400;");
  await page.getByTestId("run-all").click();
  const points = page.getByTestId("chart-loss");
  await expect.poll(async () => Number(await points.getAttribute("data-points")), { timeout: 120_000 }).toBeGreaterThan(30);
  const training = page.locator('[data-testid="cell"][data-cell-type="code"]').nth(4);
  await expect(training).toHaveAttribute("data-run-state", "running");

  // Timed in the page: from the click's event to the status bar saying idle.
  const stopped = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const status = document.querySelector('[data-testid="kernel-status"]')!;
        const button = document.querySelector('[data-testid="interrupt"]')!;
        button.addEventListener("click", () => {
          const clicked = performance.now();
          new MutationObserver(() => status.textContent === "idle" && resolve(performance.now() - clicked)).observe(status, {
            childList: true,
            characterData: true,
            subtree: true,
          });
        });
      }),
  );
  await page.getByTestId("interrupt").click();
  const ms = await stopped;
  console.log(`[timing] interrupt → idle in ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(2_000);
  const out = await codeCellOutput(page, 4);
  expect(out).toContain("KeyboardInterrupt");
  expect(out).not.toContain("KernelRestarted");
  await expect(training.getByTestId("execution-count")).toHaveText(/\[\d+\]/);
  await expect(training.getByTestId("cell-elapsed")).toBeVisible();

  // The kernel kept its variables: a new cell below evaluates the model trained so far.
  await training.getByTestId("execution-count").click();
  await page.getByTestId("add-cell-below").click();
  await setCodeCell(page, 5, "const acc = test();\nprint(`partly trained: ${acc > 50}`);");
  await page.keyboard.press("Control+Enter");
  await waitIdle(page, 60_000);
  const evaluated = await codeCellOutput(page, 5);
  expect(evaluated).toMatch(/Accuracy: \d+\/10000/);
  expect(evaluated).toContain("partly trained: true");
});
