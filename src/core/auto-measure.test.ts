// auto's timing of the standard step: the fastest timed step is the answer (a hiccup on one step does not count),
// the deadline is kept, and a warm-up past the deadline is the answer by itself.
import { afterAll, describe, expect, it } from "vitest";
import { assertClose } from "../lib/allclose";
import { standardData, standardStep, timeStandardStep } from "./auto-measure";
import { initBackend, tf } from "./backend";
import type { Tf } from "./fastcpu/tfjs-types";

/** `tf` whose `tidy` call number `hiccupAt` first busy-waits `ms` (another process taking the core for a while). */
function withHiccup(hiccupAt: number, ms: number): Tf {
  let calls = 0;
  return new Proxy(tf as unknown as Tf, {
    get(target, key, receiver) {
      if (key !== "tidy") return Reflect.get(target, key, receiver);
      return (fn: () => unknown) => {
        if (++calls === hiccupAt) for (const end = performance.now() + ms; performance.now() < end; );
        return target.tidy(fn as never);
      };
    },
  });
}

describe("timeStandardStep", () => {
  it("answers with the fastest timed step, so one slow step (a busy machine) does not decide", async () => {
    await tf.setBackend("cpu");
    const clean = await timeStandardStep(tf as unknown as Tf, performance.now() + 60_000, 4);
    // tidy calls: 1 = the data, 2 = warm-up, 3… = timed steps; the second timed step stalls for 4 s.
    const noisy = await timeStandardStep(withHiccup(4, 4000), performance.now() + 60_000, 4);
    expect(clean.warmupOnly).toBe(false);
    expect(noisy.warmupOnly).toBe(false);
    expect(clean.msPerStep).toBeGreaterThan(0);
    // A mean of 4 steps would carry ≥ 1000 ms of the stall; the fastest step carries none of it (the bound leaves
    // room for a loaded machine making every step slower).
    expect(noisy.msPerStep).toBeLessThan(Math.min(1000, clean.msPerStep * 3 + 300));
  });

  it("keeps the deadline: a warm-up that ends past it is the answer by itself", async () => {
    await tf.setBackend("cpu");
    const t0 = performance.now();
    const r = await timeStandardStep(tf as unknown as Tf, t0 - 1);
    expect(r.warmupOnly).toBe(true);
    expect(r.msPerStep).toBeGreaterThan(0);
  });

  it("stops timing at the deadline after at least one timed step", async () => {
    await tf.setBackend("cpu");
    const stall = withHiccup(3, 4000); // the first timed step ends past the deadline
    const t0 = performance.now();
    const r = await timeStandardStep(stall, t0 + 3000, 50);
    expect(r.warmupOnly).toBe(false);
    // One timed step (≥ 4 s), not 50.
    expect(r.msPerStep).toBeGreaterThanOrEqual(3990);
    expect(performance.now() - t0).toBeLessThan(15_000);
  });
});

describe("standardStep", () => {
  afterAll(async () => {
    await tf.setBackend("cpu");
  });

  it("on fastcpu runs Gradbook's fused kernels and lands on the same weights as the tfjs ops on cpu", async () => {
    await tf.setBackend("cpu");
    const t = tf as unknown as Tf;
    const onCpu = (() => {
      const { x, t: y, params } = standardData(t);
      return standardStep(t, x, y, params).map((p) => p.arraySync());
    })();
    await initBackend("fastcpu");
    const names: string[] = [];
    const counting = new Proxy(t, {
      get(target, key, receiver) {
        if (key !== "engine") return Reflect.get(target, key, receiver);
        return () => {
          const engine = target.engine();
          return new Proxy(engine, {
            get(e, k, r) {
              if (k !== "runKernel") return Reflect.get(e, k, r);
              return (name: string, ...rest: unknown[]) => {
                names.push(name);
                return (e.runKernel as (...a: unknown[]) => unknown)(name, ...rest);
              };
            },
          });
        };
      },
    });
    const { x, t: y, params } = standardData(t);
    const onFast = standardStep(counting, x, y, params).map((p) => p.arraySync());
    expect(names).toEqual(expect.arrayContaining(["_FusedMatMul", "GradbookCrossEntropy", "GradbookReluGrad", "GradbookSumRows"]));
    onFast.forEach((p, i) => assertClose(p, onCpu[i], `param ${i} after one step`, { atol: 1e-5, rtol: 1e-4 }));
  });
});
