// Launches scripts/tutorials-full.ts (npm run tutorials:full) through Vite's module runner: TypeScript without a build step.
import { runnerImport } from "vite";

const { module } = await runnerImport(new URL("./tutorials-full.ts", import.meta.url).pathname, {
  configFile: false,
  logLevel: "error",
});
try {
  process.exitCode = await module.main(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof Error ? `Error: ${e.stack ?? e.message}` : e);
  process.exitCode = 1;
}
