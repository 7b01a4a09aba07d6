// The training charts read right while a cell trains: the per-epoch chart has a loss axis and an accuracy % axis and
// grows during the run, the lr chart is a line mid-run, epoch ticks are whole numbers, the running (and an
// interrupted) epoch is marked partial, and in Korean the legend and axis titles are Korean. Screenshots of the
// training view at 1280×800 go to docs/screenshots/ (GRADBOOK_SCREENSHOTS=1).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { interruptUntilIdle, keepCodeCells, openNotebook, runCodeCell, setCodeCell } from "./helpers";

test.use({ viewport: { width: 1280, height: 800 } });

const shot = async (page: Page, view: Locator, name: string) => {
  if (process.env.GRADBOOK_SCREENSHOTS !== "1") return;
  await view.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
};

const codeCells = (page: Page) => page.locator('[data-testid="cell"][data-cell-type="code"]');
const valuesOf = async (series: Locator) => ((await series.getAttribute("data-values")) ?? "").split(",").filter(Boolean).length;

// The MLP tutorial's settings cell, small: 100 batches an epoch, far more epochs than the test waits for.
const MLP_SETTINGS = "const epochs = 30; const batchSize = 64; const learningRate = 0.03; const trainLimit = 6400; const testLimit = 500; const depthTrainLimit = 640;";

