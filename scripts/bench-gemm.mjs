// Launches the GEMM micro-bench (scripts/bench-gemm.ts) through Vite's module runner: TypeScript without a build step.
import { launchTs } from "./launch-ts.mjs";

// fastcpu runs on tfjs-wasm, whose CommonJS build must be imported natively (the module runner cannot).
await import("@tensorflow/tfjs-backend-wasm");

await launchTs(new URL("./bench-gemm.ts", import.meta.url));
