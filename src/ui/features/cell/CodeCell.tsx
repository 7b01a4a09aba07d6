// A code cell: Monaco editor (loaded lazily, source shown meanwhile), run button, prompt, elapsed time and outputs.
import { lazy, memo, Suspense } from "react";
import { errorLineOf } from "../../../notebook/reducer";
import { CellShell } from "../../components/CellShell";
import { RunHistoryScope } from "../charts/RunHistoryScope";
import { SelectedCellToolbar, type CellProps } from "./CellChrome";
import { OutputArea } from "./OutputArea";
import { ResumeOffer, type ResumeOfferProps } from "./ResumeOffer";

// Monaco is the biggest thing on the page; the notebook paints first, editors arrive a moment later.
const CodeEditor = lazy(() => import("../editor/CodeEditor"));

export interface CodeCellProps extends CellProps {
  /** The cell's unfinished training checkpoint, when it has one (shown only while the cell is idle). */
  resume?: ResumeOfferProps["info"];
  onResume?: (id: string) => void;
}

export const CodeCell = memo(function CodeCell(props: CodeCellProps) {
  const { cell, selected, mode, editKey, actions, resume, onResume } = props;
  const id = cell.id;
  return (
    <CellShell
      cellType="code"
      cellId={id}
      selected={selected}
      mode={mode}
      runState={cell.runState}
      executionCount={cell.executionCount}
      startedAt={cell.startedAt}
      elapsedMs={cell.elapsedMs}
      onSelect={() => actions.select(id)}
      onRun={() => actions.run(id, "stay")}
      toolbar={<SelectedCellToolbar {...props} />}
      outputs={
        <RunHistoryScope cell={cell}>
          <OutputArea outputs={cell.outputs} source={cell.source} />
          {resume && onResume && cell.runState === "idle" && <ResumeOffer info={resume} onResume={() => onResume(id)} />}
        </RunHistoryScope>
      }
    >
      <Suspense fallback={<pre className="gb-editor-fallback">{cell.source || " "}</pre>}>
        <CodeEditor
          cellId={id}
          value={cell.source}
          onChange={(source) => actions.change(id, source)}
          onRun={(then, source) => actions.run(id, then, source)}
          onEscape={() => actions.commandMode(id)}
          errorLine={errorLineOf(cell)}
          focusKey={editKey}
        />
      </Suspense>
    </CellShell>
  );
});
