// The app bar: notebook title, run controls, kernel state and compute backend, the UI language and light/dark toggles.
import type { ReactNode } from "react";
import type { WeightsOutcome } from "../../kernel/client";
import type { BackendName, ExportFormat, KernelState } from "../../kernel/protocol";
import { useLang, useT } from "../i18n/lang";
import { WeightsControls } from "./WeightsControls";

/** Which language-tagged Markdown cells show (the UI language); "both" shows all. */
export type LangFilter = "both" | "ko" | "en";

export interface HeaderProps {
  title: string;
  kernelState: KernelState;
  backend: BackendName | null;
  backendNote: string;
  running: boolean;
  onRunAll: () => void;
  onInterrupt: () => void;
  onRestart: () => void;
  onRestartRunAll: () => void;
  theme: "light" | "dark";
  onToggleTheme: () => void;
  onExportWeights: (format: ExportFormat) => Promise<WeightsOutcome>;
  onImportWeights: (file: File) => Promise<WeightsOutcome>;
  onSaveNotebook: () => void;
  onClearOutputs: () => void;
  /** More status-bar items (the isolation badge). */
  statusExtra?: ReactNode;
}

export function Header(props: HeaderProps) {
  const { title, kernelState, backend, backendNote, running } = props;
  const t = useT();
  const { lang, setLang } = useLang();
  const kernelDown = kernelState === "starting" || kernelState === "error";
  const dark = props.theme === "dark";
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
      <nav className="gb-toolbar" aria-label={t.toolbarLabel}>
        <button type="button" className="gb-primary" data-testid="run-all" onClick={props.onRunAll}>
          {t.runAll}
        </button>
        <button type="button" data-testid="interrupt" title={t.interruptTitle} onClick={props.onInterrupt} disabled={!running}>
          {t.interrupt}
        </button>
        <button type="button" data-testid="restart" title={t.restartTitle} onClick={props.onRestart}>
          {t.restart}
        </button>
        <button type="button" data-testid="restart-run-all" title={t.restartRunAllTitle} onClick={props.onRestartRunAll}>
          {t.restartRunAll}
        </button>
        <button type="button" data-testid="clear-all-outputs" title={t.clearAllOutputsTitle} onClick={props.onClearOutputs}>
          {t.clearOutputs}
        </button>
        <span className="gb-toolbar-sep" />
        <WeightsControls disabled={kernelDown} onExport={props.onExportWeights} onImport={props.onImportWeights} />
        <button type="button" data-testid="download-ipynb" title={t.downloadIpynbTitle} onClick={props.onSaveNotebook}>
          {t.downloadIpynb}
        </button>
        <button
          type="button"
          data-testid="lang-toggle"
          data-lang={lang}
          title={t.langToggleTitle}
          aria-label={t.langToggleTitle}
          onClick={() => setLang(lang === "ko" ? "en" : "ko")}
        >
          {t.langToggle}
        </button>
        <button
          type="button"
          className="gb-theme-toggle"
          data-testid="theme-toggle"
          data-theme={props.theme}
          title={dark ? t.themeToLightTitle : t.themeToDarkTitle}
          aria-label={dark ? t.themeToLightTitle : t.themeToDarkTitle}
          onClick={props.onToggleTheme}
        >
          {dark ? t.themeToLight : t.themeToDark}
        </button>
      </nav>
      <div className="gb-status" aria-live="polite">
        <span className={`gb-kernel-dot gb-state-${kernelState}`} aria-hidden />
        <span className="gb-status-label">{t.kernelLabel}</span>
        <span data-testid="kernel-status" className={`gb-kernel-state gb-state-${kernelState}`}>
          {kernelState}
        </span>
        {kernelState === "error" && (
          <button type="button" data-testid="kernel-status-restart" title={t.kernelDeadRestartTitle} onClick={props.onRestart}>
            {t.kernelDeadRestart}
          </button>
        )}
        <span className="gb-status-label">{t.backendLabel}</span>
        <span data-testid="backend-name" className="gb-backend" title={backendNote}>
          {backend ?? ""}
        </span>
        {props.statusExtra}
      </div>
    </header>
  );
}
