// Toolbar controls for weights: Export (format menu + button) and Import (file upload into the kernel's model).
import { useRef, useState } from "react";
import type { WeightsOutcome } from "../../kernel/client";
import type { ExportFormat } from "../../kernel/protocol";
import { useT } from "../i18n/lang";
import "./weights-controls.css";

export interface WeightsControlsProps {
  disabled: boolean;
  onExport: (format: ExportFormat) => Promise<WeightsOutcome>;
  onImport: (file: File) => Promise<WeightsOutcome>;
}

const FORMATS: ExportFormat[] = ["safetensors", "pytorch", "tfjs", "checkpoint"];

export function WeightsControls({ disabled, onExport, onImport }: WeightsControlsProps) {
  const t = useT();
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
        title={t.exportFormatLabel}
        value={format}
        onChange={(e) => setFormat(e.target.value as ExportFormat)}
      >
        {FORMATS.map((f) => (
          <option key={f} value={f}>
            {label[f]}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid="export-weights"
        title={t.exportWeightsTitle}
        disabled={disabled || busy}
        onClick={() => void run(() => onExport(format))}
      >
        {t.exportWeights}
      </button>
      <button
        type="button"
        data-testid="import-weights"
        title={t.importWeightsTitle}
        disabled={disabled || busy}
        onClick={() => fileInput.current?.click()}
      >
        {t.importWeights}
      </button>
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
        <span className="gb-weights-status" data-testid="weights-status" role="status" title={status}>
          {status}
        </span>
      )}
    </span>
  );
}
