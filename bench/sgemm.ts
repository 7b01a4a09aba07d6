// The sgemm ceiling: C = A·B through fastcpu's matMul (our wasm GEMM, on the pool's threads when it has them), timed
// by the same plan as the models, so each model's figure has the kernel's own GFLOP/s beside it.
import { tf } from "../src/core";
import type { SgemmRun, TimingPlan } from "./protocol";
import { timeBlocks } from "./timing";

/** Times each [M, K, N] on the running backend; `threads` is recorded with each result. */
export async function timeSgemm(sizes: [number, number, number][], plan: TimingPlan, threads: number): Promise<SgemmRun[]> {
  const out: SgemmRun[] = [];
  for (const [m, k, n] of sizes) {
    const a = tf.randomUniform([m, k], -1, 1, "float32", 1);
    const b = tf.randomUniform([k, n], -1, 1, "float32", 2);
    try {
      const timing = await timeBlocks(
        (steps) => ({
          async run() {
            let c: tf.Tensor | undefined;
            for (let s = 0; s < steps; s++) {
              c?.dispose();
              c = tf.matMul(a, b);
            }
            await c!.data();
            c!.dispose();
          },
        }),
        plan,
      );
      out.push({ m, k, n, threads, timing });
    } finally {
      tf.dispose([a, b]);
    }
  }
  return out;
}
