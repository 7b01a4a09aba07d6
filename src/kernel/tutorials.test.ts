// Every tutorial notebook is valid nbformat 4.5 and runs top to bottom in the real kernel (small parameters, real MNIST).
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { initBackend } from "../core/backend";
import { onBackward } from "../core/hooks";
import { readScalars } from "../core/readback";
import type { Tensor } from "../core/tensor";
import { configureMnist } from "../data/mnist";
import { fileFetch } from "../data/test-mnist-source";
import { stateDictToSafetensors } from "../io/export";
import { parseNotebook, sourceToString } from "../io/ipynb";
import schema from "../io/nbformat.v4.5.schema.json";
import { setInterruptCheck } from "../lib/interrupt";
import { Module } from "../nn/module";
import { api } from "./api";
import { missedBars, paramsSource, small } from "../tutorials/ci-sizes";
import { Kernel } from "./kernel";
import type { FromKernel } from "./protocol";

const dir = resolve(__dirname, "../tutorials");
const files = readdirSync(dir).filter((f) => f.endsWith(".ipynb"));

function kernel(backend: "cpu" | "wasm" = "cpu") {
  const posted: FromKernel[] = [];
  const k = new Kernel<Tensor>(
    {
      api,
      // In Node, tfjs-backend-wasm finds its .wasm files by itself; the page's base URL does not apply.
      initBackend: (choice) => initBackend(choice),
      configureMnist: (o) => configureMnist({ ...o, fetchImpl: fileFetch }),
      setInterruptCheck,
      isModule: (v) => v instanceof Module,
      stateDictToSafetensors,
      onBackward,
      readScalars,
    },
    (m) => posted.push(m),
  );
  k.receive({ type: "init", backend, mnistBaseUrl: "mem://mnist/", wasmBaseUrl: "mem://" });
  return { k, posted };
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

    it(`${file} runs top to bottom`, async () => {
      const nb = parseNotebook(readFileSync(resolve(dir, file), "utf8"), file);
      const { k, posted } = kernel(small[file]?.backend);
      let n = 0;
      for (const cell of nb.cells) {
        if (cell.cell_type !== "code") continue;
        const runs = [sourceToString(cell.source)];
        const tags = (cell.metadata as { tags?: string[] }).tags ?? [];
        if (tags.includes("parameters") && small[file]?.params) runs.push(paramsSource(small[file].params));
        for (const code of runs) {
          const runId = `r${++n}`;
          k.receive({ type: "execute", runId, cellId: cell.id ?? runId, code });
          await k.idle();
          const err = posted.find((m) => m.type === "error" && m.runId === runId);
          expect(err, `cell ${n} failed: ${JSON.stringify(err)}`).toBeUndefined();
        }
      }
      const text = posted.map((m) => (m.type === "stream" ? m.text : "")).join("");
      expect(missedBars(file, text)).toEqual([]);
      const loss = posted.flatMap((m) => (m.type === "metrics" ? m.points.filter((p) => p.name === "loss") : []));
      if (loss.length && small[file]?.lossFalls !== false) expect(loss.at(-1)!.value).toBeLessThan(loss[0].value);
    });
  }
});
