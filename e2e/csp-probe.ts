// The page's own CSP probe for the security specs: a string timer (eval) and an injected inline <script>.
import type { Page } from "@playwright/test";

/**
 * Code Playwright evaluates is exempt from CSP, so the probes go through the page's own machinery: a string timer
 * and an injected inline script, both run later in the page, where the policy applies. Both false = both refused.
 */
export async function probeEvalAndInlineScript(page: Page): Promise<{ evalRan: boolean; inlineRan: boolean }> {
  return page.evaluate(async () => {
    const w = window as unknown as { __evalRan?: boolean; __inlineRan?: boolean };
    (setTimeout as unknown as (code: string, ms: number) => void)("window.__evalRan = true", 0);
    const s = document.createElement("script");
    s.textContent = "window.__inlineRan = true";
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 300));
    return { evalRan: w.__evalRan ?? false, inlineRan: w.__inlineRan ?? false };
  });
}
