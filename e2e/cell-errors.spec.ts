// A syntax error and a runtime error each show a readable message with the cell's line, and the kernel stays usable.
import { expect, test } from "@playwright/test";
import { codeCellOutput, openNotebook, runCodeCell, setCodeCell } from "./helpers";

test("errors name the line in the cell and the kernel keeps working", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");

  await setCodeCell(page, 0, "const a = 1;\nconst b = (2 +;\nprint(a);");
  await runCodeCell(page, 0);
  let out = await codeCellOutput(page, 0);
  expect(out).toContain("SyntaxError");
  expect(out).toMatch(/line 2/i);

  await setCodeCell(page, 0, "const x = torch.zeros(64, 784);\nconst w = torch.zeros(100, 10);\nconst y = x.matmul(w);");
  await runCodeCell(page, 0);
  out = await codeCellOutput(page, 0);
  expect(out).toContain("mat1 and mat2 shapes cannot be multiplied (64x784 and 100x10)");
  expect(out).toMatch(/line 3/i);
  await expect(page.getByTestId("kernel-status")).toHaveText("idle");

  await setCodeCell(page, 0, "const z = torch.ones(2, 3).sum();\nprint('sum is', z.item());");
  await runCodeCell(page, 0);
  out = await codeCellOutput(page, 0);
  expect(out).toContain("sum is 6");
});