test("MLP tutorial: mid-training the per-epoch chart has loss and accuracy axes and grows, lr is a line, epochs are whole numbers", async ({ page }) => {
  await openNotebook(page, "mnist-mlp", "&backend=wasm");
  await setCodeCell(page, 0, MLP_SETTINGS);
  for (const n of [0, 1, 2]) await runCodeCell(page, n);
  const training = codeCells(page).nth(4);
  await training.getByTestId("cell-run").click();
  await expect(training).toHaveAttribute("data-run-state", "running");

  const epoch = training.getByTestId("chart-epoch");
  const epochLoss = epoch.locator('[data-series="loss (epoch mean)"]');
  const accuracy = epoch.locator('[data-series="test accuracy"]');
  // Epoch 1's mean, epoch 2 under way, and epoch 1's test accuracy: all while the cell runs.
  await expect.poll(() => valuesOf(epochLoss), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(() => valuesOf(accuracy), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await expect(epoch.locator(".recharts-yAxis")).toHaveCount(2);
  await expect(epochLoss).toHaveAttribute("data-axis", "left");
  await expect(accuracy).toHaveAttribute("data-axis", "right");
  // The loss is drawn as a line (two points or more), against its own axis whose ticks are not 0–100.
  await expect(epoch.locator(".recharts-line-curve").first()).toHaveAttribute("d", /L/);
  const leftTicks = (await epoch.locator('text.gb-plot-text[data-axis="left"]').allTextContents()).map(Number);
  expect(Math.max(...leftTicks)).toBeLessThan(20);
  const rightTicks = (await epoch.locator('text.gb-plot-text[data-axis="right"]').allTextContents()).map(Number);
  expect(Math.max(...rightTicks)).toBeLessThanOrEqual(100);
  expect(Math.max(...rightTicks)).toBeGreaterThan(20);
  // Whole-number epoch ticks, and the axis titles sit in the axes' boxes, outside the plot area.
  const xTicks = await epoch.locator('text.gb-plot-text[data-axis="x"]').allTextContents();
  expect(xTicks.length).toBeGreaterThan(0);
  for (const t of xTicks) expect(t).toMatch(/^\d+$/);
  await expect(epoch.locator('.gb-plot-label[data-axis="x"]')).toHaveText("epoch");
  await expect(epoch.locator('.gb-plot-label[data-axis="left"]')).toHaveText("loss");
  await expect(epoch.locator('.gb-plot-label[data-axis="right"]')).toHaveText("accuracy %");
  // No axis title overlaps a drawn curve.
  const overlaps = await epoch.evaluate((fig) => {
    const boxes = (sel: string) => [...fig.querySelectorAll(sel)].map((e) => e.getBoundingClientRect());
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const curves = boxes(".recharts-line-curve");
    return curves.length === 0 ? -1 : boxes(".gb-plot-label").filter((l) => curves.some((c) => hit(l, c))).length;
  });
  expect(overlaps).toBe(0);
  // The running epoch is partial: a hollow dot and "(partial)" in the legend.
  await expect(epochLoss).toHaveAttribute("data-partial", "true");
  await expect(epochLoss).toContainText("(partial)");
  await expect(epoch.locator(".gb-dot-partial")).toHaveCount(1);
  // Hovering the running epoch (the right end) reads its values, marked partial.
  const area = epoch.locator(".gb-plot-area");
  const size = (await area.boundingBox())!;
  await area.hover({ position: { x: size.width - 70, y: size.height / 2 } });
  await expect(epoch.locator(".gb-plot-tooltip")).toContainText("(partial)");
  await page.mouse.move(0, 0);
  // The lr chart is a line while the run goes on, not a dot until the end.
  const lr = training.getByTestId("chart-lr");
  await expect.poll(() => valuesOf(lr.locator('[data-series="lr"]')), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await expect(lr.locator(".recharts-line-curve").first()).toHaveAttribute("d", /[HLV]/);
  // No stale series: the printed "Accuracy: … (92.11%)" line is not charted beside the logged "test accuracy".
  await expect(epoch.locator("[data-series]")).toHaveCount(2);
  // All of the above was seen before the cell ended.
  await expect(training).toHaveAttribute("data-run-state", "running");
  await shot(page, epoch, "en-training-charts-1280");
  await interruptUntilIdle(page);
});

// Synthetic data on wasm, one line (typing into Monaco re-indents): a tiny MLP, an accuracy printed each epoch
// (read into the chart as "test accuracy"), and only Interrupt ends the cell.
const SETUP = `manualSeed(0);
const x = torch.randn([640, 8]);
const y = x.sum(1, true).mul(0.5);
const trainLoader = new DataLoader(new TensorDataset(x, y), { batchSize: 16, shuffle: true });
const model = new nn.Sequential(new nn.Linear(8, 16), new nn.ReLU(), new nn.Linear(16, 1));
const opt = new optim.SGD(model.parameters(), { lr: 0.05 });`;
const TRAIN =
  "for (let epoch = 1; epoch <= 100000; epoch++) { for (const [xb, yb] of trainLoader) { opt.zeroGrad(); F.mseLoss(model(xb), yb).backward(); opt.step(); " +
  "await new Promise((r) => setTimeout(r, 5)); } print(`epoch ${epoch}: test accuracy ${(50 + epoch).toFixed(1)}%`); }";

test("in Korean the legend and axis titles are Korean; after an interrupt the last epoch is marked partial", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("gradbook.lang", "ko"));
  await openNotebook(page, "mnist-softmax", "&backend=wasm");
  await keepCodeCells(page, 2);
  await setCodeCell(page, 0, SETUP);
  await runCodeCell(page, 0);
  await setCodeCell(page, 1, TRAIN);
  const training = codeCells(page).nth(1);
  await training.getByTestId("cell-run").click();
  await expect(training).toHaveAttribute("data-run-state", "running");

  const epoch = training.getByTestId("chart-epoch");
  const epochLoss = epoch.locator('[data-series="loss (epoch mean)"]');
  const accuracy = epoch.locator('[data-series="test accuracy"]');
  await expect.poll(() => valuesOf(accuracy), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await expect(epochLoss).toContainText("손실 (에포크 평균)");
  await expect(accuracy).toContainText("테스트 정확도");
  await expect(epoch.locator('.gb-plot-label[data-axis="x"]')).toHaveText("에포크");
  await expect(epoch.locator('.gb-plot-label[data-axis="left"]')).toHaveText("손실");
  await expect(epoch.locator('.gb-plot-label[data-axis="right"]')).toHaveText("정확도 %");
  await expect(training.getByTestId("chart-loss").locator('[data-series="loss"]')).toContainText("손실");
  await expect(training.getByTestId("chart-lr").locator('.gb-plot-label[data-axis="left"]')).toHaveText("학습률");
  await expect(training.getByTestId("chart-lr").locator('[data-series="lr"]')).toContainText("학습률");

  // Interrupt mid-epoch (a few batches into a pass of 40): the cut-short epoch's mean stays on the chart, marked
  // partial (hollow dot, "(미완료)").
  const index = () => training.getByTestId("loop-progress").getAttribute("data-index").then(Number);
  await expect.poll(async () => (await index()) >= 5 && (await index()) <= 30, { timeout: 30_000 }).toBe(true);
  await interruptUntilIdle(page);
  await expect(training.getByTestId("loop-progress")).toHaveAttribute("data-state", "interrupted");
  expect(await valuesOf(epochLoss)).toBeGreaterThanOrEqual(3);
  await expect(epochLoss).toHaveAttribute("data-partial", "true");
  await expect(epochLoss).toContainText("(미완료)");
  await expect(epoch.locator(".gb-dot-partial")).toHaveCount(1);
  // Every earlier epoch is a full one: one partial point only, the last (full points are filled dots).
  const fullDots = async () => (await epoch.locator(".gb-dot").count()) - ((await valuesOf(epochLoss)) - 1 + (await valuesOf(accuracy)));
  await expect.poll(fullDots, { timeout: 10_000 }).toBe(0);
  await shot(page, epoch, "ko-training-charts-interrupted-1280");
});
