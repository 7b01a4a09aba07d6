// Load: a 200-cell notebook opens, scrolls and runs all without a main-thread task over 200 ms (Long Tasks API).
import { expect, test } from "@playwright/test";
import { openNotebook, waitIdle } from "./helpers";
import { openNotebookId, uploadFile } from "./library-helpers";

/** 100 Markdown + 100 code cells, each code cell a few lines with one printed line. */
function bigNotebook(): Buffer {
  const cells = Array.from({ length: 200 }, (_, i) =>
    i % 2 === 0
      ? { id: `md-${i}`, cell_type: "markdown", metadata: {}, source: `## Step ${i / 2}\n\nSome *text* about step ${i / 2}, with \`code\` and a [link](#x).` }
      : {
          id: `code-${i}`,
          cell_type: "code",
          metadata: {},
          execution_count: null,
          outputs: [],
          source: `// cell ${i}\nconst x${i} = torch.arange(6).reshape(2, 3);\nconst s${i} = x${i}.sum().item();\nprint("cell ${i}", s${i});`,
        },
  );
  const nb = { nbformat: 4, nbformat_minor: 5, metadata: { language_info: { name: "typescript" } }, cells };
  return Buffer.from(JSON.stringify(nb));
}

test("a 200-cell notebook opens, scrolls and runs all with no main-thread task over 200 ms", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  // Watch from here on: the app is up; what is measured is opening, scrolling and running the big notebook.
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => w.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: "longtask" });
  });
  const phase = async (name: string) => {
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
    console.log(`[timing] load ${name}: ${tasks.length} long tasks, longest ${Math.round(Math.max(0, ...tasks))} ms`);
    return tasks;
  };

  const started = Date.now();
  await uploadFile(page, { name: "big.ipynb", mimeType: "application/x-ipynb+json", buffer: bigNotebook() });
  await expect.poll(() => openNotebookId(page)).toMatch(/^nb-/);
  const cells = page.locator('[data-testid="cell"]');
  await expect(cells).toHaveCount(200);
  await expect(cells.first()).toBeVisible();
  console.log(`[timing] load open: ${Date.now() - started} ms to 200 cells on screen`);
  // Editors mount a few at a time in the background (src/ui/features/editor/mount-queue.ts), visible ones first.
  await expect(page.locator('[data-testid="cell-editor"][data-mounted="true"]')).toHaveCount(100, { timeout: 60_000 });
  console.log(`[timing] load open: ${Date.now() - started} ms to all 100 editors mounted`);
  const open = await phase("open");

  // Scroll to the bottom with the mouse wheel, as a reader would, then back to the top.
  await cells.first().hover();
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, 1200);
    await page.waitForTimeout(50);
  }
  await expect(cells.last()).toBeInViewport();
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, -1200);
    await page.waitForTimeout(20);
  }
  const scroll = await phase("scroll");

  const runStarted = Date.now();
  await page.getByTestId("run-all").click();
  await expect(page.locator('[data-testid="cell"][data-cell-type="code"]').last().getByTestId("cell-output")).toHaveText("cell 199 15", { timeout: 120_000 });
  await waitIdle(page, 60_000);
  console.log(`[timing] load run all: ${Date.now() - runStarted} ms for 100 code cells`);
  const run = await phase("run all");

  // The bound. On a machine shared by many busy processes every task stretches; set
  // GRADBOOK_LONG_TASK_MS to measure there without failing, and take the figure on a quiet machine.
  expect(Math.max(0, ...open, ...scroll, ...run)).toBeLessThan(Number(process.env.GRADBOOK_LONG_TASK_MS ?? 200));
});
