// Interrupt during real MNIST training: it stops within 2 s, the kernel keeps its state, and the next cell evaluates the partly trained model.
import { expect, test, type Page } from "@playwright/test";
import { codeCellOutput, interruptUntilIdle, keepCodeCells, openNotebook, runCodeCell, setCodeCell } from "./helpers";

const codeCells = (page: Page) => page.locator('[data-testid="cell"][data-cell-type="code"]');

const SETUP = `manualSeed(0);
const trainSet = await datasets.MNIST("./mnist_data/", { train: true, transform: transforms.ToTensor(), limit: 6400 });
const testSet = await datasets.MNIST("./mnist_data/", { train: false, transform: transforms.ToTensor(), limit: 2000 });
const loader = new DataLoader(trainSet, { batchSize: 64, shuffle: true });
const net = new nn.Linear(784, 10);
const opt = new optim.SGD(net.parameters(), { lr: 0.1 });
const lossFn = new nn.CrossEntropyLoss();`;

// Far more epochs than the test waits for: only Interrupt ends this cell. (One line: typing into Monaco re-indents.)
const TRAIN =
  "for (let epoch = 0; epoch < 1000; epoch++) for (const [x, y] of loader) { opt.zeroGrad(); lossFn(net(x.view(-1, 784)), y).backward(); opt.step(); }";

const EVALUATE = `const [xs, ys] = testSet.getBatch(Int32Array.from({ length: 2000 }, (_, i) => i));
const acc = noGrad(() => net(xs.view(-1, 784)).argmax(1).eq(ys).float().mean().item());
print(\`accuracy above 50%: \${acc > 0.5}\`);`;

test("Interrupt stops training at the next batch and keeps the model for the next cell", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await keepCodeCells(page, 2);
  await setCodeCell(page, 0, SETUP);
  await runCodeCell(page, 0);
  await setCodeCell(page, 1, TRAIN);
  const training = codeCells(page).nth(1);
  await training.getByTestId("cell-run").click();
  await expect(training).toHaveAttribute("data-run-state", "running");
  await expect.poll(async () => Number(await page.getByTestId("chart-loss").getAttribute("data-points")), { timeout: 60_000 }).toBeGreaterThan(30);
  await expect(training.getByTestId("execution-count")).toHaveText("[*]");

  // Timed in the page: from the click's event to the status bar saying idle.
  const ms = await interruptUntilIdle(page);
  console.log(`[timing] interrupt → idle in ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(2_000);
  const out = await codeCellOutput(page, 1);
  expect(out).toContain("KeyboardInterrupt");
  expect(out).not.toContain("KernelRestarted");
  await expect(training.getByTestId("execution-count")).toHaveText("[2]");
  await expect(training.getByTestId("cell-elapsed")).toHaveText(/\d/);

  // The kernel kept its variables: a new cell below evaluates the model trained so far.
  await training.getByTestId("execution-count").click();
  await page.getByTestId("add-cell-below").click();
  await expect(codeCells(page)).toHaveCount(3);
  await setCodeCell(page, 2, EVALUATE);
  await page.keyboard.press("Control+Enter");
  // Wait for the cell's own output: the status bar can still read idle in the moment before the run starts.
  await expect.poll(() => codeCellOutput(page, 2), { timeout: 60_000 }).toBe("accuracy above 50%: true");
});
