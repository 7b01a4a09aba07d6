"""PyTorch native column of `npm run bench`: the same models, steps and timing plan as bench/, on the CPU.

Reads one JSON argument {models, batches, threads, sgemm, repeats, minRepeats, targetBlockMs, maxSteps, budgetMs} and
prints one JSON object (bench/protocol.ts TorchRun) on stdout: each model timed at each thread count in `threads`
(1 and fastcpu's count, so the tables compare equal threads), and torch.mm at each sgemm size [M, K, N].

It names the BLAS torch really calls, read from the shared libraries mapped into this process after a matmul, and
refuses (exit 3, reason on stderr) when that is the reference BLAS: Debian's python3-torch links libblas.so.3, which
is the unoptimised Netlib BLAS unless an optimised one (libopenblas0-pthread) is installed, and the old bench's
PyTorch column (MLP step 14 ms instead of 0.57 ms) came from exactly that.
"""
import ctypes
import json
import os
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


def mapped_libraries():
    """Paths of the shared objects mapped into this process (Linux)."""
    try:
        with open("/proc/self/maps") as f:
            return sorted({line.split()[-1] for line in f if ".so" in line.split()[-1]})
    except OSError:
        return []


def classify_blas(libs, config_text=""):
    """(name, optimised, openblas path or None) from the mapped library paths (pure: the unit test feeds it lists)."""
    for path in libs:
        base = os.path.basename(path)
        if base.startswith("libopenblas"):
            return f"OpenBLAS ({path})", True, path
        if base.startswith("libmkl_rt") or base.startswith("libmkl_core"):
            return f"Intel MKL ({path})", True, None
        if base.startswith("libblis"):
            return f"BLIS ({path})", True, None
    blas = [p for p in libs if os.path.basename(p).startswith("libblas.so")]
    if blas:
        return f"reference BLAS ({os.path.realpath(blas[0])})", False, None
    if "BLAS_INFO=mkl" in config_text:
        return "Intel MKL (linked into torch)", True, None
    return "no BLAS library mapped (torch's own kernels)", True, None


def detect_blas():
    """The BLAS behind torch's float32 matmul, from the libraries mapped after one product; OpenBLAS names its build."""
    a = torch.rand(64, 64)
    (a @ a).sum().item()
    name, optimised, path = classify_blas(mapped_libraries(), torch.__config__.show())
    if path:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            name = f"{lib.openblas_get_config().decode()} ({path})"
        except (OSError, AttributeError):
            pass
    return name, optimised, path


def set_threads(threads, openblas_path):
    """torch's intra-op threads and, for OpenBLAS, its own pthread pool (torch.set_num_threads does not reach it)."""
    torch.set_num_threads(threads)
    if openblas_path:
        try:
            ctypes.CDLL(openblas_path).openblas_set_num_threads(threads)
        except (OSError, AttributeError):
            pass


def sgemm_block(m, k, n):
    g = torch.Generator().manual_seed(1)
    a = torch.rand((m, k), generator=g) * 2 - 1
    b = torch.rand((k, n), generator=g) * 2 - 1

    def run(steps):
        c = None
        for _ in range(steps):
            c = torch.mm(a, b)
        c.sum().item()
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
    blas, optimised, openblas_path = detect_blas()
    print(f"[torch] BLAS: {blas}", file=sys.stderr)
    if not optimised:
        print(f"PyTorch here calls the {blas}: its timings would be 10-25x too slow to compare with. Install an optimised "
              "BLAS (Debian: apt-get install libopenblas0-pthread) and run the bench again, or pass --no-torch.",
              file=sys.stderr)
        sys.exit(3)
    thread_counts = sorted(set(plan.get("threads") or [1]))
    runs = []
    sgemm = []
    for threads in thread_counts:
        set_threads(threads, openblas_path)
        for m, k, n in plan.get("sgemm", []):
            timing = time_blocks(sgemm_block(m, k, n), plan)
            sgemm.append({"threads": threads, "m": m, "k": k, "n": n, "timing": timing})
            ms = sorted(timing["samplesMs"])[len(timing["samplesMs"]) // 2]
            print(f"[torch] {threads} thread(s) sgemm {m}x{k}x{n}: {2 * m * k * n / ms / 1e6:.1f} GFLOP/s", file=sys.stderr)
        for model in plan["models"]:
            for batch in plan["batches"]:
                data = batches(model, batch)
                torch.manual_seed(0)
                for phase, make in (("train", train_block), ("infer", infer_block)):
                    timing = time_blocks(make(model, data), plan)
                    runs.append({"threads": threads, "model": model, "batch": batch, "phase": phase, "timing": timing})
                    print(f"[torch] {threads} thread(s) {model} b{batch} {phase}: "
                          f"{sorted(timing['samplesMs'])[len(timing['samplesMs']) // 2]:.3f} ms/step", file=sys.stderr)
    json.dump({"version": torch.__version__, "defaultThreads": default_threads, "blas": blas, "runs": runs, "sgemm": sgemm},
              sys.stdout)


if __name__ == "__main__":
    main()
