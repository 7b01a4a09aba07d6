// Error boundaries at three levels: one output, one cell, the whole notebook view; each says what failed and shows its JSON.
import type { ReactNode } from "react";
import type { Cell } from "../../../notebook/types";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { RenderFallback } from "../../components/RenderFallback";
import { useT } from "../../i18n/lang";

const reasonOf = (e: Error) => `${e.name === "Error" ? "" : `${e.name}: `}${e.message}`;

function Fallback({ kind, error, raw }: { kind: "output" | "cell" | "notebook"; error: Error; raw?: unknown }) {
  const t = useT();
  const reason = reasonOf(error);
  const message = kind === "output" ? t.outputNotShown(reason) : kind === "cell" ? t.cellNotShown(reason) : t.notebookNotShown(reason);
  return <RenderFallback message={message} raw={raw} rawLabel={t.rawJson} testId={`${kind}-fallback`} />;
}

/** One output: a malformed one becomes a fallback box; the outputs around it still render. */
export function OutputBoundary({ output, children }: { output: unknown; children: ReactNode }) {
  return (
    <ErrorBoundary resetKey={output} fallback={(e) => <Fallback kind="output" error={e} raw={output} />}>
      {children}
    </ErrorBoundary>
  );
}

/** One cell: the other cells, and the notebook's toolbar, keep working. */
export function CellBoundary({ cell, children }: { cell: Cell; children: ReactNode }) {
  const raw = { id: cell.id, cell_type: cell.type, source: cell.source, metadata: cell.metadata, outputs: cell.outputs };
  return (
    <ErrorBoundary resetKey={cell} fallback={(e) => <Fallback kind="cell" error={e} raw={raw} />}>
      {children}
    </ErrorBoundary>
  );
}

/** The notebook view: the header (download, run controls) and the library stay usable. */
export function NotebookBoundary({ resetKey, children }: { resetKey: unknown; children: ReactNode }) {
  return (
    <ErrorBoundary resetKey={resetKey} fallback={(e) => <Fallback kind="notebook" error={e} />}>
      {children}
    </ErrorBoundary>
  );
}
