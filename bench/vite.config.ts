// Vite config for the bench page only (npm run bench): builds bench/index.html into bench/dist, apart from the app.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { tfjsWasmPlugin } from "../vite/tfjs-wasm-plugin";

// The repo root stays Vite's root so tfjsWasmPlugin finds node_modules; only the input and outDir differ from the app.
const root = fileURLToPath(new URL("..", import.meta.url));

// Cross-origin isolation as in the app, so SharedArrayBuffer (and wasm threads) are available to the worker.
const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root,
  publicDir: false,
  plugins: [tfjsWasmPlugin()],
  worker: { format: "es" },
  preview: { headers: isolationHeaders },
  build: {
    target: "es2022",
    outDir: "bench/dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    rolldownOptions: { input: { bench: "bench/index.html" } },
  },
});
