// The app bar: notebook title, run controls, kernel state and compute backend.
import type { BackendName, KernelState } from "../../kernel/protocol";

export type LangFilter = "both" | "ko" | "en";

export interface HeaderProps {
  title: string;
  kernelState: KernelState;
  backend: BackendName | null;
  backendNote: string;
  running: boolean;
  lang: LangFilter;
  showLangToggle: boolean;
  onRunAll: () => void;
  onInterrupt: () => void;
  onRestart: () => void;
  onExportWeights: () => void;
  onSaveNotebook: () => void;
  onClearOutputs: () => void;
  onLangChange: (lang: LangFilter) => void;
}

const LANGS: { value: LangFilter; label: string }[] = [
  { value: "both", label: "한/EN" },
  { value: "ko", label: "한국어" },
  { value: "en", label: "English" },
];

export function Header(props: HeaderProps) {
  const { title, kernelState, backend, backendNote, running, lang, showLangToggle } = props;
  const kernelDown = kernelState === "starting" || kernelState === "error";
  return (
    <header className="gb-header">
      <div className="gb-brand">
        <span className="gb-logo" aria-hidden>
          ∇
        </span>
        <span className="gb-brand-name">Gradbook</span>
        <span className="gb-title" title={title}>
          {title}
        </span>
      </div>
      <nav className="gb-toolbar" aria-label="Notebook">
        <button type="button" className="gb-primary" data-testid="run-all" onClick={props.onRunAll}>
          ▶▶ Run all
        </button>
        <button type="button" data-testid="interrupt" onClick={props.onInterrupt} disabled={!running}>
          ■ Interrupt
        </button>
        <button type="button" data-testid="restart" onClick={props.onRestart}>
          ↻ Restart
        </button>
        <button type="button" onClick={props.onClearOutputs}>
          Clear outputs
        </button>
        <span className="gb-toolbar-sep" />
        <button type="button" data-testid="export-weights" onClick={props.onExportWeights} disabled={kernelDown}>
          ⤓ Export weights
        </button>
        <button type="button" data-testid="save-notebook" onClick={props.onSaveNotebook}>
          ⤓ .ipynb
        </button>
        {showLangToggle && (
          <div className="gb-segmented" role="group" aria-label="Language">
            {LANGS.map((l) => (
              <button
                type="button"
                key={l.value}
                aria-pressed={lang === l.value}
                className={lang === l.value ? "gb-on" : ""}
                onClick={() => props.onLangChange(l.value)}
              >
                {l.label}
              </button>
            ))}
          </div>
        )}
      </nav>
      <div className="gb-status" aria-live="polite">
        <span className={`gb-kernel-dot gb-state-${kernelState}`} aria-hidden />
        <span className="gb-status-label">kernel</span>
        <span data-testid="kernel-status" className={`gb-kernel-state gb-state-${kernelState}`}>
          {kernelState}
        </span>
        <span className="gb-status-label">backend</span>
        <span data-testid="backend-name" className="gb-backend" title={backendNote}>
          {backend ?? ""}
        </span>
      </div>
    </header>
  );
}
