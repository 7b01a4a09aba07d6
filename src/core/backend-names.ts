// The names of tfjs backends Gradbook can run on (types only, shared by core/backend.ts and core/auto-pick.ts).

/** A compute backend tfjs can run on (fastcpu: tfjs-wasm plus Gradbook's SIMD kernels). */
export type BackendName = "webgpu" | "webgl" | "fastcpu" | "wasm" | "cpu";
/** What the user asked for: a backend, or `auto` (chosen by measurement). */
export type BackendChoice = BackendName | "auto";
