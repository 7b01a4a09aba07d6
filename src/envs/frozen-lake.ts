// FrozenLake (mirrors gym's FrozenLake-v1): walk from S to G over frozen tiles F without falling into a hole H.
import { defaultGenerator, Generator } from "../core";
import { Discrete } from "./spaces";

/** Gym's built-in maps. */
export const MAPS: Readonly<Record<"4x4" | "8x8", readonly string[]>> = {
  "4x4": ["SFFF", "FHFH", "FFFH", "HFFG"],
  "8x8": ["SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF", "FFFHFFFF", "FHHFFFHF", "FHFFHFHF", "FFFHFFFG"],
};

/** Action numbers, as in gym. */
export const LEFT = 0;
export const DOWN = 1;
export const RIGHT = 2;
export const UP = 3;
export const ACTION_NAMES = ["Left", "Down", "Right", "Up"] as const;

export interface FrozenLakeOptions {
  /** Slippery ice (gym's default): the agent moves as asked with probability 1/3, else to one of the two sides. */
  isSlippery?: boolean;
  /** One of gym's maps (default "4x4"). */
  mapName?: "4x4" | "8x8";
  /** Your own map, rows of S, F, H, G (one S, at least one G); overrides mapName. */
  desc?: readonly string[];
  /** The episode is cut after this many steps (gym's TimeLimit: 100 for 4×4, 200 for 8×8); 0 = never. */
  maxEpisodeSteps?: number;
}

/** What gym's `info` holds: the probability of the transition taken, and whether the time limit cut the episode. */
export interface StepInfo {
  prob: number;
  truncated: boolean;
}

/** `[nextState, reward, done, info]`, the classic gym step tuple. */
export type StepResult = [state: number, reward: number, done: boolean, info: StepInfo];

/** One possible outcome of an action, like gym's `env.P[s][a]` entries: `[prob, nextState, reward, done]`. */
export type Transition = [prob: number, nextState: number, reward: number, done: boolean];

/** An action given as a number or as a one-element tensor (`q.argmax()`). */
export type ActionLike = number | { item(): number };

export class FrozenLakeEnv {
  readonly desc: readonly string[];
  readonly nrow: number;
  readonly ncol: number;
  readonly isSlippery: boolean;
  readonly maxEpisodeSteps: number;
  readonly observationSpace: Discrete;
  readonly actionSpace: Discrete;
  /** `P[s][a]`: every outcome of taking action a in state s (gym's transition table, for planning). */
  readonly P: readonly (readonly (readonly Transition[])[])[];
  /** The current state (row * ncol + col). */
  s = 0;
  lastAction: number | null = null;
  private elapsed = 0;
  private phase: "new" | "running" | "done" = "new";
  private rng: Generator | null = null;

  constructor(opts: FrozenLakeOptions = {}) {
    const mapName = opts.mapName ?? "4x4";
    if (!opts.desc && !(mapName in MAPS)) throw new RangeError(`FrozenLake: mapName must be "4x4" or "8x8"; got ${JSON.stringify(mapName)}`);
    this.desc = checkMap(opts.desc ?? MAPS[mapName]);
    this.nrow = this.desc.length;
    this.ncol = this.desc[0].length;
    this.isSlippery = opts.isSlippery ?? true;
    this.maxEpisodeSteps = opts.maxEpisodeSteps ?? (this.nrow * this.ncol > 16 ? 200 : 100);
    const rng = () => this.rng ?? defaultGenerator;
    this.observationSpace = new Discrete(this.nrow * this.ncol, rng);
    this.actionSpace = new Discrete(4, rng);
    this.P = this.buildTransitions();
  }

  /** The tile letter at a state. */
  tile(state: number): string {
    return this.desc[Math.floor(state / this.ncol)][state % this.ncol];
  }

  /**
   * Starts an episode and returns the start state. `reset({ seed })` gives the environment its own generator (for
   * slipping and `actionSpace.sample()`); otherwise it draws from the one `manualSeed` seeds.
   */
  reset(opts: { seed?: number } = {}): number {
    if (opts.seed !== undefined) this.rng = new Generator(opts.seed);
    this.s = this.desc.join("").indexOf("S");
    this.lastAction = null;
    this.elapsed = 0;
    this.phase = "running";
    return this.s;
  }

