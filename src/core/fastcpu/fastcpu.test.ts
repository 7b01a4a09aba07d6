// fastcpu's SIMD kernels against tfjs's cpu backend over odd shapes, then the PyTorch ops/nn suites on fastcpu.
import { afterAll, beforeAll, describe, expect } from "vitest";
import { vitestSuite } from "../../lib/suite-vitest";
import { nnSuite } from "../../nn/nn.suite";
import { initBackend, tf } from "../index";
import { opsSuite } from "../ops.suite";
import { describeKernelCases } from "./kernel-cases";

beforeAll(async () => {
  await initBackend("fastcpu");
  expect(tf.getBackend()).toBe("fastcpu");
});
afterAll(async () => {
  await tf.setBackend("cpu");
});

describeKernelCases("fastcpu kernels match tfjs cpu");

describe("PyTorch reference suites on fastcpu", () => {
  vitestSuite(opsSuite);
  vitestSuite(nnSuite);
});
