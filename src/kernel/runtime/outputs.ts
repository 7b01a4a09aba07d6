// The kernel's output to the page, routed to the current run: streams and metrics batched (~10 per second) and
// flushed before any other output message, so the page sees output in order.
import type { KernelConsole, MnistProgress, Post } from "./kernel-deps";
import { Batcher, groupByRun, latestLoops, mergeStreams, type BatcherClock, type StreamChunk } from "./metrics";
import type { LoopProgress, MetricPoint, MimeBundle } from "../protocol";

/** What the metrics batcher carries: chart points and progress-bar snapshots, both tagged with their run. */
type MetricItem = (MetricPoint & { runId: string }) | { runId: string; loop: LoopProgress };

export class Outputs {
  private readonly streams: Batcher<StreamChunk>;
  private readonly metrics: Batcher<MetricItem>;
  private runId: string | undefined;
  private lastRunId: string | undefined;

  constructor(
    private readonly post: Post,
    private readonly opts: { clock?: BatcherClock; console?: KernelConsole },
  ) {
    this.streams = new Batcher((chunks) => this.sendStreams(chunks), 100, opts.clock);
    this.metrics = new Batcher((items) => this.sendMetrics(items), 100, opts.clock);
  }

  /** The run in progress, if any. */
  get running(): string | undefined {
    return this.runId;
  }

  /** Where output goes: the run in progress, else the last one (a callback or timer that fires between runs). */
  current(): string | undefined {
    return this.runId ?? this.lastRunId;
  }

  /** A run starts: what earlier runs wrote goes out first. */
  begin(runId: string): void {
    this.flush();
    this.runId = runId;
    this.lastRunId = runId;
  }

  end(): void {
    this.runId = undefined;
  }

  /** Before any run, output goes to the real console (there is no cell to show it under). */
  write(name: "stdout" | "stderr", text: string): void {
    const runId = this.current();
    if (runId === undefined) return void (name === "stderr" ? this.opts.console?.error : this.opts.console?.log)?.(text);
    this.streams.push({ runId, name, text });
  }

  display(data: MimeBundle): void {
    const runId = this.current();
    if (runId === undefined) return;
    this.flush();
    this.post({ type: "display", runId, data });
  }

  points(points: MetricPoint[]): void {
    const runId = this.current();
    if (runId !== undefined) this.metrics.push(...points.map((p) => ({ ...p, runId })));
  }

  loop(loop: LoopProgress): void {
    const runId = this.current();
    if (runId !== undefined) this.metrics.push({ runId, loop });
  }

  /** A file for the page to save; its buffer goes in the transfer list (copied first when it is a view of a larger one). */
  download(filename: string, bytes: Uint8Array, ids: { runId?: string; requestId?: string }): void {
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const buffer = (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
    this.flush();
    this.post({ type: "download", ...ids, filename, mime: "application/octet-stream", buffer }, [buffer]);
  }

  progress(p: MnistProgress): void {
    const runId = this.current();
    if (runId !== undefined) this.post({ type: "progress", runId, label: p.file, loaded: p.loaded, total: p.total });
  }

  /** Streams and metrics go out before any other message, so the page sees output in order. */
  flush(): void {
    this.streams.flush();
    this.metrics.flush();
  }

  private sendStreams(chunks: StreamChunk[]): void {
    for (const c of mergeStreams(chunks)) this.post({ type: "stream", runId: c.runId, name: c.name, text: c.text });
  }

  private sendMetrics(items: MetricItem[]): void {
    for (const [runId, group] of groupByRun(items)) {
      const points: MetricPoint[] = [];
      const loops: LoopProgress[] = [];
      for (const item of group) {
        if ("loop" in item) loops.push(item.loop);
        else {
          const { runId: _, ...p } = item;
          points.push(p);
        }
      }
      this.post(loops.length ? { type: "metrics", runId, points, loops: latestLoops(loops) } : { type: "metrics", runId, points });
    }
  }
}
