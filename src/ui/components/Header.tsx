// The app bar: notebook title, run controls, kernel state and compute backend, the UI language and light/dark toggles.
import type { ReactNode } from "react";
import type { StartupProgress, WeightsOutcome } from "../../kernel/client/client";
import type { BackendName, ExportFormat, KernelState, StartupPhase, VarInfo } from "../../kernel/protocol";
import { useLang, useT } from "../i18n/lang";
import { VariableInspector } from "../features/inspector/VariableInspector";
import { MoreMenu } from "../features/toolbar/MoreMenu";
import { RestartButtons } from "../features/toolbar/RestartButtons";
import { ToolbarButton, type ToolbarEntry } from "../features/toolbar/ToolbarButton";
import { KernelStartup } from "./KernelStartup";
import { WeightsControls } from "./WeightsControls";

/** Which language-tagged Markdown cells show (the UI language); "both" shows all. */
export type LangFilter = "both" | "ko" | "en";

export interface HeaderProps {
  title: string;
  kernelState: KernelState;
  /** What the starting kernel is doing, and the phase a failed start died in. */
  startup?: StartupProgress | null;
  startupFailed?: StartupPhase | null;
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
  /** Reads the kernel's variables for the inspector panel (only while it is open). */
  onInspect?: () => Promise<VarInfo[]>;
  /** More toolbar entries (exports, uploads): in the ⋯ menu after Download .ipynb, so the bar keeps one row. */
  entries?: ToolbarEntry[];
  /** More status-bar items (the isolation badge). */
  statusExtra?: ReactNode;
}

/** auto's measured step times from the backend note ("fastcpu 0.91 ms, wasm 3.2 ms"), reasons left to the tooltip. */
function measuredTimings(note: string): string | null {
  const m = /auto by measurement \([^:]*: ([^;]*);/.exec(note);
  return m ? m[1].replace(/ not timed \([^)]*\)/g, " –") : null;
}

export function Header(props: HeaderProps) {
  const { title, kernelState, backend, backendNote, running } = props;
  const t = useT();
  const { lang, setLang } = useLang();
  const kernelDown = kernelState === "starting" || kernelState === "error";
  const dark = props.theme === "dark";
  const runEntries: ToolbarEntry[] = [
    { id: "run-all", text: t.runAll, onClick: props.onRunAll, primary: true },
    { id: "interrupt", text: t.interrupt, title: t.interruptTitle, onClick: props.onInterrupt, disabled: !running },
  ];
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
        {runEntries.map((e) => (
          <ToolbarButton key={e.id} entry={e} />
        ))}
        <RestartButtons onRestart={props.onRestart} onRestartRunAll={props.onRestartRunAll} />
        <ToolbarButton entry={{ id: "clear-all-outputs", text: t.clearOutputs, icon: "⌫", title: t.clearAllOutputsTitle, onClick: props.onClearOutputs }} />
        <span className="gb-toolbar-sep" />
        <WeightsControls disabled={kernelDown} onExport={props.onExportWeights} onImport={props.onImportWeights} />
        <ToolbarButton entry={{ id: "download-ipynb", text: t.downloadIpynb, title: t.downloadIpynbTitle, onClick: props.onSaveNotebook }} />
        <MoreMenu entries={props.entries ?? []} />
        {props.onInspect && <VariableInspector inspect={props.onInspect} kernelState={kernelState} />}
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
        <KernelStartup progress={props.startup ?? null} failed={kernelState === "error" ? (props.startupFailed ?? null) : null} />
        {kernelState === "error" && (
          <button type="button" data-testid="kernel-status-restart" title={t.kernelDeadRestartTitle} onClick={props.onRestart}>
            {t.kernelDeadRestart}
          </button>
        )}
        <span className="gb-status-label">{t.backendLabel}</span>
        <span data-testid="backend-name" className="gb-backend" title={backendNote}>
          {backend ?? ""}
        </span>
        {measuredTimings(backendNote) && (
          <span data-testid="backend-measured" className="gb-backend-measured" title={backendNote}>
            {measuredTimings(backendNote)}
          </span>
        )}
        {props.statusExtra}
      </div>
    </header>
  );
}
