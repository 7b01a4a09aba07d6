// The live training view: progress bar and loss chart move during training; runs go to history, overlay when ticked, survive reload.
import { expect, test, type Page } from "@playwright/test";
import { openNotebook, runCodeCell, setCodeCell, waitIdle } from "./helpers";
import { waitSaved } from "./library-helpers";

const codeCells = (page: Page) => page.locator('[data-testid="cell"][data-cell-type="code"]');

// Synthetic data keeps this cheap: 2000 samples of 8 features, a tiny MLP, wasm.
const SETUP = `manualSeed(0);
const x = torch.randn([2000, 8]);
const y = x.sum(1, true).mul(0.5);
const trainLoader = new DataLoader(new TensorDataset(x, y), { batchSize: 16, shuffle: true });`;

// One line each: typing into Monaco re-indents and closes braces. The sleep makes the run last a few seconds.
const train = (lr: number, pause: number) =>
  `const model = new nn.Sequential(new nn.Linear(8, 16), new nn.ReLU(), new nn.Linear(16, 1)); const opt = new optim.SGD(model.parameters(), { lr: ${lr} }); ` +
  `for (let epoch = 0; epoch < 3; epoch++) { for (const [xb, yb] of trainLoader) { opt.zeroGrad(); const loss = F.mseLoss(model(xb), yb); loss.backward(); opt.step(); if (${pause} > 0) await new Promise((r) => setTimeout(r, ${pause})); } }`;

const number = async (page: Page, testId: string, attr: string) => Number(await page.getByTestId(testId).first().getAttribute(attr));

test.beforeEach(({ page }) => {
  page.on("dialog", (d) => void d.accept());
});

test("progress bar and chart update live; a second run overlays the first when ticked; history survives reload", async ({ page }) => {
  await openNotebook(page, "mnist-softmax", "&backend=wasm");
  while ((await codeCells(page).count()) > 2) {
    await codeCells(page).last().getByTestId("execution-count").click();
    await page.getByTestId("delete-cell").click();
  }
  await setCodeCell(page, 0, SETUP);
  await runCodeCell(page, 0);

  await setCodeCell(page, 1, train(0.05, 6));
  const training = codeCells(page).nth(1);
  await training.getByTestId("cell-run").click();
  await expect(training).toHaveAttribute("data-run-state", "running");
  // Live: the batch counter and the number of charted losses both grow while the cell runs.
  await expect.poll(() => number(page, "loop-progress", "data-index"), { timeout: 60_000 }).toBeGreaterThan(5);
  const firstIndex = await number(page, "loop-progress", "data-index");
  const firstPoints = await number(page, "chart-loss", "data-points");
  await expect.poll(() => number(page, "chart-loss", "data-points"), { timeout: 30_000 }).toBeGreaterThan(firstPoints);
  await expect
    .poll(async () => (await number(page, "loop-progress", "data-pass")) * 1000 + (await number(page, "loop-progress", "data-index")), { timeout: 30_000 })
    .toBeGreaterThan(1000 + firstIndex);
  await expect(training.getByTestId("loop-progress")).toHaveAttribute("data-state", "running");
  await expect(training.getByTestId("loop-progress")).toContainText("trainLoader");
  await waitIdle(page);

  // The bar finishes; the lr chart and the run history appear.
  await expect(training.getByTestId("loop-progress")).toHaveAttribute("data-state", "done");
  await expect(training.getByTestId("loop-progress")).toHaveAttribute("data-index", "125");
  await expect(training.getByTestId("chart-lr")).toBeVisible();
  // Per epoch, automatically: the mean loss of each of the 3 passes.
  await expect(training.getByTestId("chart-epoch")).toHaveAttribute("data-points", "3");
  await expect(training.getByTestId("chart-epoch").locator('[data-series="loss (epoch mean)"]')).toBeVisible();
  // The charts redraw from a throttled copy: the last points land a moment after the run ends.
  await expect(training.getByTestId("chart-loss")).toHaveAttribute("data-points", "375");
  await expect(training.getByTestId("run-entry")).toHaveCount(1);
  await expect(training.getByTestId("run-label").first()).toContainText("lr 0.05");

  // A second run with another learning rate: two entries, the newest first, with a code diff.
  await setCodeCell(page, 1, train(0.01, 0));
  await runCodeCell(page, 1);
  await expect(training.getByTestId("run-entry")).toHaveCount(2);
  await expect(training.getByTestId("run-label").first()).toContainText("run 2");
  await expect(training.getByTestId("run-label").first()).toContainText("lr 0.01");
  await expect(training.getByTestId("run-diff").first()).toContainText("lr: 0.01");

  // Tick run 1: its loss is drawn over run 2's.
  await expect(training.getByTestId("chart-loss")).toHaveAttribute("data-overlays", "0");
  await training.locator('[data-testid="run-entry"][data-run="1"] [data-testid="run-tick"]').check();
  await expect(training.getByTestId("chart-loss")).toHaveAttribute("data-overlays", "1");
  await expect(training.getByTestId("chart-loss").locator("[data-overlay]")).toContainText("run 1: loss");
  await waitSaved(page);

  await page.reload();
  await waitIdle(page, 120_000);
  const after = codeCells(page).nth(1);
  await expect(after.getByTestId("run-entry")).toHaveCount(2);
  await expect(after.locator('[data-testid="run-entry"][data-run="1"] [data-testid="run-tick"]')).toBeChecked();
  await expect(after.getByTestId("chart-loss")).toHaveAttribute("data-overlays", "1");
});
