// Mirrors torch.optim.LBFGS: limited-memory BFGS over all parameters as one flat vector; step(closure) re-evaluates the loss.
import { enableGrad, tf, Tensor } from "../core";
import { dot, readScalar, strongWolfe } from "./lbfgs-line-search";
import { check, Optimizer, workView, type Closure, type ParamsArg } from "./optimizer";

export interface LBFGSOptions {
  /** Learning rate: the step length along each direction (default 1). */
  lr: number;
  /** Iterations per `step()` call (default 20). */
  maxIter: number;
  /** Loss evaluations per `step()` call (default maxIter * 5 / 4, rounded down). */
  maxEval: number;
  /** Stop when every gradient entry is at most this in magnitude (default 1e-7). */
  toleranceGrad: number;
  /** Stop when the loss or the parameters change by less than this (default 1e-9). */
  toleranceChange: number;
  /** How many past updates approximate the inverse Hessian (default 100). */
  historySize: number;
  /** null (fixed step lr) or "strong_wolfe" (a line search) (default null). */
  lineSearchFn: "strong_wolfe" | null;
}

const toNumber = (l: Tensor | number): number => (l instanceof Tensor ? l.item() : Number(l));
const f32 = Math.fround; // PyTorch keeps these scalars as float32 tensors; rounding alike keeps the trajectories equal.

/**
 * L-BFGS. Unlike the other optimizers, `step` needs a closure that clears the gradients, recomputes the loss,
 * calls backward() and returns the loss:
 * ```ts
 * const opt = new optim.LBFGS(model.parameters(), { lr: 1, lineSearchFn: "strong_wolfe" });
 * opt.step(() => { opt.zeroGrad(); const loss = lossFn(model(x), y); loss.backward(); return loss; });
 * ```
 * Only one parameter group. Its state (PyTorch's global LBFGS state) lives on the first parameter.
 */
export class LBFGS extends Optimizer<LBFGSOptions> {
  constructor(params: ParamsArg<LBFGSOptions>, opts: Partial<LBFGSOptions> = {}) {
    const maxIter = opts.maxIter ?? 20;
    super(params, { lr: 1, maxIter, maxEval: Math.floor((maxIter * 5) / 4), toleranceGrad: 1e-7, toleranceChange: 1e-9, historySize: 100, lineSearchFn: null }, opts);
    if (this.paramGroups.length !== 1) throw new RangeError("LBFGS doesn't support per-parameter options (parameter groups)");
  }

  protected validate(h: LBFGSOptions): void {
    check(h.lr >= 0, "learning rate", h.lr);
    check(Number.isInteger(h.maxIter) && h.maxIter > 0, "max_iter value", h.maxIter);
    check(Number.isInteger(h.historySize) && h.historySize > 0, "history_size value", h.historySize);
    if (h.lineSearchFn !== null && h.lineSearchFn !== "strong_wolfe") throw new RangeError(`only 'strong_wolfe' is supported (got lineSearchFn: ${JSON.stringify(h.lineSearchFn)})`);
  }

  protected update(): tf.Tensor {
    throw new Error("LBFGS updates all parameters together in step(closure)");
  }

