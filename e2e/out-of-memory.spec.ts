// Running out of tensor memory in the browser: a clear error with what is held, the banner says it, and the kernel
// works again (restarting itself when wasm aborted) with the notebook kept.
import { expect, test } from "@playwright/test";
import { codeCellOutput, keepCodeCells, openNotebook, runCodeCell, setCodeCell } from "./helpers";

for (const backend of ["wasm", "fastcpu"] as const) {
  test(`torch.ones([4096, 4096]).keep() in a loop on ${backend}: out of memory, said clearly, kernel usable again`, async ({ page }) => {
    test.setTimeout(6 * 60_000);
    await openNotebook(page, "mnist-softmax", `&backend=${backend}`);
    await keepCodeCells(page, 2);
    await setCodeCell(page, 0, 'print("kept output");');
    await runCodeCell(page, 0);
    await setCodeCell(page, 1, "let n = 0;\nwhile (true) {\n  torch.ones([4096, 4096]).keep();\n  n += 1;\n}");
    const started = Date.now();
    await runCodeCell(page, 1);
    console.log(`[oom] ${backend}: the loop ran out of memory after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const out = await codeCellOutput(page, 1);
    console.log(`[oom] ${backend}: ${out.split("\n")[0]}`);
    expect(out).toMatch(/OutOfMemoryError: out of memory: the kernel holds \d+ MB in \d+ tensors \(largest: .*\); free tensors .* or restart/);
    expect(out).not.toMatch(/^RuntimeError: Aborted\(\)/m);
    await expect(page.getByTestId("kernel-error")).toContainText("out of memory: the kernel holds");

    // The kernel is usable again: the next cell runs (on a fresh kernel if the backend could not recover).
    await setCodeCell(page, 1, "print(torch.ones([2, 2]).sum().item());");
    await runCodeCell(page, 1);
    expect(await codeCellOutput(page, 1)).toBe("4");
    expect(await codeCellOutput(page, 0)).toBe("kept output");
  });
}
