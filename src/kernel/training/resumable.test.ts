// resumable() on the real engine and fake-indexeddb: a run that dies in epoch 3 resumes there and ends where an
// uninterrupted run ends (same seed), with the same curves; a checkpoint that does not fit is refused, model unchanged.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { checkpointBytes, restoreCheckpoint } from "../../io/checkpoint";
import { CheckpointStore } from "../../io/checkpoint-store";
import type { Module } from "../../nn/module";
import type { RunMode } from "../protocol";
import { metricPoints, streamText, testKernel } from "../worker/test-kernel";

let dbCount = 0;

/** A fresh kernel (a reloaded page) over the checkpoint database `db`. */
function kernelOn(db: string) {
  const k = testKernel({
    deps: { checkpoints: { bytes: checkpointBytes, restore: restoreCheckpoint, store: () => CheckpointStore.open(db) } },
  });
  const run = async (code: string, cellId: string, mode: RunMode = "run") => {
    const msgs = await k.run(code, { cellId, notebookId: "nb-test", mode });
    return { text: streamText(msgs), error: msgs.find((m) => m.type === "error"), points: metricPoints(msgs) };
  };
  const params = () => (k.kernel.vars.model as Module).parameters().map((p) => p.tolist());
  return { kernel: k.kernel, run, params };
}

const SETUP = (crashAt: number, out = 3) => `
manualSeed(7);
const crashAt = ${crashAt};
const x = torch.randn(24, 4);
const y = torch.randint(0, 3, [24]);
const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 8, shuffle: true });
const model = new nn.Sequential(new nn.Linear(4, 8), new nn.Dropout(0.2), new nn.ReLU(), new nn.Linear(8, ${out}));
const optimizer = new optim.Adam(model.parameters(), { lr: 0.05 });
const lossFn = new nn.CrossEntropyLoss();`;

const TRAIN = `
for await (const epoch of resumable(5, { model, optimizer })) {
  let i = 0;
  for (const [data, target] of loader) {
    if (epoch === crashAt && i === 1) throw new Error("the tab crashed");
    optimizer.zeroGrad();
    const loss = lossFn(model(data), target);
    loss.backward();
    optimizer.step();
    i++;
  }
  print(\`epoch \${epoch + 1}\`);
  log({ "epoch": epoch + 1 }, { axis: "epoch" });
}`;

describe("resumable", () => {
  it("a run that died in epoch 3 resumes at epoch 3 and ends with the uninterrupted run's parameters and curves", async () => {
    const db = `ckpt-test-${++dbCount}`;
    const straight = kernelOn(db);
    await straight.run(SETUP(-1), "setup");
    const whole = await straight.run(TRAIN, "train");
    expect(whole.error).toBeUndefined();
    expect(whole.text).toBe("epoch 1\nepoch 2\nepoch 3\nepoch 4\nepoch 5\n");
    const finalParams = straight.params();
    const store = await CheckpointStore.open(db);
    expect(await store.list("nb-test")).toEqual([]); // finished: nothing left to resume

    const crashed = kernelOn(db);
    await crashed.run(SETUP(2), "setup");
    const died = await crashed.run(TRAIN, "train");
    expect(died.error).toMatchObject({ evalue: "the tab crashed" });
    expect(died.text).toBe("epoch 1\nepoch 2\n");
    expect(await store.list("nb-test")).toMatchObject([{ cellId: "train", epoch: 1, epochs: 5 }]);

    const reloaded = kernelOn(db);
    await reloaded.run(SETUP(-1), "setup");
    const resumed = await reloaded.run(TRAIN, "train", "resume");
    expect(resumed.error).toBeUndefined();
    expect(resumed.text).toContain("continuing at epoch 3/5");
    expect(resumed.text).toMatch(/epoch 3\nepoch 4\nepoch 5\n$/);
    expect(resumed.text).not.toContain("epoch 1\n");
    const finalResumed = reloaded.params();
    finalParams.forEach((p, i) => expect(finalResumed[i]).toEqual(p));
    // Same curves: the saved points come back first, then the new ones continue their steps.
    const key = (p: { name: string; axis: string; step: number }) => `${p.name}/${p.axis}/${p.step}`;
    // (Losses are read from the device in batches, so the order of series may differ; compare sorted.)
    const sorted = (ps: typeof whole.points) => [...ps].sort((a, b) => key(a).localeCompare(key(b)));
    const [a, b] = [sorted(resumed.points), sorted(whole.points)];
    expect(a.map(key)).toEqual(b.map(key));
    a.forEach((p, i) => expect(p.value).toBeCloseTo(b[i].value, 5));
    store.close();
  });

  it("a checkpoint that does not fit the model is refused with a clear error, and the model is unchanged", async () => {
    const db = `ckpt-test-${++dbCount}`;
    const first = kernelOn(db);
    await first.run(SETUP(1), "setup");
    await first.run(TRAIN, "train");

    const other = kernelOn(db);
    await other.run(SETUP(-1, 5), "setup"); // a different last layer
    const before = other.params();
    const resumed = await other.run(TRAIN, "train", "resume");
    expect(resumed.error).toMatchObject({ ename: "RuntimeError" });
    expect((resumed.error as { evalue: string }).evalue).toMatch(/Cannot resume from the checkpoint saved after epoch 1\/5: .*Run the cell normally/s);
    expect(other.params()).toEqual(before);
  });

  it("says to use for await when looped with a plain for…of", async () => {
    const k = kernelOn(`ckpt-test-${++dbCount}`);
    await k.run(SETUP(-1), "setup");
    const r = await k.run("for (const epoch of resumable(2, { model, optimizer })) print(epoch);", "train");
    expect(r.error).toMatchObject({ ename: "TypeError" });
    expect((r.error as { evalue: string }).evalue).toContain("for await (const epoch of resumable(");
  });
});
