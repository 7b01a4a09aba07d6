// torch.nn: modules, layers, losses, init and functional.
export { Module } from "./module";
export { Parameter } from "./parameter";
export { Linear, Identity } from "./linear";
export { ReLU, Sigmoid, Tanh, LeakyReLU, Softmax, LogSoftmax, Flatten } from "./activation";
export { Sequential, ModuleList } from "./container";
export { CrossEntropyLoss, NLLLoss, MSELoss, L1Loss, BCELoss } from "./loss";
export * as functional from "./functional";
export * as init from "./init";
