// An uninitialised (zero) float tensor for parameters that an initialiser fills next.
import { zeros, type Tensor } from "../core";

export function empty(shape: number[]): Tensor {
  return zeros(shape);
}
