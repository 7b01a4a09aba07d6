// Export → PyTorch notebook / script: the dialog says what it could not translate before the download, and the file
// downloaded is the translated program (a python3 .ipynb, or a torchrun-ready .py).
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { openNotebook, setCodeCell } from "./helpers";

test("Export → PyTorch script lists untranslatable lines, then downloads the .py", async ({ page }) => {
  await openNotebook(page, "mnist-cnn");
  await page.getByTestId("toolbar-more").click(); // exports live in the toolbar's ⋯ menu
  await page.getByTestId("export-pytorch-py").click();
  const dialog = page.getByTestId("export-python-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("export-python-ok")).toHaveText("Every code cell was translated.");
  const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByTestId("export-python-download").click()]);
  expect(download.suggestedFilename()).toBe("mnist-cnn.py");
  const text = readFileSync((await download.path())!, "utf8");
  expect(text).toContain("class CNN(nn.Module):");
  expect(text).toContain("DistributedDataParallel");
  expect(text).toContain('parser.add_argument("--epochs"');
  await expect(dialog).toBeHidden();

  // A line with no Python translation is listed before the download, with its cell and line.
  await setCodeCell(page, 0, "const epochs = 2;\nconst pair = (1, 2);");
  await page.getByTestId("toolbar-more").click(); // exports live in the toolbar's ⋯ menu
  await page.getByTestId("export-pytorch-ipynb").click();
  await expect(dialog.getByTestId("export-python-problems")).toContainText("line 2: const pair = (1, 2); — the comma operator");
  const [nb] = await Promise.all([page.waitForEvent("download"), dialog.getByTestId("export-python-download").click()]);
  expect(nb.suggestedFilename()).toBe("mnist-cnn.pytorch.ipynb");
  const doc = JSON.parse(readFileSync((await nb.path())!, "utf8"));
  expect(doc.metadata.kernelspec.name).toBe("python3");
  expect(JSON.stringify(doc.cells)).toContain("NotImplementedError");
});
