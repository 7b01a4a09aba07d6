// Seeded random numbers (torch.manual_seed): one global generator drives init, dropout masks and shuffling.

/** A small, fast, seedable PRNG (xoshiro128**); `Generator` mirrors torch.Generator. */
export class Generator {
  private s = new Uint32Array(4);

  constructor(seed = 0) {
    this.manualSeed(seed);
  }

  /** Re-seeds this generator. */
  manualSeed(seed: number): this {
    if (!Number.isFinite(seed)) throw new TypeError(`manualSeed expected a finite number, got ${seed}`);
    // splitmix32 expands the seed into the 128-bit state.
    let x = (Math.floor(seed) >>> 0) ^ Math.floor(seed / 2 ** 32);
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if (this.s.every((v) => v === 0)) this.s[0] = 1;
    return this;
  }

  /** The generator's state (torch.Generator.get_state): 4 uint32 words; a copy. */
  getState(): Uint32Array {
    return Uint32Array.from(this.s);
  }

  /** Restores a state from getState() (torch.Generator.set_state); the next draws repeat exactly. */
  setState(state: ArrayLike<number>): this {
    const ok = state.length === 4 && Array.from(state).every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32);
    if (!ok || Array.from(state).every((v) => v === 0)) {
      throw new TypeError(`setState expected 4 uint32 words (not all zero) from getState(), got [${Array.from(state).join(", ")}]`);
    }
    this.s.set(state);
    return this;
  }

  /** Next uint32. */
  nextU32(): number {
    const s = this.s;
    const r = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return r;
  }

  /** Uniform in [0, 1). */
  random(): number {
    return this.nextU32() / 4294967296;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.random();
    const v = this.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Integer in [low, high). */
  randint(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low));
  }

  /** A random permutation of 0..n-1 (torch.randperm). */
  randperm(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      const tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The default generator, seeded from the clock until manualSeed is called. */
export const defaultGenerator = new Generator(Date.now() % 2 ** 31);

/** Seeds every random draw Gradbook makes (init, dropout, shuffle), like torch.manual_seed. */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}

/** The default generator's state, like torch.get_rng_state(). */
export function getRngState(): Uint32Array {
  return defaultGenerator.getState();
}

/** Restores the default generator's state, like torch.set_rng_state(state). */
export function setRngState(state: ArrayLike<number>): void {
  defaultGenerator.setState(state);
}
