// An error under a cell: `ename: evalue`, the line it came from, and the traceback.
import type { ReactNode } from "react";

export interface ErrorOutputProps {
  ename: string;
  evalue: string;
  traceback: string[];
  line?: number;
  /** The text of `line` in the cell, shown so the reader need not count lines. */
  lineText?: string;
  /** Under the traceback (the engine-frames toggle). */
  footer?: ReactNode;
}

export function ErrorOutput({ ename, evalue, traceback, line, lineText, footer }: ErrorOutputProps) {
  return (
    <div className="gb-error" role="alert" data-testid="cell-error" data-line={line}>
      <div className="gb-error-head">
        <strong>{ename}</strong>: {evalue}
      </div>
      {line !== undefined && (
        <div className="gb-error-line-ref">
          line {line}
          {lineText !== undefined && <code>{lineText.trim()}</code>}
        </div>
      )}
      {traceback.length > 0 && <pre className="gb-traceback" data-testid="traceback">{traceback.join("\n")}</pre>}
      {footer}
    </div>
  );
}
