// A Monaco editor for one code cell: one TypeScript model per cell, grows with its content, marks the error line, Jupyter's run keys.
import { useEffect, useRef, useState } from "react";
import { cellModelPath } from "./extra-libs";
import { monaco, recheckAllCells } from "./monaco-setup";
import { disposeLater, onMountsSettled, queueMount } from "./mount-queue";

// Once a notebook's editors are all mounted, every cell is checked again against all the others (mount-queue.ts).
onMountsSettled(recheckAllCells);

export interface CodeEditorProps {
  cellId: string;
  /** The initial text; later changes come from the editor itself. */
  value: string;
  onChange: (value: string) => void;
  /** "stay" for Ctrl/Cmd+Enter, "next" for Shift+Enter (run, select the next cell), "insert" for Alt+Enter (run, add one below). */
  onRun: (then: "stay" | "next" | "insert", source: string) => void;
  /** Esc (when no suggestion, hint or find widget is open): leave the editor for command mode. */
  onEscape?: () => void;
  /** 1-based line of the last run's error, highlighted until the next run. */
  errorLine?: number;
  /** Changes whenever the notebook wants this editor focused (e.g. after Shift+Enter in the cell above). */
  focusKey?: number;
}

const LINE_HEIGHT = 19;

/** Esc belongs to Monaco while one of its widgets is open (closing a suggestion must not leave the editor). */
const ESC_WHEN =
  "!suggestWidgetVisible && !parameterHintsVisible && !findWidgetVisible && !renameInputVisible && !inSnippetMode && " +
  "!editorHasMultipleSelections && !markersNavigationVisible && !referenceSearchVisible && !inlineSuggestionVisible";

export default function CodeEditor({ cellId, value, onChange, onRun, onEscape, errorLine, focusKey }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  // Handlers change every render; the editor's listeners read the latest through this ref.
  const handlers = useRef({ onChange, onRun, onEscape });
  handlers.current = { onChange, onRun, onEscape };
  // Editors mount a few at a time (mount-queue.ts); until then the cell shows its source as plain text.
  const [mounted, setMounted] = useState(false);
  const mountNow = useRef<() => void>(() => {});
  const latest = useRef({ value, errorLine, focused: false });
  latest.current = { ...latest.current, value, errorLine };

  useEffect(() => {
    let cleanup: (() => void) | null = null;
    const queued = queueMount(host.current!, () => {
      cleanup = mountEditor();
      setMounted(true);
    });
    mountNow.current = queued.now;
    return () => {
      queued.cancel();
      cleanup?.();
    };
    // Same reasoning as below: one editor per cell id.
  }, [cellId]);

  function mountEditor(): () => void {
    const { value } = latest.current;
    const uri = monaco.Uri.parse(cellModelPath(cellId));
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(value, "typescript", uri);
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      scrollbar: { vertical: "hidden", alwaysConsumeMouseWheel: false, horizontalScrollbarSize: 8 },
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      lineNumbers: "on",
      lineNumbersMinChars: 3,
      glyphMargin: false,
      folding: false,
      fontSize: 13.5,
      lineHeight: LINE_HEIGHT,
      fontFamily: "'JetBrains Mono', 'D2Coding', 'Fira Code', Menlo, Consolas, monospace",
      renderLineHighlight: "none",
      tabSize: 2,
      padding: { top: 8, bottom: 8 },
      // Hovers and suggestions escape the cell's box instead of being clipped by it.
      fixedOverflowWidgets: true,
      wordWrap: "on",
      contextmenu: true,
    });
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection();
    // Colour the lines at once: a new editor's lines are otherwise tokenized in the browser's idle time, which a page
    // busy starting its kernel does not have for seconds. Restoring its own view state makes Monaco tokenize the visible
    // lines now (its "visible lines stabilized" path; the TypeScript tokenizer is registered up front in monaco-setup).
    const viewState = editor.saveViewState();
    if (viewState) editor.restoreViewState(viewState);

    const fit = () => {
      if (host.current) host.current.style.height = `${Math.max(editor.getContentHeight(), LINE_HEIGHT + 16)}px`;
    };
    fit();
    // Korean (and other) input methods compose a syllable over several keys; a key that ends a composition is
    // the input method's, never a run.
    let composing = false;
    const subscriptions = [
      editor.onDidContentSizeChange(fit),
      model.onDidChangeContent(() => handlers.current.onChange(model.getValue())),
      editor.onDidCompositionStart(() => (composing = true)),
      editor.onDidCompositionEnd(() => (composing = false)),
    ];
    // Actions, unlike addCommand, are bound to this editor only.
    const action = (id: string, label: string, keybinding: number, run: () => void, precondition?: string) =>
      editor.addAction({ id, label, keybindings: [keybinding], precondition, run: () => void (composing || run()) });
    action("gradbook.run-next", "Run cell and select next", monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => handlers.current.onRun("next", model.getValue()));
    action("gradbook.run", "Run cell", monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => handlers.current.onRun("stay", model.getValue()));
    action("gradbook.run-insert", "Run cell and insert below", monaco.KeyMod.Alt | monaco.KeyCode.Enter, () => handlers.current.onRun("insert", model.getValue()));
    action("gradbook.command-mode", "Leave the editor (command mode)", monaco.KeyCode.Escape, () => handlers.current.onEscape?.(), ESC_WHEN);
    if (latest.current.focused) {
      latest.current.focused = false;
      editor.focus();
    }
    return () => {
      for (const s of subscriptions) s.dispose();
      editorRef.current = null;
      // The host has left the page with its cell; freeing Monaco's editor and model can wait for a quiet slice (a
      // model for the same cell mounted meanwhile replaces this one by its URI; disposing twice is harmless).
      disposeLater(() => {
        editor.dispose();
        model.dispose();
      });
    };
    // The editor owns its text once created; `value` only seeds the model. Pushing later `value`s back in would
    // race the keyboard (React renders a keystroke behind); a new document means new cells, hence new editors.
  }

  useEffect(() => {
    const editor = editorRef.current;
    const collection = decorations.current;
    if (!editor || !collection) return;
    if (errorLine === undefined || errorLine < 1 || errorLine > (editor.getModel()?.getLineCount() ?? 0)) {
      collection.clear();
      return;
    }
    collection.set([
      {
        range: new monaco.Range(errorLine, 1, errorLine, 1),
        options: {
          isWholeLine: true,
          className: "gb-error-line",
          linesDecorationsClassName: "gb-error-gutter",
          hoverMessage: { value: "The error was raised on this line." },
        },
      },
    ]);
    editor.revealLineInCenterIfOutsideViewport(errorLine);
  }, [errorLine, mounted]);

  /** Mounts at once (if still queued) and focuses: the user wants to type here. */
  const wantFocus = () => {
    if (editorRef.current) return;
    latest.current.focused = true;
    mountNow.current();
  };

  useEffect(() => {
    if (focusKey === undefined) return;
    wantFocus();
    editorRef.current?.focus();
    // wantFocus only reads refs.
  }, [focusKey]);

  return (
    <div ref={host} className="gb-editor" data-testid="cell-editor" data-mounted={mounted} onPointerDown={wantFocus}>
      {/* Inside the host, so Monaco takes it over when it mounts; the same height as the editor will have. */}
      {!mounted && (
        <pre className="gb-editor-fallback" style={{ height: `${lineCount(value) * LINE_HEIGHT + 16}px`, margin: 0 }}>
          {value || " "}
        </pre>
      )}
    </div>
  );
}

function lineCount(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
