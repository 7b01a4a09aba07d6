// Launches the bench driver (scripts/bench.ts) through Vite's module runner: TypeScript without a build step.
import { runnerImport } from "vite";

// The memory bench runs tfjs-wasm in Node: its CommonJS build must be imported natively (the module runner cannot).
await import("@tensorflow/tfjs-backend-wasm");

const { module } = await runnerImport(new URL("./bench.ts", import.meta.url).pathname, {
  configFile: false,
  logLevel: "error",
});
try {
  process.exitCode = await module.main(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof Error ? `Error: ${e.stack ?? e.message}` : e);
  process.exitCode = 1;
}
