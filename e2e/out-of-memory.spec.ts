// Out of memory in the browser: the cell's error says what the kernel holds, the banner says it, the kernel goes on.
// The failure is the one tfjs wasm throws when its memory cannot grow (RuntimeError "Aborted()"), raised by the cell:
// a real exhaustion takes minutes and, on the JS-memory backends, grows the tab to the machine's RAM (5.2 GB here
// after 5 minutes, never refused), which a shared CI machine cannot afford. The real wasm abort is covered in Node
// (src/kernel/worker/kernel.test.ts with fakes; tfjs wasm measured: 6144 MB in 98 tensors, then a restart).
import { expect, test } from "@playwright/test";
import { codeCellOutput, keepCodeCells, openNotebook, runCodeCell, setCodeCell } from "./helpers";

test("an allocation failure in a cell is a clear out-of-memory error naming what is held; the kernel goes on", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await keepCodeCells(page, 2);
  await setCodeCell(page, 0, "const big = torch.ones([1024, 1024]);\nprint(\"kept output\");");
  await runCodeCell(page, 0);
  await setCodeCell(page, 1, 'torch.ones([8]).keep();\nthrow Object.assign(new Error("Aborted()"), { name: "RuntimeError" });');
  await runCodeCell(page, 1);

  const out = await codeCellOutput(page, 1);
  expect(out).toMatch(/OutOfMemoryError: out of memory: the kernel holds \d+ MB in \d+ tensors \(largest: big 4 MB \[1024, 1024\].*\); free tensors .* or restart/);
  expect(out).toContain("from the backend: RuntimeError: Aborted()");
  expect(out).toContain("The kernel is still usable");
  await expect(page.getByTestId("kernel-error")).toContainText("out of memory: the kernel holds");

  // The backend still computes, so nothing restarted: the variables are there.
  await setCodeCell(page, 1, "print(big.sum().item());");
  await runCodeCell(page, 1);
  expect(await codeCellOutput(page, 1)).toBe("1048576");
  expect(await codeCellOutput(page, 0)).toBe("kept output");
});
