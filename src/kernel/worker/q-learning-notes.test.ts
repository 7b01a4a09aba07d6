// The study notes' Q-learning program (e2e/fixtures/q-learning-notes.ipynb) runs in the real kernel, a few episodes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tf } from "../../core";
import { streamText, testKernel } from "./test-kernel";

describe("the notes' Q-learning program", () => {
  it("runs as ported, with flat memory across episodes", async () => {
    const file = path.resolve(__dirname, "../../../e2e/fixtures/q-learning-notes.ipynb");
    const nb = JSON.parse(readFileSync(file, "utf8")) as { cells: Array<{ cell_type: string; id: string; source: string }> };
    const { run } = testKernel();
    let printed = "";
    const counts: number[] = [];
    for (const cell of nb.cells.filter((c) => c.cell_type === "code")) {
      const source = cell.id === "ql-params" ? "const episodes = 40;" : cell.source;
      const msgs = await run(source, { cellId: cell.id });
      expect(msgs.find((m) => m.type === "error"), `cell ${cell.id}`).toBeUndefined();
      printed += streamText(msgs);
      counts.push(tf.memory().numTensors);
    }
    expect(printed).toMatch(/^success rate: [\d.e-]+$/m);
    // After training, live tensors are the model, Adam's state and little else (not 40 episodes of graphs).
    expect(counts[counts.length - 1] - counts[counts.length - 2]).toBeLessThan(200);
  }, 300_000);
});
