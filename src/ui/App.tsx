// The app: header with run controls and kernel status, then the notebook; owns the document state.
import { useCallback, useReducer, useRef, useState } from "react";
import { saveWithAnchor, type KernelClient } from "../kernel/client/client";
import { notebookReducer } from "../notebook/reducer";
import { validateDoc } from "../notebook/validate/validate-doc";
import { Header } from "./components/Header";
import { ChartPrewarm } from "./features/charts/ChartPrewarm";
import { useCurrentNotebook } from "./features/library/current-notebook";
import { NotebookBoundary } from "./features/cell/boundaries";
import { ExportPythonDialog, exportPythonEntries } from "./features/export-python/ExportPythonDialog";
import { downloadNotebook } from "./features/notebook/download-notebook";
import { NotebookNotices } from "./features/notebook/NotebookNotices";
import { NotebookView } from "./features/notebook/NotebookView";
import { MnistNotice, MnistUploadButton } from "./features/pwa/MnistUpload";
import { IsolationBadge, UpdatePrompt } from "./features/pwa/PwaStatus";
import type { Isolation } from "./features/pwa/service-worker";
import type { OpenedNotebook } from "./features/notebook/open-tutorial";
import { useKernelSession } from "./hooks/use-kernel-session";
import { WidgetChannelContext } from "./features/widgets/widget-channel";
import { useNotebookRunner } from "./hooks/use-notebook-runner";
import { useTheme } from "./hooks/use-theme";
import { useLang } from "./i18n/lang";

export interface AppProps {
  client: KernelClient;
  opened: OpenedNotebook;
  /** How the page got cross-origin isolation (main.tsx), shown in the status bar. */
  isolation?: Isolation;
}

export function App({ client, opened, isolation }: AppProps) {
  // Malformed Gradbook payloads are dropped on load, with notes shown above the notebook (validate-doc.ts).
  const [loaded] = useState(() => validateDoc(opened.doc));
  const [doc, dispatch] = useReducer(notebookReducer, loaded.doc);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  // Markdown cells tagged `lang: "ko" | "en"` follow the UI language.
  const { lang } = useLang();
  const [problem, setProblem] = useState(opened.problem);
  const { session, dismissError } = useKernelSession(client, dispatch);
  const docRef = useRef(doc);
  docRef.current = doc;
  // Autosaves every version of the document; title and file name follow renames.
  const notebook = useCurrentNotebook(doc, opened);

  const runner = useNotebookRunner(client, doc, dispatch, notebook.id);
  const { theme, toggleTheme } = useTheme();
  const saveIpynb = () => setDownloadError(downloadNotebook(docRef.current, notebook.fileName));
  // Export → PyTorch notebook / script: a dialog lists what could not be translated before the download.
  const [pythonExport, setPythonExport] = useState<"ipynb" | "py" | null>(null);
  const closePythonExport = useCallback(() => setPythonExport(null), []);

  const running = doc.cells.some((c) => c.runState !== "idle");

  return (
    <div className="gb-app">
      <ChartPrewarm />
      <Header
        title={notebook.title}
        kernelState={session.state}
        startup={session.startup}
        startupFailed={session.startupFailed}
        backend={session.backend}
        backendNote={session.backendNote}
        running={running}
        onRunAll={runner.runAll}
        onInterrupt={runner.interrupt}
        onRestart={runner.restart}
        onRestartRunAll={runner.restartRunAll}
        theme={theme}
        onToggleTheme={toggleTheme}
        onExportWeights={(format) => client.exportWeights(format)}
        onImportWeights={async (file) => client.importWeights(file.name, await file.arrayBuffer())}
        onSaveNotebook={saveIpynb}
        onInspect={() => client.inspect()}
        entries={exportPythonEntries(setPythonExport, lang === "ko" ? "ko" : "en")}
        onClearOutputs={() => dispatch({ type: "clear-outputs" })}
        statusExtra={
          <>
            {isolation && <IsolationBadge isolation={isolation} />}
            <MnistUploadButton client={client} />
          </>
        }
      />
      <UpdatePrompt />
      <MnistNotice />
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
      <NotebookNotices loadNotes={loaded.notes} downloadError={downloadError} onDismissDownload={() => setDownloadError(null)} />
      {pythonExport && (
        <ExportPythonDialog format={pythonExport} doc={docRef.current} fileName={notebook.fileName} save={saveWithAnchor} onClose={closePythonExport} onError={setDownloadError} />
      )}
      <WidgetChannelContext.Provider value={client}>
        <NotebookBoundary resetKey={doc}>
          <NotebookView doc={doc} dispatch={dispatch} runner={runner} lang={lang} notebookId={notebook.id} />
        </NotebookBoundary>
      </WidgetChannelContext.Provider>
    </div>
  );
}
