// The modern nn set checked against PyTorch: every case of nn/__fixtures__/modern-reference.json
// (scripts/torch_reference_modern.py). Runs in Node (modern.suite.test.ts) and in Chromium per backend (e2e/harness).
import { noLeak } from "../core/ops.suite";
import type { Suite } from "../lib/suite";
import fixture from "./__fixtures__/modern-reference.json";
import { runners, type Case } from "./modern-cases";

export const modernSuite: Suite = {
  name: `modern nn vs PyTorch ${fixture.torch_version}`,
  cases: (fixture.cases as unknown as Case[]).map((c) => ({ name: `${c.kind} ${c.name}`, run: () => noLeak(() => runners[c.kind](c)) })),
};
