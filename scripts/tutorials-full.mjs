// Launches scripts/tutorials-full.ts (npm run tutorials:full) through Vite's module runner: TypeScript without a build step.
import { launchTs } from "./launch-ts.mjs";

await launchTs(new URL("./tutorials-full.ts", import.meta.url));
