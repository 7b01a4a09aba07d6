// torch.nn: modules, layers, losses, init and functional.
export { Module } from "./module";
export { Parameter } from "./parameter";
export { Linear, Identity } from "./linear";
export { ReLU, Sigmoid, Tanh, LeakyReLU, Softmax, LogSoftmax, Flatten } from "./activation";
export { Sequential, ModuleList } from "./container";
export { CrossEntropyLoss, NLLLoss, MSELoss, L1Loss, BCELoss, BCEWithLogitsLoss, SmoothL1Loss } from "./loss";
export type { LossOptions, CrossEntropyLossOptions } from "./loss";
export { Conv2d, type Conv2dLayerOptions } from "./conv";
export { MaxPool2d, AvgPool2d } from "./pooling";
export { Dropout } from "./dropout";
export { BatchNorm1d, BatchNorm2d, type BatchNormLayerOptions } from "./batchnorm";
export * as functional from "./functional";
export * as init from "./init";
