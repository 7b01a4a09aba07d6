// Vite config: the React app, the kernel worker (ES module), MNIST serving, and COOP/COEP for SharedArrayBuffer.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { apiDtsPlugin } from "./vite/api-dts-plugin";
import { basePath } from "./vite/base-path";
import { cspHeaders, cspPlugin } from "./vite/csp-plugin";
import { mnistPlugin } from "./vite/mnist-plugin";
import { swPlugin } from "./vite/sw-plugin";
import { tfjsWasmPlugin } from "./vite/tfjs-wasm-plugin";

// Cross-origin isolation lets the kernel share an interrupt flag with the page (SharedArrayBuffer).
const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  // GRADBOOK_BASE=/gradbook/ npm run build for https://host/gradbook/ (default "/").
  base: basePath(),
  // swPlugin: the service worker (offline + cross-origin isolation on plain static hosts) and the web app manifest.
  plugins: [react(), mnistPlugin(), tfjsWasmPlugin(), apiDtsPlugin(), cspPlugin(), swPlugin()],
  // keepNames: printed modules and tracebacks show Linear(…), not the minifier's short names.
  worker: { format: "es", rolldownOptions: { output: { keepNames: true } } },
  server: { headers: isolationHeaders, port: 5173, strictPort: false },
  // The built app ships a Content-Security-Policy (vite/csp-plugin.ts): a <meta> in each page, a header here.
  preview: { headers: { ...isolationHeaders, ...cspHeaders }, port: 4173 },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      output: { keepNames: true },
      input: {
        main: "index.html",
        // The reference suites on every backend in a real browser (e2e/backends.spec.ts).
        harness: "e2e/harness/index.html",
        // The headless notebook runner's page (npm run notebook; src/notebook/headless/).
        runner: "runner.html",
      },
    },
  },
});
