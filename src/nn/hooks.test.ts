// Forward hooks and pre-hooks: PyTorch's register_forward_hook / register_forward_pre_hook on nn.Module.
import { describe, expect, it } from "vitest";
import { scope, tensor, tf, type Tensor } from "../core";
import { Linear, ReLU, Sequential } from "./index";

describe("forward hooks", () => {
  it("run after each call with (module, inputs, output), in order, until removed", () => {
    const before = tf.memory().numTensors;
    const net = new Sequential(new Linear(2, 3), new ReLU());
    const made = tf.memory().numTensors;
    const calls: string[] = [];
    const pre = net.at(0).registerForwardPreHook((m, inputs) => void calls.push(`pre ${m.constructor.name} [${(inputs[0] as Tensor).shape}]`));
    const h1 = net.at(0).registerForwardHook((m, _in, out: Tensor) => void calls.push(`post ${m.constructor.name} [${out.shape}]`));
    const h2 = net.registerForwardHook(() => void calls.push("net"));
    scope(() => void net(tensor([[1.5, 2]])));
    expect(calls).toEqual(["pre Linear [1,2]", "post Linear [1,3]", "net"]);
    pre.remove();
    h1.remove();
    h2.remove();
    scope(() => void net(tensor([[1.5, 2]])));
    expect(calls).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(made);
    expect(made).toBeGreaterThan(before);
  });

  it("a hook's return value replaces the output; calling forward() directly skips hooks", () => {
    const lin = new Linear(1, 1);
    lin.registerForwardHook((_m, _in, out: Tensor) => out.mul(0));
    scope(() => {
      expect(Math.abs(lin(tensor([[5.5]])).item())).toBe(0);
      expect(lin.forward(tensor([[5.5]])).item()).not.toBe(0);
    });
  });
});
