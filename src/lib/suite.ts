// Reference suites: named cases that run the same in Vitest (Node, tfjs cpu) and in the browser on every backend.

export interface SuiteCase {
  name: string;
  /** Throws (e.g. via assertClose) when the result is wrong. */
  run(): void | Promise<void>;
}

export interface Suite {
  name: string;
  cases: SuiteCase[];
}

export interface CaseResult {
  suite: string;
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

/** Runs every case, collecting results instead of stopping at the first failure. */
export async function runSuite(suite: Suite, onlyNames?: (name: string) => boolean): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of suite.cases) {
    if (onlyNames && !onlyNames(c.name)) continue;
    const t0 = performance.now();
    try {
      await c.run();
      out.push({ suite: suite.name, name: c.name, ok: true, ms: performance.now() - t0 });
    } catch (e) {
      out.push({ suite: suite.name, name: c.name, ok: false, error: e instanceof Error ? e.message : String(e), ms: performance.now() - t0 });
    }
  }
  return out;
}
