// Toolbar controls for weights: Export (format menu + button) and Import (file upload into the kernel's model).
import { useRef, useState } from "react";
import type { WeightsOutcome } from "../../kernel/client/client";
import type { ExportFormat } from "../../kernel/protocol";
import { useT } from "../i18n/lang";
import { useViewT } from "../i18n/view-strings";
import { ToolbarButton } from "../features/toolbar/ToolbarButton";
import "./weights-controls.css";

export interface WeightsControlsProps {
  disabled: boolean;
  onExport: (format: ExportFormat) => Promise<WeightsOutcome>;
  onImport: (file: File) => Promise<WeightsOutcome>;
}

const FORMATS: ExportFormat[] = ["safetensors", "pytorch", "tfjs", "checkpoint"];

export function WeightsControls({ disabled, onExport, onImport }: WeightsControlsProps) {
  const t = useT();
  const s = useViewT();
  const [format, setFormat] = useState<ExportFormat>("safetensors");
  const [busy, setBusy] = useState(false);
  // The last success (errors show in the app's error banner, as the kernel reports them).
  const [status, setStatus] = useState("");
  const fileInput = useRef<HTMLInputElement>(null);
  const label: Record<ExportFormat, string> = {
    safetensors: t.exportFormatSafetensors,
    pytorch: t.exportFormatPytorch,
    tfjs: t.exportFormatTfjs,
    checkpoint: t.exportFormatCheckpoint,
  };
  // The menu shows short names (a long option made the closed select truncate); the long text is each option's tooltip.
  const short: Record<ExportFormat, string> = {
    safetensors: s.formatSafetensors,
    pytorch: s.formatPytorch,
    tfjs: s.formatTfjs,
    checkpoint: s.formatCheckpoint,
  };

  const run = async (action: () => Promise<WeightsOutcome>) => {
    setBusy(true);
    setStatus("");
    try {
      const outcome = await action();
      setStatus(outcome.ok ? outcome.message : "");
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="gb-weights">
      <select
        data-testid="export-format"
        aria-label={t.exportFormatLabel}
        title={`${t.exportFormatLabel}: ${label[format]}`}
        value={format}
        onChange={(e) => setFormat(e.target.value as ExportFormat)}
      >
        {FORMATS.map((f) => (
          <option key={f} value={f} title={label[f]}>
            {short[f]}
          </option>
        ))}
      </select>
      <ToolbarButton
        entry={{ id: "export-weights", text: t.exportWeights, title: t.exportWeightsTitle, disabled: disabled || busy, onClick: () => void run(() => onExport(format)) }}
      />
      <ToolbarButton
        entry={{ id: "import-weights", text: t.importWeights, title: t.importWeightsTitle, disabled: disabled || busy, onClick: () => fileInput.current?.click() }}
      />
      <input
        ref={fileInput}
        type="file"
        accept=".safetensors"
        data-testid="import-weights-file"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ""; // picking the same file again still fires change
          if (file) void run(() => onImport(file));
        }}
      />
      {status && (
        <span className="gb-weights-status" data-testid="weights-status" role="status" onClick={() => setStatus("")}>
          {status}
        </span>
      )}
    </span>
  );
}
