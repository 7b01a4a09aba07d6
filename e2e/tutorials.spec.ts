// Every tutorial runs top to bottom through the headless runner (npm run notebook) in Chromium at its CI size,
// and what it prints meets the bars of src/tutorials/ci-sizes.ts.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { missedBars, small } from "../src/tutorials/ci-sizes";

const root = fileURLToPath(new URL("..", import.meta.url));
const files = readdirSync(`${root}/src/tutorials`).filter((f) => f.endsWith(".ipynb"));

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/run-notebook.mjs", ...args, "--no-build"], { cwd: root });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

interface Output {
  output_type: string;
  text?: string[];
}

for (const file of files) {
  test(`${file} runs at CI size in the headless runner`, async () => {
    test.setTimeout(5 * 60_000);
    const out = test.info().outputPath(file.replace(".ipynb", ".executed.ipynb"));
    mkdirSync(dirname(out), { recursive: true });
    const params = Object.entries(small[file]?.params ?? {}).flatMap(([k, v]) => ["-p", `${k}=${v}`]);
    const { code, stderr } = await runCli([`src/tutorials/${file}`, "--backend", "wasm", ...params, "--out", out]);
    expect(code, stderr).toBe(0);
    const cells = (JSON.parse(readFileSync(out, "utf8")) as { cells: { outputs?: Output[] }[] }).cells;
    const text = cells
      .flatMap((c) => c.outputs ?? [])
      .filter((o) => o.output_type === "stream")
      .map((o) => (o.text ?? []).join(""))
      .join("");
    expect(missedBars(file, text)).toEqual([]);
  });
}
