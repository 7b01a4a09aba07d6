// fastcpu's plain-SIMD kernels (the fallback build) against tfjs's cpu backend over odd shapes, then the PyTorch ops/nn
// suites on fastcpu. relaxed.test.ts runs the same cases on the relaxed-SIMD (FMA) build.
import { afterAll, beforeAll, describe, expect } from "vitest";
import { vitestSuite } from "../../lib/suite-vitest";
import { nnSuite } from "../../nn/nn.suite";
import { initBackend, tf } from "../index";
import { opsSuite } from "../ops.suite";
import { describeKernelCases } from "./kernel-cases";
import { forceKernelVariant } from "./variant";

beforeAll(async () => {
  forceKernelVariant("simd");
  await initBackend("fastcpu");
  expect(tf.getBackend()).toBe("fastcpu");
});
afterAll(async () => {
  forceKernelVariant(null);
  await tf.setBackend("cpu");
});

describeKernelCases("fastcpu kernels (plain SIMD) match tfjs cpu");

describe("PyTorch reference suites on fastcpu", () => {
  vitestSuite(opsSuite);
  vitestSuite(nnSuite);
});
