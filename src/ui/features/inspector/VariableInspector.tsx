// The variable inspector (JupyterLab's most-asked extension): a toolbar toggle and a side panel listing the kernel's names.
import { useCallback, useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { KernelState, VarInfo } from "../../../kernel/protocol";
import { useViewT } from "../../i18n/view-strings";
import { ToolbarButton } from "../toolbar/ToolbarButton";
import { describeVar } from "./format-var";
import "./inspector.css";

export interface VariableInspectorProps {
  /** Asks the kernel (client.inspect()); called only while the panel is open, so closed it costs a run nothing. */
  inspect: () => Promise<VarInfo[]>;
  kernelState: KernelState;
}

export function VariableInspector({ inspect, kernelState }: VariableInspectorProps) {
  const s = useViewT();
  const [open, setOpen] = useState(false);
  const [vars, setVars] = useState<VarInfo[] | null>(null);
  const asked = useRef(0);
  // The latest `inspect` through a ref: a parent's new closure each render must not re-trigger the reads below.
  const inspectRef = useRef(inspect);
  inspectRef.current = inspect;
  const refresh = useCallback(() => {
    const n = ++asked.current;
    void inspectRef.current().then((rows) => {
      if (n === asked.current) setVars(rows); // an older answer never overwrites a newer one
    });
  }, []);
  // Open: read now, then again each time the kernel comes back to idle (after every run, restart or load).
  useEffect(() => {
    if (open && kernelState === "idle") refresh();
  }, [open, kernelState, refresh]);
  return (
    <>
      <ToolbarButton entry={{ id: "inspector-toggle", text: `▦ ${s.inspector}`, title: s.inspectorTitle, onClick: () => setOpen((o) => !o) }} />
      {/* In a portal: the sticky header is a containing block that would clip a fixed panel inside it. */}
      {open &&
        createPortal(
        <aside className="gb-inspector" data-testid="inspector" aria-label={s.inspector}>
          <header>
            <strong>{s.inspector}</strong>
            <button type="button" data-testid="inspector-refresh" onClick={refresh}>
              ↻ {s.inspectorRefresh}
            </button>
            <button type="button" aria-label={s.inspectorClose} title={s.inspectorClose} onClick={() => setOpen(false)}>
              ✕
            </button>
          </header>
          {vars !== null && vars.length === 0 && <p className="gb-inspector-empty">{s.inspectorEmpty}</p>}
          {vars !== null && vars.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>{s.inspectorName}</th>
                  <th>{s.inspectorType}</th>
                  <th>{s.inspectorDetail}</th>
                </tr>
              </thead>
              <tbody>
                {vars.map((v) => (
                  <tr key={v.name} data-testid="inspector-row" data-name={v.name} data-params={v.params}>
                    <td className="gb-inspector-name">{v.name}</td>
                    <td>{v.type}</td>
                    <td>{describeVar(v)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </aside>,
          document.body,
        )}
    </>
  );
}
