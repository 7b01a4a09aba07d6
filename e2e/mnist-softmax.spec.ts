// The walking skeleton end to end: Run all on the softmax tutorial trains on real MNIST, charts the loss, exports weights.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { readSafetensors } from "../src/io/safetensors";
import { CHROMIUM_ARGS, WEBGPU_ARGS } from "../playwright.config";
import { openNotebook, seriesValues, waitIdle } from "./helpers";

const webgpu = process.env.GRADBOOK_E2E_BACKEND === "webgpu";
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: webgpu ? [...CHROMIUM_ARGS, ...WEBGPU_ARGS] : CHROMIUM_ARGS } });

test("Run all trains softmax regression to >= 89.5% and exports PyTorch-shaped weights", async ({ page }) => {
  // GRADBOOK_E2E_BACKEND=webgl|cpu|… times the same run on another backend (default: auto).
  const forced = process.env.GRADBOOK_E2E_BACKEND;
  await openNotebook(page, "mnist-softmax", forced ? `&backend=${forced}` : "");
  const backend = (await page.getByTestId("backend-name").innerText()).trim();
  expect(["fastcpu", "wasm", "webgpu", "webgl", "cpu"]).toContain(backend);
  if (backend === "fastcpu") {
    // The app is cross-origin isolated, so fastcpu's thread pool starts on a machine with more than one core.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const note = (await page.getByTestId("backend-name").getAttribute("title")) ?? "";
    console.log(`[backend] ${note}`);
    expect(note).toMatch(cores > 1 ? new RegExp(`${Math.min(cores, 4)} threads`) : /one thread: this machine reports one logical core/);
  }

  const started = Date.now();
  await page.getByTestId("run-all").click();
  await expect(page.getByTestId("kernel-status")).toHaveText("busy");
  // The chart streams while training runs, before the run ends.
  await expect.poll(async () => Number(await page.getByTestId("chart-loss").first().getAttribute("data-points")), { timeout: 120_000 }).toBeGreaterThan(5);
  await expect(page.getByTestId("kernel-status")).toHaveText("busy");
  await waitIdle(page);
  console.log(`[timing] mnist-softmax Run all on ${backend}: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const text = (await page.getByTestId("cell-output").allInnerTexts()).join("\n");
  expect(text).not.toMatch(/Error/);
  const matches = [...text.matchAll(/Accuracy: (\d+)\/10000 \(([\d.]+)%\)/g)];
  expect(matches.length).toBe(2); // one per model: raw pixels, then normalised (the last, ~92%)
  const finalAcc = Number(matches[matches.length - 1][2]);
  console.log(`[accuracy] ${finalAcc}% on ${backend}`);
  expect(finalAcc).toBeGreaterThanOrEqual(89.5);

  const points = Number(await page.getByTestId("chart-loss").first().getAttribute("data-points"));
  expect(points).toBeGreaterThanOrEqual(10);
  const loss = await seriesValues(page, "loss");
  expect(loss.length).toBeGreaterThanOrEqual(10);
  const k = Math.max(3, Math.floor(loss.length / 10));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  expect(mean(loss.slice(-k))).toBeLessThan(mean(loss.slice(0, k)) * 0.6);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-weights").click()]);
  expect(download.suggestedFilename()).toMatch(/\.safetensors$/);
  const bytes = new Uint8Array(await readFile((await download.path())!));
  const file = readSafetensors(bytes);
  expect([...file.tensors.keys()].sort()).toEqual(["linear.bias", "linear.weight"]);
  expect(file.tensors.get("linear.weight")!.shape).toEqual([10, 784]);
  expect(file.tensors.get("linear.weight")!.dtype).toBe("F32");
  expect(file.tensors.get("linear.bias")!.shape).toEqual([10]);
  expect(file.tensors.get("linear.bias")!.dtype).toBe("F32");
  const w = file.tensors.get("linear.weight")!.data as Float32Array;
  expect(w.some((v) => v !== 0) && w.every(Number.isFinite)).toBe(true);
});
