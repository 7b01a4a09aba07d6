// Whether dist/ (the built app) is older than its sources: shared by `npm run notebook` and the UI bench.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

