// Launches the headless runner CLI (scripts/run-notebook.ts) through Vite's module runner: TypeScript without a build step.
import { launchTs } from "./launch-ts.mjs";

// Its errors are written for the user (which file, which flag): the message alone, no stack.
await launchTs(new URL("./run-notebook.ts", import.meta.url), { stack: false });
