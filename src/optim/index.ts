// torch.optim: the Optimizer base and the optimizers.
export { Optimizer, type ParamGroup, type ParamState, type BaseOptions, type Closure, type ParamsArg } from "./optimizer";
export type { OptimizerStateDict, SavedParamState, SavedParamGroup } from "./state-dict";
export { SGD, type SGDOptions } from "./sgd";
export { Adam, type AdamOptions } from "./adam";
export { AdamW, type AdamWOptions } from "./adamw";
export { Adagrad, type AdagradOptions } from "./adagrad";
export { Adadelta, type AdadeltaOptions } from "./adadelta";
export { Adamax, type AdamaxOptions } from "./adamax";
export { RMSprop, type RMSpropOptions } from "./rmsprop";
export { ASGD, type ASGDOptions } from "./asgd";
export { Rprop, type RpropOptions } from "./rprop";
export { LBFGS, type LBFGSOptions } from "./lbfgs";
export { SparseAdam, type SparseAdamOptions } from "./sparse-adam";
export { NAdam, type NAdamOptions } from "./nadam";
export { RAdam, type RAdamOptions } from "./radam";
/** torch.optim.lr_scheduler: `new optim.lrScheduler.StepLR(optimizer, { stepSize: 30 })`. */
export * as lrScheduler from "./lr-schedulers";
