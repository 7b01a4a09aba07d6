// The committed SIMD module (kernels-wasm.ts) must be what wasm/kernels.ts compiles to today.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs build script without types
import { buildModuleText } from "../../../scripts/build-wasm.mjs";

it("kernels-wasm.ts is up to date with wasm/kernels.ts (else: npm run build:wasm)", async () => {
  const committed = readFileSync(new URL("./kernels-wasm.ts", import.meta.url), "utf8");
  expect((await buildModuleText()) === committed, "stale: run npm run build:wasm").toBe(true);
});
