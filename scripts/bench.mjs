// Launches the bench driver (scripts/bench.ts) through Vite's module runner: TypeScript without a build step.
import { launchTs } from "./launch-ts.mjs";

// The memory bench runs tfjs-wasm in Node: its CommonJS build must be imported natively (the module runner cannot).
await import("@tensorflow/tfjs-backend-wasm");

await launchTs(new URL("./bench.ts", import.meta.url));
