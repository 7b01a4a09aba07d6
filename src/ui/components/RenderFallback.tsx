// The small box drawn where an output, a cell or the notebook failed to render: why, and its raw JSON (collapsed).
import { prettyJson } from "../../lib/json-depth";

/** A raw JSON dump longer than this is cut (an output can hold megabytes of base64). */
const MAX_RAW_CHARS = 100_000;

export interface RenderFallbackProps {
  message: string;
  /** The data that failed, shown under a <details> toggle. */
  raw?: unknown;
  rawLabel: string;
  testId: string;
}

export function RenderFallback({ message, raw, rawLabel, testId }: RenderFallbackProps) {
  let text = "";
  if (raw !== undefined) {
    text = prettyJson(raw, 40);
    if (text.length > MAX_RAW_CHARS) text = `${text.slice(0, MAX_RAW_CHARS)}\n… (${text.length - MAX_RAW_CHARS} more characters)`;
  }
  return (
    <div className="gb-render-fallback" role="alert" data-testid={testId}>
      <div className="gb-render-fallback-message">{message}</div>
      {raw !== undefined && (
        <details>
          <summary>{rawLabel}</summary>
          <pre>{text}</pre>
        </details>
      )}
    </div>
  );
}
