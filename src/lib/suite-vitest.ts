// Registers a reference Suite as Vitest tests (one test per case).
import { it } from "vitest";
import type { Suite } from "./suite";

export function vitestSuite(suite: Suite): void {
  for (const c of suite.cases) it(c.name, () => c.run());
}
