#!/usr/bin/env python3
"""Writes PyTorch reference values for Gradbook's autograd tests.

Run with Debian's python3-torch (`apt-get install python3-torch`; `/usr/bin/python3 scripts/torch_reference.py`).
Inputs are generated here and stored in the JSON, so the TypeScript tests rebuild exactly the same tensors.
CI only reads the JSON; it never needs torch.
"""
import json
import os

import torch

from torch_reference_core import core_cases

torch.manual_seed(0)
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "core", "__fixtures__", "torch-reference.json")


def t(x):
    return x.detach().tolist()


def leaf(*shape, positive=False):
    x = torch.randn(*shape)
    if positive:
        x = x.abs() + 0.5
    return x.requires_grad_(True)


cases = []

# Unary ops: y = sum(op(x) * w), grads w.r.t. x.
for name, fn, positive in [
    ("exp", torch.exp, False), ("log", torch.log, True), ("sqrt", torch.sqrt, True), ("sigmoid", torch.sigmoid, False),
    ("tanh", torch.tanh, False), ("relu", torch.relu, False), ("abs", torch.abs, False), ("neg", torch.neg, False),
]:
    x = leaf(3, 4, positive=positive)
    w = torch.randn(3, 4)
    y = fn(x)
    (y * w).sum().backward()
    cases.append({"kind": "unary", "op": name, "x": t(x), "w": t(w), "y": t(y), "dx": t(x.grad)})

# Binary ops with broadcasting [3, 4] (op) [4].
for name, fn in [("add", torch.add), ("sub", torch.sub), ("mul", torch.mul), ("div", torch.div), ("pow", torch.pow)]:
    a = leaf(3, 4, positive=True)
    b = leaf(4, positive=True)
    w = torch.randn(3, 4)
    y = fn(a, b)
    (y * w).sum().backward()
    cases.append({"kind": "binary", "op": name, "a": t(a), "b": t(b), "w": t(w), "y": t(y), "da": t(a.grad), "db": t(b.grad)})

# Batched matmul with broadcasting: [2, 3, 4] @ [4, 5].
a, b, w = leaf(2, 3, 4), leaf(4, 5), torch.randn(2, 3, 5)
y = a @ b
(y * w).sum().backward()
cases.append({"kind": "matmul", "a": t(a), "b": t(b), "w": t(w), "y": t(y), "da": t(a.grad), "db": t(b.grad)})

# Softmax / log-softmax along dim 1.
for name, fn in [("softmax", lambda x: torch.softmax(x, 1)), ("logSoftmax", lambda x: torch.log_softmax(x, 1))]:
    x, w = leaf(4, 6), torch.randn(4, 6)
    y = fn(x)
    (y * w).sum().backward()
    cases.append({"kind": "unary", "op": name, "x": t(x), "w": t(w), "y": t(y), "dx": t(x.grad)})

# Reductions.
for name, fn, wshape in [("sum1", lambda x: x.sum(1), (3,)), ("mean0", lambda x: x.mean(0), (4,)), ("max1", lambda x: x.max(1).values, (3,))]:
    x, w = leaf(3, 4), torch.randn(*wshape)
    y = fn(x)
    (y * w).sum().backward()
    cases.append({"kind": "unary", "op": name, "x": t(x), "w": t(w), "y": t(y), "dx": t(x.grad)})

# The notes' first example: MSE on a 3x5 random input.
x, target = leaf(3, 5), torch.randn(3, 5)
loss = torch.nn.MSELoss()(x, target)
loss.backward()
cases.append({"kind": "loss", "op": "mse", "x": t(x), "target": t(target), "loss": loss.item(), "dx": t(x.grad)})

x, target = leaf(3, 5), torch.randn(3, 5)
loss = torch.nn.L1Loss()(x, target)
loss.backward()
cases.append({"kind": "loss", "op": "l1", "x": t(x), "target": t(target), "loss": loss.item(), "dx": t(x.grad)})

p = torch.rand(6).clamp(0.05, 0.95).requires_grad_(True)
target = torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0, 0.0])
loss = torch.nn.BCELoss()(p, target)
loss.backward()
cases.append({"kind": "loss", "op": "bce", "x": t(p), "target": t(target), "loss": loss.item(), "dx": t(p.grad)})

x, target = leaf(5, 3), torch.tensor([0, 2, 1, 2, 0])
loss = torch.nn.NLLLoss()(torch.log_softmax(x, 1), target)
loss.backward()
cases.append({"kind": "loss", "op": "nll_logsoftmax", "x": t(x), "target": t(target), "loss": loss.item(), "dx": t(x.grad)})

# Linear + CrossEntropyLoss: the softmax-regression step, parameter grads included.
lin = torch.nn.Linear(4, 3)
x, target = leaf(5, 4), torch.tensor([1, 0, 2, 2, 1])
loss = torch.nn.CrossEntropyLoss()(lin(x), target)
loss.backward()
cases.append({
    "kind": "linear_ce", "x": t(x), "target": t(target), "weight": t(lin.weight), "bias": t(lin.bias),
    "loss": loss.item(), "dx": t(x.grad), "dweight": t(lin.weight.grad), "dbias": t(lin.bias.grad),
})

# Optimizer trajectories on f(w) = sum((A w - y)^2) / 2, 20 steps.
A, yv, w0 = torch.randn(5, 3), torch.randn(5), torch.randn(3)
for name, make in [
    ("sgd", lambda ps: torch.optim.SGD(ps, lr=0.05)),
    ("sgd_momentum_nesterov_wd", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("adam", lambda ps: torch.optim.Adam(ps, lr=0.1)),
    ("adam_amsgrad_wd", lambda ps: torch.optim.Adam(ps, lr=0.1, amsgrad=True, weight_decay=0.1)),
]:
    w = w0.clone().requires_grad_(True)
    opt = make([w])
    traj = []
    for _ in range(20):
        opt.zero_grad()
        (((A @ w - yv) ** 2).sum() / 2).backward()
        opt.step()
        traj.append(t(w))
    cases.append({"kind": "optim", "op": name, "A": t(A), "y": t(yv), "w0": t(w0), "trajectory": traj})

# Core ops, shapes, indexing, in-place ops, factories and printing (src/core/ops.suite.ts); own seed.
cases += core_cases()

# One case per line: small diffs, and a file a person can still read.
with open(OUT, "w") as f:
    f.write('{"torch_version": %s, "cases": [\n' % json.dumps(torch.__version__))
    f.write(",\n".join(json.dumps(c, allow_nan=False) for c in cases))
    f.write("\n]}\n")
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")
