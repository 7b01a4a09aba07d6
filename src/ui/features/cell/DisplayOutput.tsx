// Renders a MIME bundle by the richest type we trust: chart, progress, image, HTML/Markdown (sanitized), JSON, text.
import { memo } from "react";
import type { MimeBundle } from "../../../kernel/protocol";
import { prettyJson } from "../../../lib/json-depth";
import { CHART_MIME, DRAWPAD_MIME, isPlotPayload, PROGRESS_MIME, type ChartPayload, type DrawPadPayload, type ProgressPayload } from "../../../notebook/types";
import { PlotPanel } from "../../components/PlotPanel";
import { ProgressBar } from "../../components/ProgressBar";
import { MetricsChart } from "../charts/MetricsChart";
import { renderMarkdown, sanitizeHtml } from "../markdown/render-markdown";
import { DrawPad } from "../widgets/DrawPad";

/** Strings as they are; JSON pretty-printed, elided below 100 levels (a 100,000-deep value would overflow JSON.stringify). */
const text = (v: unknown) => (typeof v === "string" ? v : prettyJson(v, 100));
/** Base64 only: a data URL built from anything else could smuggle another scheme. */
const base64 = (v: unknown) => (typeof v === "string" ? v.replace(/\s/g, "") : "");
const isBase64 = (s: string) => /^[A-Za-z0-9+/]*={0,2}$/.test(s);

export const DisplayOutput = memo(function DisplayOutput({ data }: { data: MimeBundle }) {
  if (CHART_MIME in data) {
    const chart = data[CHART_MIME];
    return isPlotPayload(chart) ? <PlotPanel payload={chart} /> : <MetricsChart payload={chart as ChartPayload} />;
  }
  if (DRAWPAD_MIME in data) {
    const pad = data[DRAWPAD_MIME] as DrawPadPayload;
    if (pad && typeof pad.widgetId === "string" && Array.isArray(pad.classes)) return <DrawPad payload={pad} />;
  }
  if (PROGRESS_MIME in data) {
    const p = data[PROGRESS_MIME] as ProgressPayload;
    return <ProgressBar label={p.label} loaded={p.loaded} total={p.total} />;
  }
  for (const mime of ["image/png", "image/jpeg", "image/gif"]) {
    const b64 = base64(data[mime]);
    if (b64 && isBase64(b64)) return <img className="gb-image" data-testid="output-image" src={`data:${mime};base64,${b64}`} alt={text(data["text/plain"] ?? "image")} />;
  }
  if (typeof data["text/html"] === "string") {
    return <div className="gb-html" data-testid="output-html" dangerouslySetInnerHTML={{ __html: sanitizeHtml(data["text/html"]) }} />;
  }
  if (typeof data["text/markdown"] === "string") {
    return <div className="gb-markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(data["text/markdown"]) }} />;
  }
  if ("application/json" in data) return <pre className="gb-display">{text(data["application/json"])}</pre>;
  if ("text/plain" in data) return <pre className="gb-display">{text(data["text/plain"])}</pre>;
  const mimes = Object.keys(data);
  return <pre className="gb-display gb-muted">{`[no renderer for ${mimes.join(", ") || "an empty bundle"}]`}</pre>;
});
