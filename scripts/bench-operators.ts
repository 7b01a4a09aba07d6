// Bench case: what tensor operators in cells cost plain-number arithmetic (issue 13 bound: at most 10% slower).
import { compileCell } from "../src/kernel/compiler/compile-cell";
import { createScope } from "../src/kernel/runtime/scope";
import { runCell } from "../src/kernel/worker/run-cell";

/** A cell's hot loop of plain numbers: every operator the transform touches, compound assignment included. */
export const HOT_LOOP = `let s = 0;
let hits = 0;
for (let i = 0; i < N; i++) {
  s = s + i * 0.5 - (i % 7) / 3;
  s -= 0.25;
  if (s > 1e9) { s = 0; hits += 1; }
}
s + hits`;

export interface OperatorBench {
  iterations: number;
  /** Median ms per run, compiled without and with the operator transform. */
  plainMs: number;
  operatorsMs: number;
  /** operatorsMs / plainMs − 1. */
  overhead: number;
}

async function timeCell(source: string, operators: boolean, frames = true): Promise<number> {
  const compiled = compileCell(source, "bench", { operators, frames });
  if (!compiled.ok) throw new Error(`bench cell failed to compile: ${compiled.evalue}`);
  const scope = createScope({}, {});
  const t0 = performance.now();
  const out = await runCell(compiled, scope);
  if (!out.ok) throw new Error(`bench cell failed: ${out.evalue}`);
  return performance.now() - t0;
}

/** Alternates the two compilations `rounds` times (after a warm-up each) and compares their medians. */
export async function runOperatorBench(opts: { iterations?: number; rounds?: number; say?: (line: string) => void } = {}): Promise<OperatorBench> {
  const iterations = opts.iterations ?? 1_000_000;
  const rounds = opts.rounds ?? 7;
  const source = HOT_LOOP.replace("N", String(iterations));
  await timeCell(source, false);
  await timeCell(source, true);
  const plain: number[] = [];
  const ops: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < rounds; r++) {
    plain.push(await timeCell(source, false));
    ops.push(await timeCell(source, true));
    bare.push(await timeCell(source, false, false));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const result = { iterations, plainMs: med(plain), operatorsMs: med(ops), overhead: med(ops) / med(plain) - 1 };
  opts.say?.(
    `operators in cells: ${iterations.toLocaleString("en")} iterations of plain-number arithmetic: ` +
      `${result.plainMs.toFixed(1)} ms without the transform, ${result.operatorsMs.toFixed(1)} ms with it ` +
      `(${(result.overhead * 100).toFixed(1)}%, bound 10%); loop memory frames: ${med(bare).toFixed(1)} ms without them`,
  );
  return result;
}

/** `node --input-type=module -e '…launchTs(new URL("./scripts/bench-operators.ts", …))'`: this case alone. */
export async function main(): Promise<number> {
  const r = await runOperatorBench({ say: (l) => process.stdout.write(l + "\n") });
  return r.overhead <= 0.1 ? 0 : 1;
}
