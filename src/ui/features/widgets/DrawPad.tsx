// The draw-a-digit pad: a 280×280 canvas, downsampled to MNIST's 28×28 as you draw, classified live by the kernel.
import { useCallback, useEffect, useRef, useState, type PointerEvent } from "react";
import { toMnist } from "../../../lib/mnist-resample";
import type { DrawPadPayload } from "../../../notebook/types";
import { useT } from "../../i18n/lang";
import { useWidgetChannel } from "./widget-channel";
import "./widgets.css";

const SIZE = 280;
const STROKE = 22;
const THROTTLE_MS = 100;

type Status = { kind: "connecting" } | { kind: "ready" } | { kind: "gone" } | { kind: "error"; message: string };

/** Ink of the canvas (white on black) as 0..1 values, row-major. */
function readInk(canvas: HTMLCanvasElement): Float32Array {
  const data = canvas.getContext("2d")!.getImageData(0, 0, SIZE, SIZE).data;
  const ink = new Float32Array(SIZE * SIZE);
  for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4] / 255;
  return ink;
}

export function DrawPad({ payload }: { payload: DrawPadPayload }) {
  const t = useT();
  const channel = useWidgetChannel();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const previewRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const flow = useRef({ inFlight: false, pending: false, last: 0, gen: 0, timer: 0 as ReturnType<typeof setTimeout> | 0 });
  const [status, setStatus] = useState<Status>({ kind: "connecting" });
  const [probs, setProbs] = useState<number[] | null>(null);
  const scheduleRef = useRef<() => void>(() => {});

  const clearCanvas = useCallback(() => {
    const ctx = canvasRef.current?.getContext("2d");
    if (!ctx) return;
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, SIZE, SIZE);
    previewRef.current?.getContext("2d")?.clearRect(0, 0, 28, 28);
    // An answer still on its way belongs to the old drawing: drop it, and any send waiting for the throttle.
    const f = flow.current;
    f.gen++;
    f.pending = false;
    if (f.timer) clearTimeout(f.timer);
    f.timer = 0;
    setProbs(null);
  }, []);

  useEffect(() => {
    clearCanvas();
    let alive = true;
    if (!channel) return void setStatus({ kind: "gone" });
    void channel.widgetRequest(payload.widgetId, { kind: "ping" }).then((r) => {
      if (alive) setStatus(r.status === "ready" ? { kind: "ready" } : r.status === "error" ? { kind: "error", message: r.message } : { kind: "gone" });
    });
    const off = channel.on((e) => {
      if (e.type === "kernel-restarted" && alive) setStatus({ kind: "gone" });
    });
    return () => {
      off();
      alive = false;
      const timer = flow.current.timer;
      if (timer) clearTimeout(timer);
    };
  }, [channel, payload.widgetId, clearCanvas]);

  const send = useCallback(() => {
    const f = flow.current;
    const canvas = canvasRef.current;
    if (!channel || !canvas) return;
    f.timer = 0;
    f.inFlight = true;
    f.pending = false;
    f.last = Date.now();
    const pixels = toMnist(readInk(canvas), SIZE, SIZE);
    drawPreview(previewRef.current, pixels);
    const gen = f.gen;
    void channel.widgetRequest(payload.widgetId, { kind: "predict", pixels: Array.from(pixels) }).then((r) => {
      f.inFlight = false;
      if (r.status === "probs" && gen === f.gen) setProbs(r.probs);
      else if (r.status === "gone") setStatus({ kind: "gone" });
      else if (r.status === "error") setStatus({ kind: "error", message: r.message });
      if (f.pending) scheduleRef.current();
    });
  }, [channel, payload.widgetId]);

  /** At most one request in flight and one every THROTTLE_MS; the last drawing always gets an answer. */
  const schedule = useCallback(() => {
    const f = flow.current;
    if (f.inFlight) return void (f.pending = true);
    if (f.timer) return;
    const wait = Math.max(0, THROTTLE_MS - (Date.now() - f.last));
    f.timer = setTimeout(send, wait);
  }, [send]);
  scheduleRef.current = schedule;

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * SIZE) / r.width, y: ((e.clientY - r.top) * SIZE) / r.height };
  };

  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = canvasRef.current?.getContext("2d");
    if (!ctx) return;
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = STROKE;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };

  const onDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (status.kind !== "ready") return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = point(e);
    drawing.current = p;
    stroke(p, p);
    schedule();
  };
  const onMove = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const p = point(e);
    stroke(drawing.current, p);
    drawing.current = p;
    schedule();
  };
  const onUp = () => {
    if (!drawing.current) return;
    drawing.current = null;
    schedule();
  };

  const top = probs ? probs.indexOf(Math.max(...probs)) : -1;
  return (
    <div className="gb-drawpad" data-testid="drawpad" data-status={status.kind}>
      <canvas
        ref={canvasRef}
        className="gb-drawpad-canvas"
        data-testid="drawpad-canvas"
        width={SIZE}
        height={SIZE}
        aria-label={t.drawPadLabel}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
      />
      <div className="gb-drawpad-side">
        <div className={`gb-drawpad-status${status.kind === "gone" ? " gb-drawpad-gone" : ""}`} data-testid="drawpad-status" aria-live="polite">
          {status.kind === "connecting" && t.drawPadConnecting}
          {status.kind === "gone" && t.drawPadGone}
          {status.kind === "error" && t.drawPadError(status.message)}
          {status.kind === "ready" &&
            (probs ? (
              <span data-testid="drawpad-guess" data-class={payload.classes[top] ?? String(top)}>
                {t.drawPadGuess(payload.classes[top] ?? String(top), `${(100 * probs[top]).toFixed(1)}%`)}
              </span>
            ) : (
              t.drawPadHint
            ))}
        </div>
        <div className="gb-drawpad-bars">
          {payload.classes.map((c, i) => {
            const p = probs?.[i] ?? 0;
            return [
              <span key={`l${i}`}>{c}</span>,
              <div key={`t${i}`} className="gb-drawpad-track">
                <div className={`gb-drawpad-bar${i === top ? " gb-drawpad-bar-top" : ""}`} style={{ width: `${(100 * p).toFixed(1)}%` }} />
              </div>,
              <span key={`v${i}`} className="gb-num">{probs ? `${(100 * p).toFixed(1)}%` : ""}</span>,
            ];
          })}
        </div>
        <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
          <canvas ref={previewRef} className="gb-drawpad-preview" width={28} height={28} title="28×28" />
          <button type="button" data-testid="drawpad-clear" onClick={clearCanvas}>
            {t.drawPadClear}
          </button>
        </div>
      </div>
    </div>
  );
}

/** What the model sees: the 28×28 input, scaled up by CSS. */
function drawPreview(canvas: HTMLCanvasElement | null, pixels: Float32Array): void {
  const ctx = canvas?.getContext("2d");
  if (!ctx) return;
  const img = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = Math.round(pixels[i] * 255);
    img.data.set([v, v, v, 255], i * 4);
  }
  ctx.putImageData(img, 0, 0);
}
