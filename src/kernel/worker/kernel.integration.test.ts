// The kernel on the real engine (tfjs cpu in Node): a training cell charts its loss, errors point at cell lines.
import { describe, expect, it } from "vitest";
import { readScalars } from "../../core/readback";
import type { Tensor } from "../../core/tensor";
import { testKernel } from "./test-kernel";

/** A real kernel that also keeps every loss tensor it read (to check they were freed). */
function realKernel() {
  const read: Tensor[] = [];
  const k = testKernel({
    deps: {
      readScalars: (ts) => {
        read.push(...ts);
        return readScalars(ts);
      },
    },
  });
  return { ...k, read };
}

describe("Kernel with the real engine", () => {
  it("trains across cells, charts the loss automatically, shows modules, exports weights", async () => {
    const k = realKernel();
    const setup = await k.run(
      [
        "manualSeed(0);",
        "const model = new nn.Linear(3, 1);",
        "const opt = new optim.SGD(model.parameters(), { lr: 0.1 });",
        "const x = tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]);",
        "const y = tensor([[0.5], [1.5]]);",
      ].join("\n"),
    );
    expect(setup.find((m) => m.type === "error")).toBeUndefined();
    const out = await k.run(
      [
        "for (let step = 0; step < 5; step++) {",
        "  opt.zeroGrad();",
        "  const loss = F.mseLoss(model.forward(x), y);",
        "  loss.backward();",
        "  opt.step();",
        "}",
        "model",
      ].join("\n"),
    );
    const err = out.find((m) => m.type === "error");
    expect(err).toBeUndefined();
    const points = out.flatMap((m) => (m.type === "metrics" ? m.points : []));
    expect(points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
    expect(points.every((p) => p.name === "loss" && Number.isFinite(p.value))).toBe(true);
    expect(points[4].value).toBeLessThan(points[0].value);
    expect(out.find((m) => m.type === "display")).toMatchObject({ data: { "text/plain": expect.stringContaining("Linear") } });
    expect(k.read).toHaveLength(5);
    expect(k.read.every((t) => !t.isAlive)).toBe(true); // the kept losses were freed after reading

    k.kernel.receive({ type: "export-weights", requestId: "q" });
    await k.kernel.idle();
    const dl = k.posted.find((m) => m.type === "download");
    expect(dl).toMatchObject({ requestId: "q", filename: "model.safetensors" });
  });

  it("a shape error from inside a layer is reported on the cell line that called it", async () => {
    const k = realKernel();
    const out = await k.run("const layer = new nn.Linear(784, 10);\nconst img = torch.zeros([2, 1, 28, 28]);\nlayer.forward(img);");
    const err = out.find((m) => m.type === "error");
    expect(err).toMatchObject({ line: 3 });
    expect(out.at(-1)).toMatchObject({ type: "done", ok: false });
  });
});
