// A code cell: Monaco editor (loaded lazily, source shown meanwhile), run button, prompt and outputs.
import { lazy, memo, Suspense } from "react";
import type { Cell } from "../../../notebook/types";
import { errorLineOf } from "../../../notebook/reducer";
import { CellShell } from "../../components/CellShell";
import { OutputArea } from "./OutputArea";

// Monaco is the biggest thing on the page; the notebook paints first, editors arrive a moment later.
const CodeEditor = lazy(() => import("../editor/CodeEditor"));

export interface CodeCellProps {
  cell: Cell;
  selected: boolean;
  focusKey?: number;
  onSelect: (id: string) => void;
  onRun: (id: string, advance: "stay" | "next") => void;
  onChange: (id: string, source: string) => void;
  onDelete: (id: string) => void;
}

export const CodeCell = memo(function CodeCell({ cell, selected, focusKey, onSelect, onRun, onChange, onDelete }: CodeCellProps) {
  return (
    <CellShell
      cellType="code"
      cellId={cell.id}
      selected={selected}
      runState={cell.runState}
      executionCount={cell.executionCount}
      onSelect={() => onSelect(cell.id)}
      onRun={() => onRun(cell.id, "stay")}
      onDelete={() => onDelete(cell.id)}
      outputs={<OutputArea outputs={cell.outputs} source={cell.source} />}
    >
      <Suspense fallback={<pre className="gb-editor-fallback">{cell.source || " "}</pre>}>
        <CodeEditor
          cellId={cell.id}
          value={cell.source}
          onChange={(source) => onChange(cell.id, source)}
          onRun={(advance) => onRun(cell.id, advance)}
          onFocus={() => onSelect(cell.id)}
          errorLine={errorLineOf(cell)}
          focusKey={focusKey}
        />
      </Suspense>
    </CellShell>
  );
});
