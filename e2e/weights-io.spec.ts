// The toolbar's Export control downloads each format; Import loads a .safetensors back into the model in scope.
import { readFileSync } from "node:fs";
import { expect, test, type Download, type Page } from "@playwright/test";
import { openNotebook, runCodeCell, setCodeCell } from "./helpers";

async function exportAs(page: Page, format: string, files: number): Promise<string[]> {
  await page.getByTestId("export-format").selectOption(format);
  const downloads: string[] = [];
  const onDownload = (d: Download) => downloads.push(d.suggestedFilename());
  page.on("download", onDownload);
  await page.getByTestId("export-weights").click();
  await expect.poll(() => downloads.length).toBe(files);
  page.off("download", onDownload);
  return downloads;
}

test("Export downloads every format; Import loads weights into the model", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await setCodeCell(
    page,
    0,
    [
      "manualSeed(0);",
      "const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(4, 2));",
      "const fc = model.at(1) as nn.Linear;",
      "const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });",
    ].join("\n"),
  );
  await runCodeCell(page, 0);

  expect(await exportAs(page, "safetensors", 1)).toEqual(["model.safetensors"]);
  expect((await exportAs(page, "pytorch", 2)).sort()).toEqual(["model.py", "model.safetensors"]);
  expect((await exportAs(page, "tfjs", 2)).sort()).toEqual(["model.json", "model.weights.bin"]);
  expect(await exportAs(page, "checkpoint", 1)).toEqual(["model.checkpoint.safetensors"]);
  await expect(page.getByTestId("weights-status")).toContainText("model.checkpoint.safetensors");

  // Import the exported weights into a model whose weights were zeroed: they come back.
  await page.getByTestId("export-format").selectOption("safetensors");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-weights").click()]);
  const bytes = readFileSync((await download.path())!);
  await setCodeCell(page, 0, "const before = fc.weight.sum().item();\nnoGrad(() => fc.weight.zero_());\nprint(fc.weight.sum().item());");
  await runCodeCell(page, 0);
  await page.getByTestId("import-weights-file").setInputFiles({ name: "w.safetensors", mimeType: "application/octet-stream", buffer: bytes });
  await expect(page.getByTestId("weights-status")).toHaveText("Loaded 2 tensors from w.safetensors into Sequential.");
  await setCodeCell(page, 0, 'print(fc.weight.sum().item() === before, loadWeights(new nn.Sequential(new nn.Flatten(), new nn.Linear(4, 2)), "w.safetensors"));');
  await runCodeCell(page, 0);
  const cell = page.locator('[data-testid="cell"][data-cell-type="code"]').nth(0);
  await expect(cell).toContainText("true Loaded 2 tensors from w.safetensors into Sequential.");
});
