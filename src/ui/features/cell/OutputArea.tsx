// The outputs under a code cell, in order: streams, displays, charts, progress bars, errors.
import { memo } from "react";
import { assertNever } from "../../../lib/invariant";
import type { Output } from "../../../notebook/types";
import { StreamOutput } from "../../components/StreamOutput";
import { OutputBoundary } from "./boundaries";
import { DisplayOutput } from "./DisplayOutput";
import { ErrorView } from "./ErrorView";

export interface OutputAreaProps {
  outputs: Output[];
  /** The cell's source, to quote the line an error points at. */
  source: string;
}

function OutputView({ output, source }: { output: Output; source: string }) {
  switch (output.output_type) {
    case "stream":
      return <StreamOutput name={output.name} text={output.text} />;
    case "display_data":
    case "execute_result":
      return <DisplayOutput data={output.data} />;
    case "error": {
      const lineText = output.line !== undefined ? source.split("\n")[output.line - 1] : undefined;
      return <ErrorView ename={output.ename} evalue={output.evalue} traceback={output.traceback} line={output.line} lineText={lineText} />;
    }
    default:
      return assertNever(output, "output");
  }
}

export const OutputArea = memo(function OutputArea({ outputs, source }: OutputAreaProps) {
  // Always rendered (empty until the first output) so tests and screen readers find a stable element.
  return (
    <div className="gb-outputs" data-testid="cell-output">
      {outputs.map((output, i) => (
        <OutputBoundary key={i} output={output}>
          <OutputView output={output} source={source} />
        </OutputBoundary>
      ))}
    </div>
  );
});
