// Reinforcement-learning environments (mirrors OpenAI Gym): gym.make, FrozenLake, spaces.
export { gym, type EnvId } from "./gym";
export { FrozenLakeEnv, MAPS, LEFT, DOWN, RIGHT, UP, ACTION_NAMES } from "./frozen-lake";
export type { FrozenLakeOptions, StepInfo, StepResult, Transition, ActionLike } from "./frozen-lake";
export { Discrete } from "./spaces";
