// The relaxed-SIMD build (fused multiply-add in the GEMM): chosen where the engine validates it, and the same kernel
// cases and PyTorch suites as the plain build, on one thread and through the pool. Node 20 needs V8's flag for it.
import { setFlagsFromString } from "node:v8";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vitestSuite } from "../../lib/suite-vitest";
import { nnSuite } from "../../nn/nn.suite";
import { initBackend, tf } from "../index";
import { opsSuite } from "../ops.suite";
import { describeKernelCases } from "./kernel-cases";
import { base64Bytes, KERNELS_WASM_BASE64, KERNELS_WASM_RELAXED_BASE64, KERNELS_WASM_RELAXED_SHARED_BASE64 } from "./kernels-wasm";
import { spawnNodePoolWorker } from "./node-pool";
import { startThreadPool } from "./pool";
import { setFastCpuPool, setThreadThreshold, threadedKernelCount } from "./threaded";
import { forceKernelVariant, kernelVariant, relaxedSimdSupported } from "./variant";

/** Does the module's code hold f32x4.relaxed_madd (prefix 0xfd, opcode 0x105 as LEB128: 0x85 0x02)? */
function hasRelaxedMadd(bytes: Uint8Array): boolean {
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xfd && bytes[i + 1] === 0x85 && bytes[i + 2] === 0x02) return true;
  return false;
}

describe("the relaxed-SIMD build", () => {
  it("holds fused multiply-adds that the plain build does not", () => {
    expect(hasRelaxedMadd(base64Bytes(KERNELS_WASM_RELAXED_BASE64))).toBe(true);
    expect(hasRelaxedMadd(base64Bytes(KERNELS_WASM_RELAXED_SHARED_BASE64))).toBe(true);
    expect(hasRelaxedMadd(base64Bytes(KERNELS_WASM_BASE64))).toBe(false);
  });
});

describe("on an engine that validates relaxed SIMD", () => {
  beforeAll(async () => {
    setFlagsFromString("--experimental-wasm-relaxed-simd"); // Node 20's V8 ships it behind this flag; a no-op later
    expect(relaxedSimdSupported()).toBe(true);
    expect(kernelVariant()).toBe("relaxed"); // chosen by validation, not forced
    await initBackend("fastcpu");
    expect(tf.getBackend()).toBe("fastcpu");
  });
  afterAll(async () => {
    setFastCpuPool(null);
    setThreadThreshold(null);
    forceKernelVariant(null);
    await tf.setBackend("cpu");
  });

  describeKernelCases("fastcpu kernels (relaxed SIMD) match tfjs cpu");

  describe("PyTorch reference suites on fastcpu with relaxed SIMD", () => {
    vitestSuite(opsSuite);
    vitestSuite(nnSuite);
  });

  describe("through a pool of relaxed-SIMD threads", () => {
    beforeAll(async () => {
      const pool = await startThreadPool(3, spawnNodePoolWorker);
      expect(pool.variant).toBe("relaxed");
      setFastCpuPool(pool);
      setThreadThreshold(0);
    });
    it("runs a split GEMM that matches the one-thread result", () => {
      const a = tf.randomUniform([67, 300], -1, 1, "float32", 5);
      const b = tf.randomUniform([300, 45], -1, 1, "float32", 6);
      const before = threadedKernelCount();
      const threaded = tf.matMul(a, b);
      expect(threadedKernelCount()).toBe(before + 1);
      setThreadThreshold(1e12);
      const single = tf.matMul(a, b);
      setThreadThreshold(0);
      expect(tf.max(tf.abs(tf.sub(threaded, single))).dataSync()[0]).toBeLessThan(1e-4);
      tf.dispose([a, b, threaded, single]);
    });
    describeKernelCases("fastcpu kernels (relaxed SIMD, 3 threads) match tfjs cpu");
  });
});
