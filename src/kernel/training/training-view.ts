// The training view of a run: the automatic loss chart and its per-epoch means, lr stairs, progress bars, printed
// accuracy and, at the end, the run's hyperparameters, all as metrics; the run's points are kept for resumable().
import { summarize } from "../runtime/error-summary";
import type { Post } from "../runtime/kernel-deps";
import { LoopTracker, type LoopHandleLike, type LoopStartInfo } from "./loop-progress";
import { EpochLoss, LossTracker, type LossRoot } from "./loss-tracker";
import type { BatcherClock } from "../runtime/metrics";
import type { Outputs } from "../runtime/outputs";
import { PrintedAccuracy } from "./printed-accuracy";
import type { MetricPoint } from "../protocol";
import { collectHParams, LrTracker, type OptimizerLike } from "./run-info";
import { recentVars, type KernelScope } from "../runtime/scope";

/** What the training view needs from the kernel. */
export interface TrainingHost<K> {
  readScalars(ts: K[]): number[];
  clock?: BatcherClock;
  out: Outputs;
  post: Post;
  write(name: "stdout" | "stderr", text: string): void;
  /** The user's variables (a getter: the scope is made after the builtins that report here). */
  scope(): KernelScope;
}

export class TrainingView<K extends { dispose(): void }> {
  private readonly loss: LossTracker<K>;
  private readonly lr: LrTracker;
  private readonly printed: PrintedAccuracy;
  private readonly epochLoss: EpochLoss;
  private readonly loops: LoopTracker;
  private open = false;
  /** The run's chart points so far (a `resumable()` checkpoint saves them). */
  private runPoints: MetricPoint[] = [];

  constructor(private readonly host: TrainingHost<K>) {
    const { clock } = host;
    this.loss = new LossTracker<K>({
      readScalars: (ts) => host.readScalars(ts),
      emit: (points) => {
        this.push(points);
        this.epochLoss.onPoints(points);
      },
      onError: (e) => host.write("stderr", `The loss chart stopped: ${summarize(e).evalue}\n`),
      now: clock ? () => clock.now() : undefined,
    });
    this.lr = new LrTracker((points) => this.push(points), clock ? () => clock.now() : undefined);
    this.printed = new PrintedAccuracy(() => this.loss.steps > 0, (points) => this.push(points, false));
    this.epochLoss = new EpochLoss((points) => this.push(points), { now: clock ? () => clock.now() : undefined });
    this.loops = new LoopTracker({
      emit: (loop) => host.out.loop(loop),
      nameOf: (loader) => this.nameOf(loader),
      lossStep: () => this.loss.steps,
      // Top-level passes that ran backward() are epochs: their mean loss is the automatic per-epoch curve.
      onPassStart: ({ pass, depth, from }) => depth === 0 && this.epochLoss.passStarted(pass, from),
      onPassEnd: ({ pass, depth, from, to, completed }) => depth === 0 && this.epochLoss.passEnded(pass, from, to, completed),
      now: clock ? () => clock.now() : undefined,
    });
  }

  /** core/hooks: a loss.backward() (the automatic loss chart). */
  onBackward(root: LossRoot<K>): void {
    this.printed.flush();
    this.loss.onBackward(root);
  }

  /** optim/step-hooks: an optimizer.step() (the lr chart). */
  onOptimizerStep(opt: OptimizerLike): void {
    this.lastStepped = opt;
    this.lr.onStep(opt);
  }

  /**
   * The optimizer that stepped last, in any run (kept across runs): the toolbar's checkpoint saves its state even
   * when it lives inside a function (`fit()`), where no variable names it.
   */
  lastStepped: OptimizerLike | undefined;

  /** data/loop-hooks: a DataLoader pass starts (a progress bar). */
  startLoop(start: LoopStartInfo): LoopHandleLike | undefined {
    return this.loops.start(start);
  }

  /** The user logged their own "loss": the automatic one stops for this run. */
  stopLossChart(): void {
    this.loss.stop();
  }

  /** The running cell printed `text` (it may print accuracy percentages). */
  scanPrinted(text: string): void {
    this.printed.scan(text);
  }

  begin(): void {
    this.printed.resetRun();
    this.loss.begin();
    this.lr.begin();
    this.loops.begin();
    this.epochLoss.begin();
    this.open = true;
    this.runPoints = [];
  }

  /** `fromUser` false: the points come from the kernel's own readers (they do not switch the printed accuracy off). */
  push(points: MetricPoint[], fromUser = true): void {
    if (fromUser) this.printed.noteLogged(points);
    if (this.host.out.running !== undefined) for (const p of points) this.runPoints.push(p); // no spread: a replay can be long
    this.host.out.points(points);
  }

  /** The run's points so far, with the losses still on the device read first (a checkpoint is about to save the curves). */
  pointsSoFar(): MetricPoint[] {
    try {
      this.loss.drain();
    } catch (e) {
      this.loss.stop();
      this.host.write("stderr", `The loss chart stopped: ${summarize(e).evalue}\n`);
    }
    return this.runPoints.slice();
  }

  /**
   * A resumed run: the saved curves go to the chart again, and the step counters continue after them. Returns the
   * last step and epoch, where log()'s own counters continue.
   */
  replay(points: MetricPoint[]): { step: number; epoch: number } {
    const last = { step: 0, epoch: 0, loss: 0 };
    for (const p of points) {
      last[p.axis] = Math.max(last[p.axis], p.step);
      if (p.name === "loss" && p.axis === "step") last.loss = Math.max(last.loss, p.step);
    }
    for (let i = 0; i < points.length; i += 10_000) this.push(points.slice(i, i + 10_000)); // bounded spreads
    this.loss.continueFrom(last.loss);
    this.epochLoss.continueFrom(last.epoch);
    return { step: last.step, epoch: last.epoch };
  }

  /**
   * Reads the last pending losses, closes the progress bars and, after a run whose optimizers stepped, sends its
   * hyperparameters (run history). A failing read costs the chart, never the run's result. Runs once per run.
   */
  finish(): void {
    if (!this.open) return;
    this.open = false;
    this.printed.flush();
    try {
      this.loss.end();
    } catch (e) {
      this.host.write("stderr", `The loss chart stopped: ${summarize(e).evalue}\n`);
    }
    this.loops.end();
    const batchSizes = this.loops.batchSizes();
    const trained = this.lr.count > 0;
    const used = this.lr.end();
    const runId = this.host.out.running;
    if (!trained || runId === undefined) return;
    this.host.out.flush();
    const hparams = collectHParams(recentVars(this.host.scope()), { ...used, batchSizes });
    this.host.post({ type: "metrics", runId, points: [], hparams });
  }

  /** The name of a top-level variable holding `value` (a DataLoader's label on its progress bar). */
  private nameOf(value: object): string | undefined {
    // Own properties, not recentVars: a loader made by the running cell is not in the assignment order yet.
    const vars = this.host.scope().vars;
    for (const name of Object.keys(vars)) if (vars[name] === value) return name;
    return undefined;
  }
}
