// Types of the virtual modules our Vite plugins provide (vite/api-dts-plugin.ts, vite/tfjs-wasm-plugin.ts).
declare module "virtual:gradbook-dts" {
  /** Declaration files of the gradbook API, by path relative to the package root (`index.d.ts`, `globals.d.ts`, …). */
  export const files: Record<string, string>;
}

declare module "virtual:tfjs-wasm" {
  /** URL path (with the app's base, ending in "/") of the folder holding the tfjs .wasm binaries. */
  export const wasmPath: string;
  export const wasmFiles: string[];
}
