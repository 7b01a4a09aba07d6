// Security: the built app's Content-Security-Policy, and a hostile notebook that opens and renders without running anything.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { PAGE_CSP, SERVER_CSP } from "../vite/csp-plugin";
import { codeCellOutput, openNotebook, runCodeCell, setCodeCell } from "./helpers";
import { openList, openNotebookId, uploadFile } from "./library-helpers";
import { probeEvalAndInlineScript } from "./csp-probe";

test("the built app ships its CSP as a meta and a header; the page cannot eval or run injected inline script", async ({ page, request }) => {
  const res = await request.get("/");
  expect(res.headers()["content-security-policy"]).toBe(SERVER_CSP);
  // Vite writes the quotes as &#39; in the built HTML; the browser reads the same policy (checked in the page below).
  expect((await res.text()).replace(/&#39;/g, "'")).toContain(`<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">`);
  for (const directive of ["default-src 'self'", "connect-src 'self'", "object-src 'none'"]) expect(PAGE_CSP).toContain(directive);
  expect(PAGE_CSP).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);

  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await openNotebook(page, "mnist-softmax");
  // The app itself runs without tripping its own policy (the page's console reports every violation).
  await expect(page.locator(".monaco-editor").first()).toBeVisible();
  expect(violations).toEqual([]);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(meta).toBe(PAGE_CSP);
  // A string timer (eval) and an inline <script> injected through the page itself: both refused.
  const probe = await probeEvalAndInlineScript(page);
  expect(probe).toEqual({ evalRan: false, inlineRan: false });
  // The app itself works under the policy: the kernel compiles cells (eval in its worker) and runs on wasm.
  await setCodeCell(page, 0, "print(torch.ones(2, 2).sum().item() + 38);");
  await runCodeCell(page, 0);
  expect(await codeCellOutput(page, 0)).toBe("42");
  expect(violations.length).toBeGreaterThan(0); // the probes were refused, and said so
});

test("a hostile notebook opens, renders every output, and nothing in it runs or calls out", async ({ page, context }) => {
  const leaked: string[] = [];
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => {
    leaked.push(route.request().url());
    return route.abort();
  });
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await openNotebook(page, "mnist-softmax");
  const name = '<img src=x onerror="window.__pwned=200;alert(200)">.ipynb';
  const buffer = readFileSync(new URL("./fixtures/hostile.ipynb", import.meta.url));
  await uploadFile(page, { name, mimeType: "application/x-ipynb+json", buffer });
  await expect.poll(() => openNotebookId(page)).toMatch(/^nb-/);

  // It rendered: Markdown, the sanitised HTML output, the stream and the error, as text where they are text.
  await expect(page.getByText("Hostile notebook")).toBeVisible();
  await expect(page.getByTestId("output-html").first()).toContainText("bold");
  const code = page.locator('[data-testid="cell"][data-cell-type="code"]').first();
  await expect(code.getByTestId("cell-output")).toContainText("<script>window.__pwned=70");
  await openList(page);
  await page.waitForTimeout(1500); // time for any onerror/onload/timer to fire

  const state = await page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`)),
      jsLinks: all.filter((el) => /^\s*(javascript:|data:text\/html)/i.test(el.getAttribute("href") ?? el.getAttribute("src") ?? el.getAttribute("action") ?? "")).length,
      scriptsInApp: document.querySelectorAll("#root script, #root iframe, #root object, #root embed, #root form").length,
      fixedCover: all.some((el) => el.closest("#root") && getComputedStyle(el).position === "fixed" && el.textContent?.includes("covers the app")),
    };
  });
  expect(state).toEqual({ pwned: null, handlers: [], jsLinks: 0, scriptsInApp: 0, fixedCover: false });
  expect(dialogs).toEqual([]);
  expect(leaked).toEqual([]);
  // Nothing ran on open: the code cell keeps its saved outputs and the kernel never printed.
  await expect(code.getByTestId("cell-output")).not.toContainText("RAN ON OPEN");
  await expect(page.getByTestId("kernel-status")).toHaveText("idle");
});
