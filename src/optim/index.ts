// torch.optim: the Optimizer base and the optimizers.
export { Optimizer, type ParamGroup } from "./optimizer";
export { SGD } from "./sgd";
export { Adam } from "./adam";
