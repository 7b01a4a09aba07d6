// A lost WebGPU device (driver reset, GPU unplugged) while the app runs: the kernel restarts on the next backend, with a clear message.
import { expect, test, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, WEBGPU_ARGS } from "../playwright.config";
import { codeCellOutput, openNotebook, runCodeCell, setCodeCell } from "./helpers";

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS] } });

const codeCells = (page: Page) => page.locator('[data-testid="cell"][data-cell-type="code"]');

test("a lost WebGPU device restarts the kernel on the next backend with a clear message", async ({ page }) => {
  await openNotebook(page, "mnist-softmax", "&backend=webgpu");
  await expect(page.getByTestId("backend-name")).toHaveText("webgpu");
  await setCodeCell(page, 0, 'print("before", torch.ones(3).sum().item());');
  await runCodeCell(page, 0);
  expect(await codeCellOutput(page, 0)).toContain("before 3");
  await setCodeCell(page, 1, "__gradbookLoseDevice();"); // test hook: device.destroy(), as a driver reset would
  await codeCells(page).nth(1).getByTestId("cell-run").click();
  await expect(page.getByTestId("kernel-error")).toContainText("DeviceLost", { timeout: 30_000 });
  await expect(page.getByTestId("kernel-error")).toContainText("restarted on the next backend");
  await expect(page.getByTestId("kernel-status")).toHaveText("idle", { timeout: 60_000 });
  await expect(page.getByTestId("backend-name")).not.toHaveText("webgpu");
  await expect(page.getByTestId("backend-name")).not.toHaveText("");
  expect(await codeCellOutput(page, 0)).toContain("before 3");
  await setCodeCell(page, 1, 'print("after", torch.ones(3).sum().item());');
  await runCodeCell(page, 1);
  expect(await codeCellOutput(page, 1)).toContain("after 3");
});
