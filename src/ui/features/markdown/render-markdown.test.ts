// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { capQuoteDepth, MAX_QUOTE_DEPTH, renderMarkdown, sanitizeHtml } from "./render-markdown";

const count = (html: string, tag: string) => html.split(`<${tag}>`).length - 1;

describe("renderMarkdown nesting", () => {
  it('renders "> ".repeat(5000) with blockquotes capped, not a stack overflow', () => {
    const html = renderMarkdown("> ".repeat(5000) + "deep");
    expect(count(html, "blockquote")).toBe(MAX_QUOTE_DEPTH);
    expect(html).toContain("deep");
  });

  it("caps quote markers line by line and leaves shallow quotes and other text alone", () => {
    expect(capQuoteDepth("> a\n>> b\nx > y")).toBe("> a\n>> b\nx > y");
    expect(capQuoteDepth(">".repeat(40) + " z")).toBe(">".repeat(MAX_QUOTE_DEPTH) + "z");
    // Spaces between markers cannot make the scan backtrack: linear in the line length.
    const started = performance.now();
    capQuoteDepth("  >  ".repeat(200_000));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("shows Markdown that marked cannot parse (a 5,000-deep emphasis run) as escaped text", () => {
    const source = "*".repeat(5000) + "<b>a</b>" + "*".repeat(5000);
    const html = renderMarkdown(source);
    expect(html).toContain("shown as plain text");
    expect(html).toContain("&lt;b&gt;a&lt;/b&gt;");
  });
});

describe("notebook HTML is confined", () => {
  it("prefixes app classes and ids, so notebook HTML cannot pose as the app", () => {
    const html = sanitizeHtml('<div class="gb-drop-overlay">x</div><div id="root" class="gb-notices"><div class="gb-notice gb-notice-error">Storage full</div></div>');
    expect(html).toBe(
      '<div class="user-content-gb-drop-overlay">x</div><div class="user-content-gb-notices" id="user-content-root"><div class="user-content-gb-notice user-content-gb-notice-error">Storage full</div></div>',
    );
  });

  it("keeps the classes of the kernel's own tables, and no inline style survives", () => {
    const html = sanitizeHtml('<table class="gb-table gb-confusion"><tr><td class="gb-num gb-heat-3" style="position:fixed;inset:0">1</td></tr></table>');
    expect(html).toContain('class="gb-table gb-confusion"');
    expect(html).toContain('class="gb-num gb-heat-3"');
    expect(html).not.toContain("style");
  });
});
