// @vitest-environment jsdom
// Tests for tilde.ts: ranges written with `~` (Korean style) are never struck through, in any tutorial.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render-markdown";

const dir = path.resolve(__dirname, "../../../tutorials");

describe("single ~ is text", () => {
  it("keeps 0~255 and 0~1 as text and ~~x~~ as strikethrough", () => {
    expect(renderMarkdown("픽셀 값 0~255를 0~1로")).toBe("<p>픽셀 값 0~255를 0~1로</p>\n");
    expect(renderMarkdown("a ~~gone~~ b")).toContain("<del>gone</del>");
    expect(renderMarkdown("~one~ | x ~~~ y")).not.toContain("<del>");
  });

  const notebooks = readdirSync(dir).filter((f) => f.endsWith(".ipynb"));
  for (const file of notebooks) {
    it(`${file}: no Markdown cell renders <del>, and every ~ in a Korean cell survives`, () => {
      const nb = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as {
        cells: { cell_type: string; source: string | string[]; metadata?: { lang?: string } }[];
      };
      for (const cell of nb.cells.filter((c) => c.cell_type === "markdown")) {
        const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
        const html = renderMarkdown(source);
        expect(html, source.slice(0, 80)).not.toContain("<del>");
        if (cell.metadata?.lang === "ko") expect(html.split("~").length).toBe(source.split("~").length);
      }
    });
  }
});
