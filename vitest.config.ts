// Vitest: unit tests beside the code, in Node on tfjs's cpu backend.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "vite/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    setupFiles: ["src/core/test-setup.ts"],
  },
});
