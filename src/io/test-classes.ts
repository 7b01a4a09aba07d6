// Test helper: compiles TypeScript model classes the way the kernel does (sucrase), so forward.toString() is a cell's.
import { transform } from "sucrase";
import * as core from "../core";
import * as nn from "../nn";

/** Compiles TypeScript class declarations with nn, F and torch in scope and returns the class named `className`. */
export function defineClass(ts: string, className: string): new () => nn.Module {
  const js = transform(ts, { transforms: ["typescript"] }).code;
  return new Function("nn", "F", "torch", `${js}\nreturn ${className};`)(nn, nn.functional, core);
}
