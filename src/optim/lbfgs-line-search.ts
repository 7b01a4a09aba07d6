// The strong-Wolfe line search used by LBFGS({ lineSearchFn: "strong_wolfe" }); a port of PyTorch's _strong_wolfe.
import { tf } from "../core";

/** Evaluates the loss and flat gradient at x + t·d (then restores x); the caller owns the returned gradient. */
export type DirectionalEval = (t: number, d: tf.Tensor) => [number, tf.Tensor];

/** Reads one number from a scalar computation (a device sync; LBFGS needs these for its control flow). */
export function readScalar(fn: () => tf.Tensor): number {
  const s = tf.tidy(fn);
  const v = s.dataSync()[0];
  s.dispose();
  return v;
}

export const dot = (a: tf.Tensor, b: tf.Tensor): number => readScalar(() => tf.sum(tf.mul(a, b)));

/** Minimum of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to the bounds. */
export function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2sq = d1 * d1 - g1 * g2;
  if (d2sq >= 0) {
    const d2 = Math.sqrt(d2sq);
    const minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(minPos, lo), hi);
  }
  return (lo + hi) / 2;
}

export interface LineSearchResult {
  /** Loss at the chosen step. */
  f: number;
  /** Flat gradient at the chosen step (owned by the caller). */
  g: tf.Tensor;
  /** The chosen step length. */
  t: number;
  /** Function evaluations spent. */
  evals: number;
}

/**
 * Finds a step t along d that satisfies the strong Wolfe conditions, starting from loss f, gradient g
 * (not taken over) and directional derivative gtd at t = 0.
 */
export function strongWolfe(obj: DirectionalEval, t: number, d: tf.Tensor, f: number, g: tf.Tensor, gtd: number, c1 = 1e-4, c2 = 0.9, tolChange = 1e-9, maxLs = 25): LineSearchResult {
  const made: tf.Tensor[] = [];
  const evaluate = (step: number): [number, tf.Tensor, number] => {
    const [fv, gv] = obj(step, d);
    made.push(gv);
    return [fv, gv, dot(gv, d)];
  };
  const dNorm = readScalar(() => tf.max(tf.abs(d)));
  let [fNew, gNew, gtdNew] = evaluate(t);
  let evals = 1;
  let [tPrev, fPrev, gPrev, gtdPrev] = [0, f, g, gtd];
  let done = false;
  let lsIter = 0;
  let bracket: number[] = [];
  let bracketF: number[] = [];
  let bracketG: tf.Tensor[] = [];
  let bracketGtd: number[] = [];
  // Bracket an interval containing a point satisfying the Wolfe criteria.
  while (lsIter < maxLs) {
    const armijoFails = fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev);
    if (!armijoFails && Math.abs(gtdNew) <= -c2 * gtd) {
      [bracket, bracketF, bracketG] = [[t], [fNew], [gNew]];
      done = true;
      break;
    }
    if (armijoFails || gtdNew >= 0) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
      break;
    }
    const minStep = t + 0.01 * (t - tPrev);
    const maxStep = t * 10;
    const tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    [tPrev, fPrev, gPrev, gtdPrev] = [tmp, fNew, gNew, gtdNew];
    [fNew, gNew, gtdNew] = evaluate(t);
    evals += 1;
    lsIter += 1;
  }
  if (lsIter === maxLs) [bracket, bracketF, bracketG] = [[0, t], [f, fNew], [g, gNew]];

  // Zoom: refine the bracket until a point satisfies the criteria.
  let insufProgress = false;
  let [low, high] = bracketF[0] <= bracketF[bracketF.length - 1] ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (Math.abs(bracket[1] - bracket[0]) * dNorm < tolChange) break;
    t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
    const bMax = Math.max(...bracket);
    const bMin = Math.min(...bracket);
    const eps = 0.1 * (bMax - bMin);
    if (Math.min(bMax - t, t - bMin) < eps) {
      // Too close to a boundary: move 10% of the bracket away from it.
      if (insufProgress || t >= bMax || t <= bMin) {
        t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
        insufProgress = false;
      } else insufProgress = true;
    } else insufProgress = false;
    [fNew, gNew, gtdNew] = evaluate(t);
    evals += 1;
    lsIter += 1;
    if (fNew > f + c1 * t * gtd || fNew >= bracketF[low]) {
      [bracket[high], bracketF[high], bracketG[high], bracketGtd[high]] = [t, fNew, gNew, gtdNew];
      [low, high] = bracketF[0] <= bracketF[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
        [bracket[high], bracketF[high], bracketG[high], bracketGtd[high]] = [bracket[low], bracketF[low], bracketG[low], bracketGtd[low]];
      }
      [bracket[low], bracketF[low], bracketG[low], bracketGtd[low]] = [t, fNew, gNew, gtdNew];
    }
  }
  const gOut = tf.clone(bracketG[low]);
  for (const m of made) m.dispose();
  return { f: bracketF[low], g: gOut, t: bracket[low], evals };
}
