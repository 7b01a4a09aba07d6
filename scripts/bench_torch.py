"""PyTorch native column of `npm run bench`: the same models, steps and timing plan as bench/, on the CPU.

Reads one JSON argument {models, batches, repeats, minRepeats, targetBlockMs, maxSteps, budgetMs} and prints one
JSON object (bench/protocol.ts TorchRun) on stdout. Timed at 1 thread (one core, like a tfjs backend) and, when
different, at torch's default thread count.
"""
import json
import sys
import time

import torch
from torch import nn


def build(model):
    if model == "softmax":
        return nn.Sequential(nn.Linear(784, 10))
    if model == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                             nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    if model == "cnn":
        return nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                             nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    raise ValueError(f"unknown model {model}")


def batches(model, batch, distinct=4):
    g = torch.Generator().manual_seed(7 + batch)
    shape = (batch, 1, 28, 28) if model == "cnn" else (batch, 784)
    return [(torch.rand(shape, generator=g), torch.randint(0, 10, (batch,), generator=g)) for _ in range(distinct)]


def train_block(model, data):
    net = build(model)
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=0.03)

    def run(steps):
        loss = None
        for k in range(steps):
            x, y = data[k % len(data)]
            opt.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
        loss.item()
    return run


def infer_block(model, data):
    net = build(model).eval()

    def run(steps):
        with torch.no_grad():
            for k in range(steps):
                out = net(data[k % len(data)][0])
        out.sum().item()
    return run


def time_once(run, steps):
    t0 = time.perf_counter()
    run(steps)
    return (time.perf_counter() - t0) * 1000


def time_blocks(run, plan):
    """Mirrors bench/timing.ts: two one-step warm-ups, size the block, one warm block, then the timed repeats."""
    estimate = time_once(run, 1)
    if estimate < plan["budgetMs"]:
        estimate = max(time_once(run, 1), 0.01)
    slow = estimate >= plan["budgetMs"] / 2
    if not slow and estimate < plan["targetBlockMs"]:
        estimate = max(time_once(run, 4) / 4, 0.01)
    steps = int(max(1, min(plan["maxSteps"], -(-plan["targetBlockMs"] // estimate))))
    fitting = int(plan["budgetMs"] // (estimate * steps))
    if slow:
        repeats = max(1, min(plan["minRepeats"], fitting))
    else:
        repeats = max(plan["minRepeats"], min(plan["repeats"], fitting))
    if estimate * steps < 2000:
        time_once(run, steps)
    return {"samplesMs": [time_once(run, steps) / steps for _ in range(repeats)], "steps": steps}


def main():
    plan = json.loads(sys.argv[1])
    default_threads = torch.get_num_threads()
    thread_counts = [1] + ([default_threads] if default_threads != 1 else [])
    runs = []
    for threads in thread_counts:
        torch.set_num_threads(threads)
        for model in plan["models"]:
            for batch in plan["batches"]:
                data = batches(model, batch)
                torch.manual_seed(0)
                for phase, make in (("train", train_block), ("infer", infer_block)):
                    timing = time_blocks(make(model, data), plan)
                    runs.append({"threads": threads, "model": model, "batch": batch, "phase": phase, "timing": timing})
                    print(f"[torch] {threads} thread(s) {model} b{batch} {phase}: "
                          f"{sorted(timing['samplesMs'])[len(timing['samplesMs']) // 2]:.3f} ms/step", file=sys.stderr)
    json.dump({"version": torch.__version__, "defaultThreads": default_threads, "runs": runs}, sys.stdout)


if __name__ == "__main__":
    main()
