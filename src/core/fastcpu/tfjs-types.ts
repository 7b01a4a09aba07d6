// The tfjs types the fastcpu backend uses (type-only): its runtime handle `tf` is passed in by core/backend.ts.
import type * as tfc from "@tensorflow/tfjs-core";

/** The tfjs-core module object core/backend.ts hands to registerFastCpu and fastKernels. */
export type Tf = typeof tfc;
export type TensorInfo = tfc.TensorInfo;
export type DataType = tfc.DataType;
export type KernelConfig = tfc.KernelConfig;
export type KernelFunc = tfc.KernelConfig["kernelFunc"];
export type Conv2DInfo = tfc.backend_util.Conv2DInfo;
export type ExplicitPadding = tfc.backend_util.ExplicitPadding;
export type KernelBackend = tfc.KernelBackend;
