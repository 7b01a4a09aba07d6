// nn.Sequential under noGrad: a run of Conv2d / ReLU / MaxPool2d layers goes channels-last in one op (core's nhwcRun:
// one transpose in and out, bias and ReLU folded into the convolution), a Linear followed by a ReLU is one matmul with
// the ReLU in its store. Layers with hooks, subclasses and anything else run one by one, as written.
import { currentBackend, nhwcRun, type NhwcStage, type Tensor } from "../core";
import { ReLU } from "./activation";
import { Conv2d } from "./conv";
import { linearOp } from "./linear-op";
import { Linear } from "./linear";
import { hasHooks, type Module } from "./module";
import { MaxPool2d } from "./pooling";

/** `m` is exactly this class (a subclass may override forward) and no hook watches it. */
function plain<T extends Module>(m: Module, cls: abstract new (...args: never[]) => T): m is T {
  return Object.getPrototypeOf(m) === cls.prototype && !hasHooks(m);
}

/** The Conv2d / ReLU / MaxPool2d run starting at mods[i] (a Conv2d) as stages, and the index after it. */
function convRun(mods: readonly Module[], i: number): [NhwcStage[], number] {
  const stages: NhwcStage[] = [];
  let j = i;
  for (; j < mods.length; j++) {
    const m = mods[j];
    const last = stages[stages.length - 1];
    if (plain(m, Conv2d)) stages.push({ kind: "conv", weight: m.weight, bias: m.bias, opts: { stride: m.stride, padding: m.padding, dilation: m.dilation }, relu: false });
    else if (plain(m, ReLU)) {
      if (last?.kind === "conv" && !last.relu) last.relu = true;
      else stages.push({ kind: "relu" });
    } else if (plain(m, MaxPool2d)) stages.push({ kind: "maxpool", kernelSize: m.kernelSize, stride: m.stride, padding: m.padding });
    else break;
  }
  return [stages, j];
}

/**
 * Backends whose fused path is tested against the layers one by one (cpu and fastcpu in unit tests; wasm runs fastcpu's
 * XNNPACK kernels). GPU backends keep the plain loop: their reference suites run in a browser with a GPU.
 */
const FUSING = new Set(["cpu", "wasm", "fastcpu"]);

/** Sequential's forward with grad mode off: the same values as calling each module in turn. */
export function sequentialInference(mods: readonly Module[], x: Tensor): Tensor {
  let y = x;
  const call = (m: Module): Tensor => (m as unknown as (t: Tensor) => Tensor)(y);
  if (!FUSING.has(currentBackend())) {
    for (const m of mods) y = call(m);
    return y;
  }
  let i = 0;
  while (i < mods.length) {
    const m = mods[i];
    if (plain(m, Conv2d)) {
      const [stages, next] = convRun(mods, i);
      const r = nhwcRun(y, stages);
      if (r) {
        y = r;
        i = next;
        continue;
      }
    } else if (plain(m, Linear) && i + 1 < mods.length && plain(mods[i + 1], ReLU)) {
      y = linearOp(y, m.weight, m.bias, "Linear", true);
      i += 2;
      continue;
    }
    y = call(m);
    i += 1;
  }
  return y;
}
