// The draw pad: after a quick softmax training, a real MNIST test digit redrawn stroke by stroke is classified live.
import { expect, test } from "@playwright/test";
import { codeCellOutput, openNotebook, setCodeCell, waitIdle } from "./helpers";
import { waitSaved } from "./library-helpers";

const codeCells = '[data-testid="cell"][data-cell-type="code"]';

test.beforeEach(({ page }) => {
  page.on("dialog", (d) => void d.accept());
});

test("a test digit drawn on the pad is predicted as its label; restart and reload retire the pad", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await setCodeCell(page, 0, "const epochs = 1;\nconst batchSize = 64;\nconst learningRate = 0.03;\nconst trainLimit = 6000;");
  // The last cell: pick a "0" the model gets right with confidence, print its raw pixels, and show the pad.
  const last = (await page.locator(codeCells).count()) - 1;
  await setCodeCell(
    page,
    last,
    [
      "model.eval();",
      "let picked = -1;",
      "for (let i = 0; i < 500 && picked < 0; i++) { const [x, y] = testNorm.get(i); const p = noGrad(() => F.softmax(model(x.view(1, 1, 28, 28)), 1)); if (y === 0 && p.argmax().item() === 0 && p.max().item() > 0.9) picked = i; }",
      'print("PICK " + JSON.stringify({ index: picked, label: testRaw.get(picked)[1], pixels: testRaw.get(picked)[0].view(784).tolist() }));',
      "drawPad(model, { transform: normTransform });",
    ].join("\n"),
  );
  await page.getByTestId("run-all").click();
  await expect(page.getByTestId("kernel-status")).toHaveText("busy");
  await waitIdle(page);

  const out = await codeCellOutput(page, last);
  const pick = JSON.parse(/PICK (\{.*\})/.exec(out)![1]) as { index: number; label: number; pixels: number[] };
  expect(pick.index).toBeGreaterThanOrEqual(0);

  const pad = page.locator(codeCells).nth(last).getByTestId("drawpad");
  await expect(pad).toHaveAttribute("data-status", "ready");
  const canvas = pad.getByTestId("drawpad-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const s = box.width / 28;
  // Each inked pixel becomes a short stroke at its place on the 280×280 canvas.
  for (let i = 0; i < 784; i++) {
    if (pick.pixels[i] <= 0.5) continue;
    const x = box.x + ((i % 28) + 0.5) * s;
    const y = box.y + (Math.floor(i / 28) + 0.5) * s;
    await page.mouse.move(x - s / 3, y);
    await page.mouse.down();
    await page.mouse.move(x + s / 3, y, { steps: 2 });
    await page.mouse.up();
  }
  const guess = pad.getByTestId("drawpad-guess");
  await expect(guess).toHaveAttribute("data-class", String(pick.label));
  console.log(`[draw pad] test image ${pick.index} (label ${pick.label}): ${await guess.innerText()}`);

  await pad.getByTestId("drawpad-clear").click();
  await expect(guess).toHaveCount(0);

  // A restart retires the pad at once; after a reload the saved pad asks for a re-run too.
  await page.getByTestId("restart").click();
  await page.getByTestId("restart-confirm").click();
  await expect(pad).toHaveAttribute("data-status", "gone");
  await expect(pad.getByTestId("drawpad-status")).toContainText(/re-run|다시 실행/);
  await waitSaved(page);
  await page.reload();
  await waitIdle(page, 120_000);
  const saved = page.locator(codeCells).nth(last).getByTestId("drawpad");
  await expect(saved).toHaveAttribute("data-status", "gone");
});
