// No import cycle in src/, counting `import type` and dynamic imports (ESLint's no-cycle skips type-only ones).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cyclesIn } from "./import-graph";

function tree(files: Record<string, string>): string {
  const root = join(mkdtempSync(join(tmpdir(), "gb-graph-")), "src");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("import graph", () => {
  it("src/ has no import cycle, type-only imports included", () => {
    const cycles = cyclesIn(join(__dirname, "..", "src"));
    expect(cycles.map((c) => c.join(" → ")), "break each cycle by moving the shared part into a module both import").toEqual([]);
  });

  it("finds a type-only cycle, a dynamic-import cycle and a three-file cycle", () => {
    const root = tree({
      "a/x.ts": 'import type { Y } from "./y";\nexport type X = Y;\n',
      "a/y.ts": 'import type { X } from "./x";\nexport type Y = { x?: X };\n',
      "b/p.ts": 'export async function p() { return import("./q"); }\n',
      "b/q.ts": 'import { p } from "./p";\nexport const q = p;\n',
      "c/one.ts": 'import "./two";\n',
      "c/two.ts": 'import "../c/three";\n',
      "c/three.ts": 'import "./index";\n',
      "c/index.ts": 'export * from "./one";\n',
      "d/fine.ts": 'import { q } from "../b/q";\nexport const f = q;\n',
    });
    const cycles = cyclesIn(root).map((c) => [...c].sort().join(","));
    expect(cycles.sort()).toEqual(["src/a/x.ts,src/a/y.ts", "src/b/p.ts,src/b/q.ts", "src/c/index.ts,src/c/one.ts,src/c/three.ts,src/c/two.ts"]);
  });
});
