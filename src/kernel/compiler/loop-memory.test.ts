// Flat memory in plain loops: live tensor counts stay flat over 10,000 iterations, kept tensors stay valid, Interrupt works.
import { afterEach, describe, expect, it } from "vitest";
import { Tensor, tf } from "../../core";
import { setInterruptCheck } from "../../lib/interrupt";
import { cellSession } from "../worker/cell-session";

afterEach(() => setInterruptCheck(() => false));

const session = (extra: Record<string, unknown> = {}) => cellSession(extra);

describe("loops free what their past iterations left behind", () => {
  it("a 10,000-episode Q-learning-style loop keeps the live tensor count flat", async () => {
    const counts: number[] = [];
    const s = session({ liveTensors: () => counts.push(tf.memory().numTensors) });
    await s.value(`
torch.manualSeed(0);
const Q = torch.zeros(16, 4);
const rewards = [];
let best = null;
for (let episode = 1; episode <= 10000; episode++) {
  let state = torch.tensor([episode % 16]);
  let total = 0;
  for (let step = 0; step < 2; step++) {
    const q = Q[state.item()];
    const target = 0.9 * q.max() + 1.0;
    state = (state + q.argmax() + 1) % 16;
    total += target.item();
  }
  rewards.push(total);
  if (episode === 500) best = state;
  if (episode === 1000 || episode === 10000) liveTensors();
}`);
    expect(counts).toHaveLength(2);
    expect(counts[1]).toBeLessThanOrEqual(counts[0] * 1.1);
    expect((s.scope.vars.best as Tensor).isAlive).toBe(true);
    expect((s.scope.vars.rewards as number[]).length).toBe(10000);
  }, 120_000);

  it("tensors kept in a list, a Map, an object or an outer variable stay valid; the rest is freed", async () => {
    const s = session();
    const got = await s.value(`
const list = [];
const byStep = new Map();
const holder = { last: null };
let outer = null;
function run() {
  const local = [];
  for (let i = 0; i < 50; i++) {
    const t = torch.ones(2).mul(i);
    if (i % 10 === 0) list.push(t);
    if (i % 10 === 1) byStep.set(i, t);
    if (i === 7) holder.last = t;
    if (i === 8) outer = t.data;
    if (i === 9) local.push(t);
  }
  return local;
}
const local = run();
[list.map((t) => t.sum().item()), [...byStep.values()].map((t) => t.sum().item()), holder.last.sum().item(), outer.sum().item(), local[0].sum().item()]`);
    expect(got).toEqual([[0, 20, 40, 60, 80], [2, 22, 42, 62, 82], 14, 16, 18]);
  });

  it("a running sum of losses keeps its graph so backward works after the loop", async () => {
    const s = session();
    const g = await s.value(`
const w = torch.ones(3, { requiresGrad: true });
let total = 0;
for (let i = 0; i < 200; i++) total = total + (w * i).sum();
total.backward();
w.grad.tolist()`);
    expect(g).toEqual([19900, 19900, 19900]);
  });

  it("Interrupt still stops such a loop", async () => {
    const s = session();
    let ticks = 0;
    setInterruptCheck(() => ++ticks > 500);
    await expect(s.value("let k = torch.zeros(1); while (true) { k = k + 1; }")).rejects.toThrow(/KeyboardInterrupt/);
  });
});
