// Tests for api-dts-plugin.ts: declarations from a small fake api.ts, and empty ones while api.ts is missing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { API_GLOBALS, generateApiDts } from "./api-dts-plugin";

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "gradbook-dts-"));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("generateApiDts", () => {
  it("emits declarations for api.ts and its imports, an index, and globals for the exported names", () => {
    const root = project({
      "src/core/tensor.ts": "/** A tensor. */\nexport class Tensor {\n  /** Shape. */\n  shape: number[] = []; item(): number { return 0; } }\n",
      "src/kernel/worker/api.ts":
        'import { Tensor } from "../../core/tensor";\nexport { Tensor };\n/** Makes a tensor. */\nexport function tensor(x: number[]): Tensor { return new Tensor(); }\nexport const torch = { tensor };\n',
    });
    const { files, sources, diagnostics } = generateApiDts(root);
    expect(diagnostics).toEqual([]);
    expect(Object.keys(files).sort()).toEqual(["core/tensor.d.ts", "globals.d.ts", "index.d.ts", "kernel/worker/api.d.ts"]);
    expect(files["core/tensor.d.ts"]).toContain("/** Shape. */");
    expect(files["index.d.ts"]).toBe('export * from "./kernel/worker/api";\n');
    expect(files["globals.d.ts"]).toContain("export import Tensor = G.Tensor;");
    expect(files["globals.d.ts"]).toContain("export import torch = G.torch;");
    expect(files["globals.d.ts"]).not.toContain("export import nn = G.nn");
    expect(files["globals.d.ts"]).toContain("function print(...args: unknown[]): void;");
    expect(sources.map((s) => path.relative(root, s)).sort()).toEqual(["src/core/tensor.ts", "src/kernel/worker/api.ts"]);
  });

  it("tolerates a missing api.ts with empty declarations and the kernel-only globals", () => {
    const { files } = generateApiDts(project({ "src/other.ts": "export {};\n" }));
    expect(files["index.d.ts"]).toBe("export {};\n");
    expect(files["globals.d.ts"]).toContain("function exportWeights(");
    expect(files["globals.d.ts"]).not.toContain("G.torch");
  });

  it("declares every name the kernel puts in a cell's scope (api.ts's `api` object), so none is a red squiggle", () => {
    const source = readFileSync(path.join(__dirname, "../src/kernel/worker/api.ts"), "utf8");
    const body = /export const api: Record<string, unknown> = \{([\s\S]*?)\n\};/.exec(source)?.[1];
    expect(body, "api.ts no longer has `export const api = { … }`: update this test").toBeDefined();
    const names = [...body!.matchAll(/^\s*([A-Za-z_$][\w$]*)\s*[:,]/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !(API_GLOBALS as readonly string[]).includes(n))).toEqual([]);
  });
});
