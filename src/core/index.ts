// Public face of the core layer: import Tensor and ops from here (this also installs the Tensor methods).
import "./methods";

export { tf, initBackend, currentBackend, memoryInfo } from "./backend";
export type { BackendName, BackendChoice, BackendInfo } from "./backend";
export { Tensor, normDim, type GradFn } from "./tensor";
export { makeOp, unbroadcast, runBackward } from "./autograd";
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from "./grad-mode";
export { onBackward } from "./hooks";
export { openArena, closeArena, dissolveArena, arenaDepth } from "./memory";
export { readScalars, readScalarsAsync, scope } from "./readback";
export { Generator, manualSeed, defaultGenerator } from "./random";
export { float32, int32, int64, bool, type DType } from "./dtype";
export * from "./creation";
export { add, sub, mul, div, pow, maximum, minimum, eq, ne, gt, lt, ge, le, broadcastShapes } from "./ops/arith";
export { neg, exp, log, sqrt, square, abs, sigmoid, tanh, relu, leakyRelu, clamp } from "./ops/unary";
export { sum, mean, max, min, argmax, argmin, type ValuesIndices } from "./ops/reduce";
export { reshape, flatten, squeeze, unsqueeze, permute, transpose, t, detach, clone, resolveShape } from "./ops/shape";
export { matmul, mm, bmm } from "./ops/linalg";
export { softmax, logSoftmax } from "./ops/softmax";
export { cat, stack } from "./ops/join";
export { formatTensor } from "./format";