  /** Runs up to maxIter L-BFGS iterations, calling `closure` to re-evaluate; returns the first loss. */
  override step(closure?: Closure): Tensor | number {
    if (typeof closure !== "function") {
      throw new TypeError(
        "LBFGS.step() missing 1 required positional argument: 'closure'. Pass a function that re-evaluates the model: " +
          "opt.step(() => { opt.zeroGrad(); const loss = lossFn(model(x), y); loss.backward(); return loss; })",
      );
    }
    const h = this.paramGroups[0].options;
    const st = this.stateOf(this.paramGroups[0].params[0]);
    st.step += 1;
    const v = st.values as Record<string, number>;
    v.funcEvals = (v.funcEvals ?? 0) + 1;
    v.nIter ??= 0;
    const origLoss = enableGrad(closure);
    let loss = toNumber(origLoss);
    let currentEvals = 1;
    let flatGrad = this.gatherFlatGrad();
    const maxAbs = (t: tf.Tensor) => readScalar(() => tf.max(tf.abs(t)));
    let optCond = maxAbs(flatGrad) <= h.toleranceGrad;
    if (optCond) {
      flatGrad.dispose();
      return origLoss;
    }
    // The buffers' storage (tfjs), read by the recursion; replace() also moves each buffer Tensor to its new storage.
    const b = workView(st).buffers;
    const oldDirs = (st.lists.oldDirs ??= []);
    const oldStps = (st.lists.oldStps ??= []);
    const ro = ((st.values.ro as number[] | undefined) ??= []);
    const al = ((st.values.al as number[] | undefined) ??= new Array<number>(h.historySize).fill(0));
    let t = v.t ?? h.lr;
    const replace = (key: string, next: tf.Tensor) => {
      const cur = st.buffers[key];
      if (cur) cur.assignData(next);
      else st.buffers[key] = new Tensor(next, { persistent: true });
      b[key] = next;
    };
    let nIter = 0;
    while (nIter < h.maxIter) {
      nIter += 1;
      v.nIter += 1;
      // Direction: steepest descent at first, then the two-loop L-BFGS recursion.
      if (v.nIter === 1) {
        replace("d", tf.neg(flatGrad));
        for (const x of [...oldDirs, ...oldStps]) x.dispose();
        oldDirs.length = oldStps.length = ro.length = 0;
        v.HDiag = 1;
      } else {
        const y = tf.sub(flatGrad, b.prevFlatGrad);
        const s = tf.mul(b.d, t);
        const ys = f32(dot(y, s));
        if (ys > 1e-10) {
          if (oldDirs.length === h.historySize) {
            oldDirs.shift()!.dispose();
            oldStps.shift()!.dispose();
            ro.shift();
          }
          oldDirs.push(y);
          oldStps.push(s);
          ro.push(f32(1 / ys));
          v.HDiag = f32(ys / f32(dot(y, y)));
        } else {
          y.dispose();
          s.dispose();
        }
        let q = tf.neg(flatGrad);
        for (let i = oldDirs.length - 1; i >= 0; i--) {
          al[i] = f32(f32(dot(oldStps[i], q)) * ro[i]);
          const next = tf.tidy(() => tf.sub(q, tf.mul(oldDirs[i], al[i])));
          q.dispose();
          q = next;
        }
        let r = tf.mul(q, v.HDiag);
        q.dispose();
        for (let i = 0; i < oldDirs.length; i++) {
          const be = f32(f32(dot(oldDirs[i], r)) * ro[i]);
          const next = tf.tidy(() => tf.add(r, tf.mul(oldStps[i], f32(al[i] - be))));
          r.dispose();
          r = next;
        }
        replace("d", r);
      }
      replace("prevFlatGrad", tf.clone(flatGrad));
      v.prevLoss = loss;
      // Step length: scaled down on the very first iteration, lr afterwards.
      if (v.nIter === 1) {
        const inv = f32(1 / readScalar(() => tf.sum(tf.abs(flatGrad))));
        t = inv < 1 ? f32(inv * h.lr) : h.lr;
      } else t = h.lr;
      const gtd = f32(dot(flatGrad, b.d));
      if (gtd > -h.toleranceChange) break;
      let lsEvals = 0;
      if (h.lineSearchFn === "strong_wolfe") {
        const x0 = this.paramGroups[0].params.map((p) => tf.clone(p.tfData));
        const ls = strongWolfe((step, d) => this.directionalEvaluate(closure, x0, step, d), t, b.d, loss, flatGrad, gtd);
        x0.forEach((x) => x.dispose());
        flatGrad.dispose();
        [loss, flatGrad, t, lsEvals] = [ls.f, ls.g, ls.t, ls.evals];
        this.addGrad(t, b.d);
        optCond = maxAbs(flatGrad) <= h.toleranceGrad;
      } else {
        this.addGrad(t, b.d);
        if (nIter !== h.maxIter) {
          // Re-evaluate except on the last iteration (in a stochastic setting it would be wasted).
          loss = toNumber(enableGrad(closure));
          flatGrad.dispose();
          flatGrad = this.gatherFlatGrad();
          optCond = maxAbs(flatGrad) <= h.toleranceGrad;
          lsEvals = 1;
        }
      }
      currentEvals += lsEvals;
      v.funcEvals += lsEvals;
      if (nIter === h.maxIter || currentEvals >= h.maxEval || optCond) break;
      if (f32(maxAbs(b.d) * Math.abs(t)) <= h.toleranceChange) break; // lack of progress
      if (Math.abs(loss - v.prevLoss) < h.toleranceChange) break;
    }
    v.t = t;
    flatGrad.dispose();
    return origLoss;
  }

  /** All gradients as one flat vector (zeros where a parameter has no gradient). */
  private gatherFlatGrad(): tf.Tensor {
    return tf.tidy(() => tf.concat(this.paramGroups[0].params.map((p) => (p.grad ? tf.reshape(p.grad.tfData, [-1]) : tf.zeros([p.numel()])))));
  }

  /** params += step · d, slicing d back into each parameter's shape. */
  private addGrad(step: number, d: tf.Tensor): void {
    let offset = 0;
    for (const p of this.paramGroups[0].params) {
      const n = p.numel();
      const off = offset;
      p.assignData(tf.tidy(() => tf.add(p.tfData, tf.mul(tf.reshape(tf.slice(d, [off], [n]), p.shape), step))));
      offset += n;
    }
  }

  /** Loss and flat gradient at x + step · d; the parameters are put back to x afterwards. */
  private directionalEvaluate(closure: Closure, x: tf.Tensor[], step: number, d: tf.Tensor): [number, tf.Tensor] {
    this.addGrad(step, d);
    const loss = toNumber(enableGrad(closure));
    const g = this.gatherFlatGrad();
    this.paramGroups[0].params.forEach((p, i) => p.assignData(tf.clone(x[i])));
    return [loss, g];
  }
}
