// Every tutorial notebook is valid nbformat 4.5 and runs top to bottom in the real kernel (small parameters, real MNIST).
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { initBackend } from "../../core/backend";
import { configureMnist } from "../../data/mnist";
import { fileFetch, itWithMnist } from "../../data/test-mnist-source";
import { parseNotebook, sourceToString } from "../../io/ipynb";
import schema from "../../io/nbformat.v4.5.schema.json";
import { missedBars, missedCurves, paramsSource, small, type LossCurve } from "../../tutorials/ci-sizes";
import { testKernel } from "./test-kernel";

const dir = resolve(__dirname, "../../tutorials");
const files = readdirSync(dir).filter((f) => f.endsWith(".ipynb"));

function kernel(backend: "cpu" | "wasm" = "cpu") {
  return testKernel({
    deps: {
      // In Node, tfjs-backend-wasm finds its .wasm files by itself; the page's base URL does not apply.
      initBackend: (choice) => initBackend(choice),
      configureMnist: (o) => configureMnist({ ...o, fetchImpl: fileFetch }),
    },
    init: { backend, mnistBaseUrl: "mem://mnist/", wasmBaseUrl: "mem://" },
  });
}

describe("tutorials", () => {
  it("there is at least the softmax tutorial", () => expect(files).toContain("mnist-softmax.ipynb"));

  for (const file of files) {
    it(`${file} is valid nbformat 4.5`, () => {
      const ajv = new Ajv({ strict: false });
      const { $schema: _drop, ...draft07 } = schema as Record<string, unknown>;
      const validate = ajv.compile(draft07);
      const ok = validate(JSON.parse(readFileSync(resolve(dir, file), "utf8")));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });

    // A tutorial that loads MNIST needs the real files; the others run anywhere.
    const needsMnist = readFileSync(resolve(dir, file), "utf8").includes("MNIST(");
    (needsMnist ? itWithMnist : it)(`${file} runs top to bottom`, async () => {
      const nb = parseNotebook(readFileSync(resolve(dir, file), "utf8"), file);
      const { run, posted } = kernel(small[file]?.backend);
      let n = 0;
      const curves: LossCurve[] = [];
      for (const cell of nb.cells) {
        if (cell.cell_type !== "code") continue;
        const runs = [sourceToString(cell.source)];
        const tags = (cell.metadata as { tags?: string[] }).tags ?? [];
        if (tags.includes("parameters") && small[file]?.params) runs.push(paramsSource(small[file].params));
        for (const code of runs) {
          n += 1;
          const messages = await run(code, { cellId: cell.id });
          const err = messages.find((m) => m.type === "error");
          expect(err, `cell ${n} failed: ${JSON.stringify(err)}`).toBeUndefined();
          const values = messages.flatMap((m) => (m.type === "metrics" ? m.points.filter((p) => p.name === "loss").map((p) => p.value) : []));
          if (values.length) curves.push({ cellId: cell.id, values });
        }
      }
      const text = posted.map((m) => (m.type === "stream" ? m.text : "")).join("");
      expect(missedBars(file, text)).toEqual([]);
      // Each cell's own loss chart falls, unless ci-sizes.ts says why it need not (several models in one cell).
      expect(missedCurves(file, curves)).toEqual([]);
    }, 240_000); // a few dozen training steps on a subset; the default 60 s is too tight on a loaded machine
  }
});
