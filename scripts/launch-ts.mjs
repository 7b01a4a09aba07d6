// Runs a scripts/*.ts CLI through Vite's module runner (TypeScript without a build step); the .mjs launchers share it.
import { runnerImport } from "vite";

/**
 * Imports `entry` (e.g. `new URL("./bench.ts", import.meta.url)`) through the module runner, calls its
 * `main(argv)` and sets the process exit code to what it returns. An error thrown by `main` is printed and exits 1:
 * with its stack, or with `stack: false` only its message (for CLIs whose errors are written for the user).
 */
export async function launchTs(entry, { stack = true } = {}) {
  const { module } = await runnerImport(entry.pathname, { configFile: false, logLevel: "error" });
  try {
    process.exitCode = await module.main(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? `Error: ${stack ? (e.stack ?? e.message) : e.message}` : e);
    process.exitCode = 1;
  }
}
