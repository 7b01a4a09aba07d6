// @vitest-environment jsdom
// renderMarkdown always sanitizes: script, event-handler and javascript: payloads in a cell never reach the page.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render-markdown";

/** Parses the rendered HTML in a detached document and lists everything that could run code. */
function liveCode(html: string): string[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  const found: string[] = [];
  for (const el of Array.from(doc.body.querySelectorAll("*"))) {
    if (["SCRIPT", "IFRAME", "OBJECT", "EMBED"].includes(el.tagName)) found.push(`<${el.tagName.toLowerCase()}>`);
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) found.push(`${el.tagName.toLowerCase()} ${attr.name}`);
      if (/^\s*(javascript|vbscript):/i.test(attr.value)) found.push(`${el.tagName.toLowerCase()} ${attr.name}=${attr.value}`);
    }
  }
  return found;
}

describe("renderMarkdown sanitizes", () => {
  const payloads = [
    "<script>window.pwned = 1</script>",
    '<img src="x" onerror="window.pwned = 1">',
    "![x](x.png \"t\") <svg><g onload=\"window.pwned = 1\"></g></svg>",
    "[click](javascript:window.pwned=1)",
    '<a href="javascript:alert(1)">a</a> <iframe src="javascript:alert(1)"></iframe>',
    '<details open ontoggle="window.pwned = 1">x</details>',
    "```\n</code><script>window.pwned = 1</script>\n```",
  ];
  for (const md of payloads) {
    it(`leaves nothing that runs in ${JSON.stringify(md)}`, () => {
      const html = renderMarkdown(md);
      expect(liveCode(html)).toEqual([]);
      expect(html).not.toMatch(/<script|onerror=|onload=|ontoggle=|javascript:/i);
    });
  }

  it("keeps the harmless parts of the same cells", () => {
    expect(renderMarkdown('<img src="x" onerror="window.pwned = 1">')).toMatch(/<img src="x">/);
    expect(renderMarkdown("**bold** <b>ok</b>")).toContain("<strong>bold</strong> <b>ok</b>");
  });
});
