// gym.spaces.Discrete: the integers 0…n-1, sampled from Gradbook's seeded generator (manualSeed).
import { defaultGenerator, type Generator } from "../core";

/** Mirrors gym.spaces.Discrete: `space.n`, `space.sample()`, `space.contains(x)`. */
export class Discrete {
  /**
   * @param n how many values (0…n-1)
   * @param rng where samples come from; by default the generator `manualSeed` seeds
   */
  constructor(
    readonly n: number,
    private readonly rng: () => Generator = () => defaultGenerator,
  ) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Discrete(n) needs a positive integer n; got ${n}`);
  }

  /** A uniformly random value in 0…n-1. */
  sample(): number {
    return this.rng().randint(0, this.n);
  }

  /** Whether `x` is one of this space's values. */
  contains(x: unknown): boolean {
    return typeof x === "number" && Number.isInteger(x) && x >= 0 && x < this.n;
  }

  toString(): string {
    return `Discrete(${this.n})`;
  }
}
