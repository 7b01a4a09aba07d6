// Regression: loops whose body is one statement (no braces) get a tick, a memory frame and operators, and still run.
import { describe, expect, it } from "vitest";
import { Tensor } from "../../core";
import { cellSession } from "../worker/cell-session";

async function values(cells: string[]): Promise<unknown[]> {
  const s = cellSession();
  const out: unknown[] = [];
  for (const src of cells) out.push(await s.value(src));
  return out;
}

describe("loops without braces", () => {
  it("run with compound assignment, with and without a final semicolon, typed or not", async () => {
    const got = await values([
      "const xs = [1, 2, 3];",
      "let t = 0; for (const p of xs) t += p;",
      "t",
      "let u: number = 0; for (const p of xs) u += p\nu",
      "let i = 0;\nwhile (i < 3) i++\ni",
      "let s = 0; for (let k = 0; k < 4; k++) for (const p of xs) s += p * k\ns",
      "outer: for (const a of xs) for (const b of xs) if (b > a) continue outer; else t += b\nt",
    ]);
    expect(got.slice(2)).toEqual([6, 6, 3, 36, 16]);
  });

  it("update tensors in place inside a one-statement body", async () => {
    const [, , w] = await values(["const w = torch.zeros([2]);", "for (let k = 0; k < 3; k++) w += torch.ones([2]);", "w"]);
    expect(w).toBeInstanceOf(Tensor);
    expect(Array.from((w as Tensor).tfData.dataSync())).toEqual([3, 3]);
  });
});
