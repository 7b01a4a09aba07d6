// gym.make: environments by id, like OpenAI Gym (`gym.make("FrozenLake-v1", { isSlippery: false })`).
import { FrozenLakeEnv, type FrozenLakeOptions } from "./frozen-lake";
import { Discrete } from "./spaces";

const registry = {
  "FrozenLake-v1": (opts: FrozenLakeOptions) => new FrozenLakeEnv({ mapName: "4x4", ...opts }),
  "FrozenLake8x8-v1": (opts: FrozenLakeOptions) => new FrozenLakeEnv({ mapName: "8x8", ...opts }),
};

export type EnvId = keyof typeof registry;

/** Makes an environment by its gym id. */
function make(id: EnvId, opts: FrozenLakeOptions = {}): FrozenLakeEnv {
  const factory = (registry as Record<string, ((o: FrozenLakeOptions) => FrozenLakeEnv) | undefined>)[id];
  if (!factory) {
    throw new Error(`gym.make(${JSON.stringify(id)}): no such environment; Gradbook has ${Object.keys(registry).map((k) => JSON.stringify(k)).join(", ")}`);
  }
  return factory(opts);
}

/** The `gym` namespace a cell sees. */
export const gym = { make, spaces: { Discrete }, envs: { FrozenLakeEnv } };
