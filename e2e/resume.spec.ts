// Resume after reload: a resumable() training reloaded mid-run offers "Resume from epoch k/N", and resuming continues
// the epoch count (not from 1) with the earlier chart points still there.
import { expect, test } from "@playwright/test";
import { codeCellOutput, openNotebook, reloadWhileBusy, runCodeCell, setCodeCell, waitIdle } from "./helpers";

const codeCells = '[data-testid="cell"][data-cell-type="code"]';

// Small synthetic data on wasm: each epoch is a few steps plus a pause, so the reload lands mid-training.
const SETUP =
  "manualSeed(0); const x = torch.randn(64, 4); const y = torch.randint(0, 3, [64]); " +
  "const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 16, shuffle: true }); " +
  "const model = new nn.Linear(4, 3); const optimizer = new optim.Adam(model.parameters(), { lr: 0.05 }); " +
  "const lossFn = new nn.CrossEntropyLoss();";
// One line: Monaco would close a brace opened before a newline.
const TRAIN =
  "for await (const epoch of resumable(10, { model, optimizer })) { " +
  "for (const [a, b] of loader) { optimizer.zeroGrad(); lossFn(model(a), b).backward(); optimizer.step(); } " +
  'print("epoch " + (epoch + 1)); log({ done: epoch + 1 }, { axis: "epoch", step: epoch + 1 }); ' +
  "await new Promise((r) => setTimeout(r, 1500)); }";

test.beforeEach(({ page }) => {
  // A busy kernel asks before the page unloads; the reload here is deliberate.
  page.on("dialog", (d) => void d.accept());
});

test("resume after reload continues the epoch count, with the earlier chart points", async ({ page }) => {
  await openNotebook(page, "mnist-softmax", "&backend=wasm");
  await setCodeCell(page, 0, SETUP);
  await runCodeCell(page, 0);
  await setCodeCell(page, 1, TRAIN);
  await page.locator(codeCells).nth(1).getByTestId("cell-run").click();
  // "epoch 4" shows only after the checkpoint of epoch 3 was written; autosave then keeps the outputs.
  await expect.poll(() => codeCellOutput(page, 1), { timeout: 60_000 }).toContain("epoch 4");
  await reloadWhileBusy(page);
  const train = page.locator(codeCells).nth(1);
  expect(await codeCellOutput(page, 1)).toContain("epoch 4");
  const offer = train.getByTestId("resume-training");
  await expect(offer).toBeVisible();
  const [, next, total] = /(\d+)\/(\d+)/.exec(await offer.innerText()) ?? [];
  expect(Number(total)).toBe(10);
  expect(Number(next)).toBeGreaterThanOrEqual(4);
  expect(Number(next)).toBeLessThanOrEqual(10);

  await offer.click();
  await expect(page.getByTestId("kernel-status")).toHaveText("busy");
  await waitIdle(page);
  const out = await codeCellOutput(page, 1);
  expect(out).toContain(`continuing at epoch ${next}/10`);
  expect(out).toMatch(new RegExp(`^epoch ${next}$`, "m"));
  expect(out).toMatch(/^epoch 10$/m);
  expect(out).not.toMatch(/^epoch 1$/m); // the count went on, it did not start again
  // The chart has the earlier epochs' points (saved with the checkpoint) and the new ones: 10 epochs, 4 steps each.
  // The epoch chart holds two series of 10: the logged "done" and the automatic per-epoch mean loss.
  await expect(train.getByTestId("chart-epoch").locator('[data-series="done"]')).toHaveAttribute("data-values", "1,2,3,4,5,6,7,8,9,10");
  await expect(train.getByTestId("chart-epoch")).toHaveAttribute("data-points", "20");
  await expect(train.getByTestId("chart-loss")).toHaveAttribute("data-points", "40");
  // Finished: nothing left to resume.
  await expect(train.getByTestId("resume-offer")).toHaveCount(0);
});
