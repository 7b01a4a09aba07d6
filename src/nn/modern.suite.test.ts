// Runs the modern nn reference suite in Node on tfjs cpu and wasm; e2e/backends.spec.ts runs it in the browser per backend.
import { afterAll, beforeAll, describe, expect } from "vitest";
import { initBackend, tf } from "../core";
import { vitestSuite } from "../lib/suite-vitest";
import { modernSuite } from "./modern.suite";

describe(modernSuite.name, () => vitestSuite(modernSuite));

describe(`${modernSuite.name} on wasm`, () => {
  beforeAll(async () => {
    await initBackend("wasm");
    expect(tf.getBackend()).toBe("wasm");
  });
  afterAll(async () => {
    await tf.setBackend("cpu");
  });
  vitestSuite(modernSuite);
});
