// The study notes' XOR-by-hand program (e2e/fixtures/xor-by-hand.ipynb, written with operators) runs in the real kernel,
// reaches 4/4 and prints the same costs as PyTorch from the same initial weights (scripts/torch_xor_by_hand_fixture.py).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import torchRun from "../../../e2e/fixtures/xor-by-hand.torch.json";
import { streamText, testKernel } from "./test-kernel";

const STEPS = 1001;

function codeCells(): Array<{ id: string; source: string; tags: string[] }> {
  const file = path.resolve(__dirname, "../../../e2e/fixtures/xor-by-hand.ipynb");
  const nb = JSON.parse(readFileSync(file, "utf8")) as {
    cells: Array<{ cell_type: string; id: string; source: string | string[]; metadata: { tags?: string[] } }>;
  };
  return nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => ({ id: c.id, source: Array.isArray(c.source) ? c.source.join("") : c.source, tags: c.metadata.tags ?? [] }));
}

describe("the notes' XOR trained by hand, with operators", () => {
  it("prints PyTorch's costs and reaches 4/4", async () => {
    const { run } = testKernel();
    let printed = "";
    for (const cell of codeCells()) {
      const msgs = await run(cell.source, { cellId: cell.id });
      const error = msgs.find((m) => m.type === "error");
      expect(error, `cell ${cell.id}`).toBeUndefined();
      printed += streamText(msgs);
      if (cell.tags.includes("parameters")) {
        await run(`const steps = ${STEPS};\nconst torchInit = ${JSON.stringify(torchRun.init)};`, { cellId: "injected-parameters" });
      }
    }
    const costs = [...printed.matchAll(/^(\d+) (\S+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]);
    const expected = torchRun.costs.filter(([step]) => step < STEPS);
    expect(costs.map((c) => c[0])).toEqual(expected.map((c) => c[0]));
    for (let i = 0; i < expected.length; i++) {
      expect(costs[i][1], `cost at step ${expected[i][0]}`).toBeCloseTo(expected[i][1], 4);
    }
    expect(printed).toMatch(/Accuracy: {2}1$/m);
    expect(torchRun.accuracy).toBe(1);
  }, 300_000);
});