  /** Takes one action (0 Left, 1 Down, 2 Right, 3 Up): `const [state, reward, done, info] = env.step(action)`. */
  step(action: ActionLike): StepResult {
    const a = typeof action === "object" && action !== null && typeof action.item === "function" ? action.item() : action;
    if (!this.actionSpace.contains(a)) {
      throw new RangeError(`FrozenLake: action must be an integer 0-3 (0 Left, 1 Down, 2 Right, 3 Up); got ${String(a)}`);
    }
    if (this.phase === "new") throw new Error("FrozenLake: call env.reset() before env.step(action)");
    if (this.phase === "done") {
      throw new Error("FrozenLake: the episode is over (step returned done = true); call env.reset() to start a new one");
    }
    const outcomes = this.P[this.s][a as number];
    const [prob, next, reward, terminated] = outcomes.length === 1 ? outcomes[0] : pick(outcomes, (this.rng ?? defaultGenerator).random());
    this.s = next;
    this.lastAction = a as number;
    this.elapsed += 1;
    const truncated = !terminated && this.maxEpisodeSteps > 0 && this.elapsed >= this.maxEpisodeSteps;
    if (terminated || truncated) this.phase = "done";
    return [next, reward, terminated || truncated, { prob, truncated }];
  }

  /** The map as text with the agent's tile in brackets, and the last action (gym's "ansi" render). */
  render(): string {
    const rows = this.desc.map((row, r) =>
      [...row].map((ch, c) => (r * this.ncol + c === this.s ? `[${ch}]` : ` ${ch} `)).join(""),
    );
    const head = this.lastAction === null ? "" : `  (${ACTION_NAMES[this.lastAction]})\n`;
    return head + rows.join("\n");
  }

  toString(): string {
    return `FrozenLakeEnv(${this.nrow}x${this.ncol}, isSlippery=${this.isSlippery})`;
  }

  private move(state: number, action: number): number {
    let row = Math.floor(state / this.ncol);
    let col = state % this.ncol;
    if (action === LEFT) col = Math.max(col - 1, 0);
    else if (action === DOWN) row = Math.min(row + 1, this.nrow - 1);
    else if (action === RIGHT) col = Math.min(col + 1, this.ncol - 1);
    else row = Math.max(row - 1, 0);
    return row * this.ncol + col;
  }

  private buildTransitions(): Transition[][][] {
    const P: Transition[][][] = [];
    for (let s = 0; s < this.nrow * this.ncol; s++) {
      P.push([]);
      for (let a = 0; a < 4; a++) {
        if ("GH".includes(this.tile(s))) {
          P[s].push([[1, s, 0, true]]);
          continue;
        }
        // Gym's rule: on ice the agent may slide to either side of the direction it chose.
        const directions = this.isSlippery ? [(a + 3) % 4, a, (a + 1) % 4] : [a];
        P[s].push(
          directions.map((d): Transition => {
            const next = this.move(s, d);
            const letter = this.tile(next);
            return [1 / directions.length, next, letter === "G" ? 1 : 0, "GH".includes(letter)];
          }),
        );
      }
    }
    return P;
  }
}

/** Samples one outcome by its probability (gym's categorical_sample). */
function pick(outcomes: readonly Transition[], u: number): Transition {
  let acc = 0;
  for (const t of outcomes) {
    acc += t[0];
    if (u < acc) return t;
  }
  return outcomes[outcomes.length - 1];
}

function checkMap(desc: readonly string[]): readonly string[] {
  const text = desc.join("");
  const ok =
    desc.length > 0 &&
    desc.every((row) => typeof row === "string" && row.length === desc[0].length && /^[SFHG]+$/.test(row)) &&
    text.split("S").length === 2 &&
    text.includes("G");
  if (!ok) {
    throw new TypeError(
      `FrozenLake: desc must be equal-length rows of S, F, H, G with one S and at least one G, like ["SFFF", "FHFH", "FFFH", "HFFG"]; got ${JSON.stringify(desc)}`,
    );
  }
  return [...desc];
}
