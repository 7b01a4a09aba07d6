// Tests for table.ts: HTML and text tables from rows of objects or arrays, escaping, limits and clear errors.
import { describe, expect, it } from "vitest";
import { isTableLike, tableBundle } from "./table";

describe("tableBundle", () => {
  it("makes an HTML table and an aligned text table from rows of objects", () => {
    const b = tableBundle([{ epoch: 1, loss: 0.123456789 }, { epoch: 2, loss: 0.05, note: "<b>" }]);
    expect(b["text/html"]).toBe(
      '<table class="gb-table"><thead><tr><th>epoch</th><th>loss</th><th>note</th></tr></thead><tbody>' +
        '<tr><td class="gb-num">1</td><td class="gb-num">0.123457</td><td></td></tr>' +
        '<tr><td class="gb-num">2</td><td class="gb-num">0.05</td><td>&#60;b&#62;</td></tr></tbody></table>',
    );
    expect(b["text/plain"]).toBe(["epoch      loss  note", "    1  0.123457", "    2      0.05  <b>"].join("\n"));
  });

  it("takes arrays of values with column names, and counts the rows past maxRows", () => {
    const rows = Array.from({ length: 5 }, (_, i) => [i, i * i]);
    const b = tableBundle(rows, { columns: ["n", "square"], maxRows: 2 });
    expect(b["text/plain"]).toBe(["n  square", "0       0", "1       1", "… 3 more rows (5 in all)"].join("\n"));
    expect(b["text/html"]).toContain("<caption>… 3 more rows (5 in all)</caption>");
  });

  it("shows one-element tensors as their value", () => {
    const t = { shape: [], tolist: () => 2.5, item: () => 2.5 };
    expect(tableBundle([{ loss: t }])["text/plain"]).toBe("loss\n 2.5");
  });

  it("says what a row should look like when it is not one", () => {
    expect(() => tableBundle("nope")).toThrow(/table\(\) takes an array of rows/);
    expect(() => tableBundle([{ a: 1 }, 3])).toThrow(/row 1 is 3; every row must be an object/);
    expect(() => tableBundle([{ a: 1 }], { maxRows: 0 })).toThrow(/maxRows must be a positive integer/);
  });

  it("knows which values display() should draw as tables", () => {
    expect(isTableLike([{ a: 1 }, { b: 2 }])).toBe(true);
    expect(isTableLike([])).toBe(false);
    expect(isTableLike([1, 2])).toBe(false);
    expect(isTableLike([new Date()])).toBe(false);
  });
});
