// Tests for test-mnist-source.ts: the unit tests look for MNIST in the dev server's order (env, ../shared/mnist, cache).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_MNIST_FILES } from "./mnist-files";
import { findTestMnist } from "./test-mnist-source";

function folderWithMnist(dir: string, files = ALL_MNIST_FILES.map((f) => f.name)): string {
  mkdirSync(dir, { recursive: true });
  for (const name of files) writeFileSync(join(dir, name), "x");
  return dir;
}

describe("findTestMnist", () => {
  it("finds a fresh clone's cache, prefers ../shared/mnist, and GRADBOOK_MNIST_DIR overrides both", () => {
    const base = mkdtempSync(join(tmpdir(), "gb-mnist-"));
    const root = join(base, "clone");
    mkdirSync(root);
    expect(findTestMnist(root, {}).missing).toMatch(/no folder holds the four MNIST .gz files; looked in .*shared\/mnist \(shared\), .*\.cache\/mnist \(cache\)/);

    folderWithMnist(join(root, ".cache/mnist"));
    expect(findTestMnist(root, {})).toEqual({ dir: join(root, ".cache/mnist"), source: "cache", missing: null });

    folderWithMnist(join(base, "shared/mnist"));
    expect(findTestMnist(root, {})).toMatchObject({ dir: join(base, "shared/mnist"), source: "shared" });

    const mine = folderWithMnist(join(base, "mine"));
    expect(findTestMnist(root, { GRADBOOK_MNIST_DIR: mine })).toMatchObject({ dir: mine, source: "GRADBOOK_MNIST_DIR" });
    // An explicit folder is the only place looked at, as in the dev server: a typo fails, it does not fall back.
    expect(findTestMnist(root, { GRADBOOK_MNIST_DIR: join(base, "typo") }).missing).toMatch(/typo \(GRADBOOK_MNIST_DIR\)/);
  });

  it("a folder missing one of the four files does not count", () => {
    const base = mkdtempSync(join(tmpdir(), "gb-mnist-"));
    folderWithMnist(join(base, "clone/.cache/mnist"), ALL_MNIST_FILES.slice(1).map((f) => f.name));
    expect(findTestMnist(join(base, "clone"), {}).dir).toBeNull();
  });
});
