// Building from scripts, and whether dist/ (the built app) is older than its sources: shared by `npm run notebook`,
// `npm run tutorials:full` and the bench.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type InlineConfig } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Newest modification time under `p` (a file or a folder, recursively). */
function newest(p: string): number {
  const stat = statSync(p, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(p).map((name) => newest(path.join(p, name))));
}

/** dist/ lacks the runner page, or a source is newer than the last build. */
export function buildIsStale(): boolean {
  const built = statSync(path.join(root, "dist/runner.html"), { throwIfNoEntry: false });
  if (!built) return true;
  const sources = ["src", "vite", "index.html", "runner.html", "vite.config.ts", "package.json"];
  return Math.max(...sources.map((s) => newest(path.join(root, s)))) > built.mtimeMs;
}


/**
 * `vite build` from a script: Vite's module runner (scripts/*.mjs) leaves NODE_ENV=development in the process, and a
 * build under it bundles React's development build (several times slower), so force production for the build.
 */
export async function buildProduction(config: InlineConfig): Promise<void> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ mode: "production", ...config });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}
