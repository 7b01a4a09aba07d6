// The app: header with run controls and kernel status, then the notebook; owns the document state.
import { useCallback, useReducer, useRef, useState } from "react";
import type { KernelClient } from "../kernel/client";
import { saveWithAnchor } from "../kernel/client";
import { saveNotebook } from "../notebook/ipynb-convert";
import { notebookReducer } from "../notebook/reducer";
import { Header, type LangFilter } from "./components/Header";
import { NotebookView } from "./features/notebook/NotebookView";
import type { OpenedNotebook } from "./features/notebook/open-tutorial";
import { useKernelSession } from "./hooks/use-kernel-session";

export interface AppProps {
  client: KernelClient;
  opened: OpenedNotebook;
}

export function App({ client, opened }: AppProps) {
  const [doc, dispatch] = useReducer(notebookReducer, opened.doc);
  const [lang, setLang] = useState<LangFilter>("both");
  const [problem, setProblem] = useState(opened.problem);
  const { session, dismissError } = useKernelSession(client, dispatch);
  const docRef = useRef(doc);
  docRef.current = doc;

  const runCell = useCallback(
    (id: string) => {
      const cell = docRef.current.cells.find((c) => c.id === id);
      if (!cell || cell.type !== "code" || cell.runState !== "idle") return;
      dispatch({ type: "run-queued", id, runId: client.execute(id, cell.source) });
    },
    [client],
  );
  const runAll = () => {
    for (const cell of docRef.current.cells) if (cell.type === "code") runCell(cell.id);
  };
  const saveIpynb = () => {
    const bytes = new TextEncoder().encode(saveNotebook(docRef.current));
    saveWithAnchor(opened.fileName, "application/x-ipynb+json", bytes.buffer as ArrayBuffer);
  };

  const running = doc.cells.some((c) => c.runState !== "idle");
  const hasLangCells = doc.cells.some((c) => c.type === "markdown" && (c.metadata.lang === "ko" || c.metadata.lang === "en"));

  return (
    <div className="gb-app">
      <Header
        title={opened.title}
        kernelState={session.state}
        backend={session.backend}
        backendNote={session.backendNote}
        running={running}
        lang={lang}
        showLangToggle={hasLangCells}
        onRunAll={runAll}
        onInterrupt={() => client.interrupt()}
        onRestart={() => client.restart()}
        onExportWeights={() => client.exportWeights()}
        onSaveNotebook={saveIpynb}
        onClearOutputs={() => dispatch({ type: "clear-outputs" })}
        onLangChange={setLang}
      />
      {(problem || session.kernelError) && (
        <div className="gb-banners">
          {problem && (
            <div className="gb-banner gb-banner-warn" role="status">
              {problem}
              <button type="button" aria-label="Dismiss" onClick={() => setProblem(null)}>
                ×
              </button>
            </div>
          )}
          {session.kernelError && (
            <div className="gb-banner gb-banner-error" role="alert" data-testid="kernel-error">
              {session.kernelError}
              <button type="button" aria-label="Dismiss" onClick={dismissError}>
                ×
              </button>
            </div>
          )}
        </div>
      )}
      <NotebookView doc={doc} dispatch={dispatch} runCell={runCell} lang={lang} />
    </div>
  );
}
