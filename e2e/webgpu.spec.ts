// The WebGPU path (SwiftShader in CI): a few training steps on ?backend=webgpu and the loss goes down.
import { expect, test } from "@playwright/test";
import { CHROMIUM_ARGS, WEBGPU_ARGS } from "../playwright.config";
import { codeCellOutput, openNotebook, seriesValues, setCodeCell, waitIdle } from "./helpers";

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS] } });

test("softmax regression trains on WebGPU", async ({ page }) => {
  await openNotebook(page, "mnist-softmax", "&backend=webgpu");
  await expect(page.getByTestId("backend-name")).toHaveText("webgpu");
  // A small run: 40 steps of batch 64, each logged.
  await setCodeCell(page, 0, "const epochs = 1;\nconst batchSize = 64;\nconst learningRate = 0.1;\nconst trainLimit = 2560;");
  const started = Date.now();
  await page.getByTestId("run-all").click();
  await expect(page.getByTestId("kernel-status")).toHaveText("busy");
  await waitIdle(page);
  console.log(`[timing] webgpu small run: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const loss = await seriesValues(page, "loss");
  expect(loss.length).toBeGreaterThanOrEqual(10);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  expect(mean(loss.slice(-5))).toBeLessThan(mean(loss.slice(0, 5)));
  const out = await codeCellOutput(page, 4); // the raw-pixel training cell
  expect(out).toMatch(/Accuracy: \d+\/10000/);
});
