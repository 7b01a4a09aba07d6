// The bench's PyTorch column names the BLAS torch calls and refuses the reference one (scripts/bench_torch.py).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const scripts = fileURLToPath(new URL(".", import.meta.url));
const OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so";
const CASES: Record<string, string[]> = {
  openblas: ["/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3", OPENBLAS, "/usr/lib/libc.so.6"],
  reference: ["/usr/lib/x86_64-linux-gnu/blas/libblas.so.3", "/usr/lib/libc.so.6"],
  mkl: ["/opt/intel/lib/libmkl_rt.so.2"],
  blis: ["/usr/lib/libblis.so.4"],
};
let results: Record<string, [string, boolean, string | null]> = {};

/** classify_blas(libs) from bench_torch.py for every case, in one run of Debian's python3 (it has python3-torch). */
beforeAll(() => {
  const code = `import json, sys; sys.path.insert(0, ${JSON.stringify(scripts)}); import bench_torch as b; ` +
    `print(json.dumps({k: b.classify_blas(v) for k, v in json.loads(${JSON.stringify(JSON.stringify(CASES))}).items()}))`;
  const r = spawnSync("/usr/bin/python3", ["-c", code], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  results = JSON.parse(r.stdout.trim().split("\n").pop()!);
}, 120_000);
const classify = (name: string) => results[name];

describe("bench_torch.py's BLAS check", () => {
  it("names OpenBLAS (and its path, to set its threads) when torch maps it", () => {
    expect(classify("openblas")).toEqual([`OpenBLAS (${OPENBLAS})`, true, OPENBLAS]);
  });

  it("refuses the reference BLAS: libblas.so.3 with no optimised library behind it", () => {
    const [name, optimised] = classify("reference");
    expect(name).toMatch(/^reference BLAS/);
    expect(optimised).toBe(false);
  });

  it("accepts MKL and BLIS", () => {
    expect(classify("mkl")[1]).toBe(true);
    expect(classify("blis")[0]).toMatch(/^BLIS/);
  });

  it("the real torch here is on an optimised BLAS, and the script says which", () => {
    const r = spawnSync("/usr/bin/python3", [`${scripts}bench_torch.py`, JSON.stringify({ models: [], batches: [], threads: [1], sgemm: [[8, 8, 8]], repeats: 1, minRepeats: 1, targetBlockMs: 1, maxSteps: 1, budgetMs: 100 })], { encoding: "utf8", timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { blas: string; sgemm: { threads: number }[] };
    expect(out.blas).toMatch(/OpenBLAS|MKL|BLIS/);
    expect(out.sgemm).toHaveLength(1);
  });
});
