// An error output as a learner reads it: cells named `In [n], line k`, engine frames behind a toggle.
import { useContext, useState } from "react";
import { ErrorOutput, type ErrorOutputProps } from "../../components/ErrorOutput";
import { useViewT } from "../../i18n/view-strings";
import { CellLabelsContext } from "./cell-labels";
import { viewTraceback } from "./traceback-view";
import "./error-view.css";

export function ErrorView(props: Omit<ErrorOutputProps, "footer">) {
  const s = useViewT();
  const labels = useContext(CellLabelsContext);
  const [showEngine, setShowEngine] = useState(false);
  const { lines, hidden } = viewTraceback(props.traceback, labels, showEngine);
  const toggle =
    hidden > 0 ? (
      <button type="button" className="gb-link-button" data-testid="engine-frames-toggle" title={s.engineFramesTitle} onClick={() => setShowEngine((v) => !v)}>
        {showEngine ? s.hideEngineFrames : s.showEngineFrames(String(hidden))}
      </button>
    ) : undefined;
  return <ErrorOutput {...props} traceback={lines} footer={toggle} />;
}
