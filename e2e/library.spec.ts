// The notebook list (new, rename, duplicate, delete, reset a tutorial), the UI language toggle, and the storage-full warning.
import { expect, test, type Page } from "@playwright/test";
import { openNotebook, setCodeCell } from "./helpers";
import { codeCellSource, openList, openNotebookId, waitSaved } from "./library-helpers";

const item = (page: import("@playwright/test").Page, text: string) => page.getByTestId("notebook-item").filter({ hasText: text });

test("new, rename, duplicate and delete notebooks; reset a tutorial to the original", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  await openList(page);
  const title = page.locator(".gb-title");

  await page.getByTestId("new-notebook").click();
  await expect(item(page, "Untitled")).toHaveAttribute("data-current", "true");
  await expect(title).toHaveText("Untitled");
  await setCodeCell(page, 0, 'print("mine");');
  await waitSaved(page);

  await item(page, "Untitled").getByTestId("rename-notebook").click();
  await page.getByTestId("rename-input").fill("My experiment");
  await page.getByTestId("rename-input").press("Enter");
  await expect(title).toHaveText("My experiment");

  await item(page, "My experiment").getByTestId("duplicate-notebook").click();
  await expect(item(page, "My experiment (copy)")).toHaveAttribute("data-current", "true");
  expect(await codeCellSource(page, 0)).toContain('print("mine");');

  await item(page, "My experiment (copy)").getByTestId("delete-notebook").click();
  await expect(page.getByRole("alertdialog")).toContainText('Delete "My experiment (copy)"?');
  await page.getByTestId("confirm-remove").click();
  await expect(item(page, "My experiment (copy)")).toHaveCount(0);
  expect(await openNotebookId(page)).toBe("tensors-autograd"); // deleting the open notebook opens the first tutorial
  await item(page, "MNIST softmax").getByRole("button", { name: /MNIST softmax regression/ }).click();
  await expect.poll(() => openNotebookId(page)).toBe("mnist-softmax");

  // Editing the tutorial stores a copy; "reset to original" brings back the tutorial as shipped.
  await expect(item(page, "MNIST softmax").getByTestId("reset-notebook")).toHaveCount(0);
  await setCodeCell(page, 0, 'print("edited tutorial");');
  await waitSaved(page);
  await item(page, "MNIST softmax").getByTestId("reset-notebook").click();
  await page.getByTestId("confirm-remove").click();
  await expect.poll(() => codeCellSource(page, 0)).toContain("const epochs = 2;");
  await expect(item(page, "MNIST softmax").getByTestId("reset-notebook")).toHaveCount(0);

  // Everything survives a reload; the list reopens the notebook it names.
  await page.reload();
  await openList(page);
  await expect(item(page, "My experiment")).toHaveCount(1);
  await item(page, "My experiment").getByRole("button", { name: "My experiment" }).click();
  await expect.poll(() => codeCellSource(page, 0)).toContain('print("mine");');
  expect(page.url()).toMatch(/notebook=nb-/);
});

test("the language toggle switches the UI and the tutorial's text, and is remembered", async ({ page }) => {
  await openNotebook(page, "mnist-softmax");
  const toggle = page.getByTestId("lang-toggle");
  await expect(toggle).toHaveAttribute("data-lang", "en"); // the test browser speaks English
  await expect(page.getByTestId("run-all")).toContainText("Run all");
  await expect(page.getByRole("heading", { name: "MNIST softmax regression" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "MNIST 소프트맥스 회귀" })).toHaveCount(0);

  await toggle.click();
  await expect(toggle).toHaveAttribute("data-lang", "ko");
  await expect(page.getByTestId("run-all")).toContainText("모두 실행");
  await expect(page.getByRole("heading", { name: "MNIST 소프트맥스 회귀" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "MNIST softmax regression" })).toHaveCount(0);
  await openList(page);
  await expect(page.getByTestId("notebook-list")).toContainText("튜토리얼");

  await page.reload();
  await expect(page.getByTestId("lang-toggle")).toHaveAttribute("data-lang", "ko");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
});

test("a full browser storage shows a warning, keeps the newest text, and saving resumes when space returns", async ({ page, context }) => {
  await openNotebook(page, "mnist-softmax");
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: 1 });
  // Chromium's IndexedDB approves writes from the free space its last quota check found, for up to 30 s, and the
  // override does not reset that: after an IndexedDB write during the page's load, the next writes still succeed.
  // Wait until the browser really refuses a write, as it would with a full disk, before typing.
  await expect.poll(() => probeWrite(page), { timeout: 45_000, intervals: [500] }).toBe("QuotaExceededError");
  await setCodeCell(page, 0, 'print("kept in memory");');
  const warning = page.getByTestId("storage-warning");
  await expect(warning).toBeVisible({ timeout: 15_000 });
  await expect(warning).toContainText("storage is full");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "failed");
  expect(await codeCellSource(page, 0)).toContain('print("kept in memory");');

  await cdp.send("Storage.overrideQuotaForOrigin", { origin });
  await setCodeCell(page, 0, 'print("saved again");');
  await waitSaved(page);
  await expect(warning).toBeHidden();
  await page.reload();
  await expect.poll(() => codeCellSource(page, 0)).toContain('print("saved again");');
});

/** Writes 1 KB into a scratch IndexedDB database of the page's origin: "ok", or the name of the error that aborted it. */
function probeWrite(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open("e2e-quota-probe", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("s");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    }).catch((e: DOMException) => e);
    if (db instanceof DOMException) return db.name;
    try {
      return await new Promise<string>((resolve) => {
        const tx = db.transaction("s", "readwrite");
        tx.objectStore("s").put("x".repeat(1024), "k");
        tx.oncomplete = () => resolve("ok");
        tx.onabort = () => resolve(tx.error?.name ?? "AbortError");
      });
    } finally {
      db.close();
    }
  });
}
