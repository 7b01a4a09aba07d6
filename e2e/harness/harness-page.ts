// Test page: runs the PyTorch reference suites (ops, nn, modern nn, optim) on the backend named by ?backend= and publishes results.
import { initBackend, type BackendName } from "../../src/core";
import { runSuite, type CaseResult, type Suite } from "../../src/lib/suite";
import { opsSuite } from "../../src/core/ops.suite";
import { nnSuite } from "../../src/nn/nn.suite";
import { modernSuite } from "../../src/nn/modern.suite";
import { optimSuite } from "../../src/optim/optim.suite";
import { fastCpuThreads, setThreadThreshold, threadedKernelCount } from "../../src/core/fastcpu/threaded";

interface HarnessResult {
  requested: string;
  backend?: string;
  note?: string;
  startError?: string;
  /** fastcpu only: threads in its pool, and kernels that ran on the pool. */
  threads?: number;
  pooledKernels?: number;
  results: CaseResult[];
}

declare global {
  interface Window {
    __harness?: HarnessResult;
  }
}

const log = document.getElementById("log")!;

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const requested = (params.get("backend") ?? "cpu") as BackendName;
  // ?threads=all sends every fastcpu GEMM and convolution through the thread pool, however small.
  if (params.get("threads") === "all") setThreadThreshold(0);
  const out: HarnessResult = { requested, results: [] };
  try {
    const info = await initBackend(requested, { wasmBaseUrl: new URL("/tfjs-wasm/", location.href).href });
    out.backend = info.backend;
    out.note = info.note;
  } catch (e) {
    out.startError = e instanceof Error ? e.message : String(e);
  }
  if (out.backend === requested) {
    // ?suites=modern,optim runs only those (by the first word of their names); default: all.
    const only = params.get("suites")?.split(",");
    const suites: Suite[] = [opsSuite, nnSuite, modernSuite, optimSuite].filter((s) => !only || only.includes(s.name.split(" ")[0]));
    for (const s of suites) out.results.push(...(await runSuite(s)));
    if (requested === "fastcpu") Object.assign(out, { threads: fastCpuThreads(), pooledKernels: threadedKernelCount() });
  }
  const failed = out.results.filter((r) => !r.ok);
  log.textContent = `${out.backend ?? "no backend"}: ${out.results.length - failed.length} passed, ${failed.length} failed\n` + failed.map((r) => `${r.suite} / ${r.name}: ${r.error}`).join("\n");
  window.__harness = out;
}

void main();
