// Two tabs on one notebook: the second is told, does not overwrite the first, and can take over; nothing is lost silently.
import { expect, test } from "@playwright/test";
import { openNotebook, setCodeCell } from "./helpers";
import { codeCellSource, waitSaved } from "./library-helpers";

test("the second tab sees a banner and does not save until it takes over; then the first tab stops", async ({ context }) => {
  const a = await context.newPage();
  await openNotebook(a, "mnist-softmax");
  await setCodeCell(a, 0, 'print("from A");');
  await waitSaved(a);

  const b = await context.newPage();
  await openNotebook(b, "mnist-softmax");
  expect(await codeCellSource(b, 0)).toContain('print("from A");');
  await expect(b.getByTestId("tab-conflict")).toContainText("open in another tab");
  await expect(a.getByTestId("tab-conflict")).toHaveCount(0);

  // B's edit stays in B and is not written; A keeps saving.
  await setCodeCell(b, 0, 'print("from B");');
  await expect(b.getByTestId("save-status")).not.toHaveAttribute("data-state", "saved");
  await setCodeCell(a, 0, 'print("from A, again");');
  await waitSaved(a);

  // B takes over: its version is written, and now A is the one told.
  await b.getByTestId("take-over").click();
  await waitSaved(b);
  await expect(b.getByTestId("tab-conflict")).toHaveCount(0);
  await expect(a.getByTestId("tab-conflict")).toBeVisible();
  await setCodeCell(a, 0, 'print("A after losing it");');
  await expect(a.getByTestId("save-status")).not.toHaveAttribute("data-state", "saved");

  // What is stored is B's version: a third tab opens it (and is told about the others).
  const c = await context.newPage();
  await openNotebook(c, "mnist-softmax");
  expect(await codeCellSource(c, 0)).toContain('print("from B");');
  await expect(c.getByTestId("tab-conflict")).toBeVisible();
});
