// The page's MNIST upload in the kernel: checks the files (data/mnist-upload via deps) and answers with what was kept.
import { summarize } from "../runtime/error-summary";
import type { KernelDeps, Post } from "../runtime/kernel-deps";
import type { ToKernel } from "../protocol";

export type MnistImport = Extract<ToKernel, { type: "import-mnist" }>;

/** Answers `import-mnist` with a `weights-result` naming the files kept, or an `error` (nothing kept) with its requestId. */
export async function importMnist<K extends { dispose(): void }>(deps: KernelDeps<K>, msg: MnistImport, post: Post): Promise<void> {
  const { requestId } = msg;
  try {
    if (!deps.importMnist) throw new Error("This kernel cannot keep MNIST files (no browser storage here).");
    const kept = await deps.importMnist(msg.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.buffer) })));
    post({ type: "weights-result", requestId, message: kept.join(", ") });
  } catch (e) {
    const { ename, evalue } = summarize(e);
    post({ type: "error", requestId, ename, evalue, traceback: [`${ename}: ${evalue}`] });
  }
}
