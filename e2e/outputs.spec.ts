// Rich outputs from a cell: showImages draws real MNIST digits with labels, plot draws line and scatter charts, table and tensors.
import { expect, test } from "@playwright/test";
import { openNotebook, runCodeCell, setCodeCell } from "./helpers";

test("showImages, plot, table and tensor display render under the cell", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await setCodeCell(
    page,
    0,
    [
      'const digits = await datasets.MNIST("./mnist_data/", { train: false, transform: transforms.ToTensor(), limit: 16 });',
      "const [x, y] = digits.getBatch(Int32Array.from({ length: 16 }, (_, i) => i));",
      "showImages(x, { labels: y });",
      'plot({ x: [1, 2, 3], y: [0.9, 0.5, 0.4], title: "Loss", xLabel: "epoch" });',
      'plot([0, 1, 2], [0, 1, 4], { kind: "scatter" });',
      "table([{ epoch: 1, loss: 0.5 }, { epoch: 2, loss: 0.25 }]);",
      "display(torch.ones(2, 2));",
    ].join("\n"),
  );
  await runCodeCell(page, 0);
  const cell = page.locator('[data-testid="cell"][data-cell-type="code"]').nth(0);
  await expect(cell.getByTestId("cell-error")).toHaveCount(0);

  // 16 digits, 8 per row, 2× scale with a label strip: 8·56 + 9·2 wide, 2·(56 + 16) + 3·2 high.
  const image = cell.getByTestId("output-image");
  await expect(image).toHaveAttribute("alt", "16 images [16, 1, 28, 28], labels: 7 2 1 0 4 1 4 9 5 9 0 6 9 0 1 5");
  const size = await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  expect(size).toEqual([466, 150]);
  // Real ink: a fair share of dark pixels (digits on white).
  const dark = await image.evaluate((img: HTMLImageElement) => {
    const c = document.createElement("canvas");
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] < 64) n++;
    return n / (px.length / 4);
  });
  expect(dark).toBeGreaterThan(0.3);

  const plots = cell.getByTestId("output-plot");
  await expect(plots).toHaveCount(2);
  await expect(plots.nth(0)).toHaveAttribute("data-kind", "line");
  await expect(plots.nth(0)).toContainText("Loss");
  await expect(plots.nth(0).locator(".recharts-line-curve")).toHaveCount(1);
  await expect(plots.nth(1)).toHaveAttribute("data-kind", "scatter");
  await expect(plots.nth(1).locator(".recharts-scatter-symbol")).toHaveCount(3);

  const table = cell.getByTestId("output-html").locator("table");
  await expect(table.locator("th")).toHaveText(["epoch", "loss"]);
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table.locator("tbody tr").nth(1).locator("td")).toHaveText(["2", "0.25"]);

  await expect(cell.getByTestId("cell-output")).toContainText("tensor([[1., 1.],");
});
