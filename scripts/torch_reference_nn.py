#!/usr/bin/env python3
"""Writes PyTorch reference values for Gradbook's nn suite (src/nn/nn.suite.ts).

Run with Debian's python3-torch: `/usr/bin/python3 scripts/torch_reference_nn.py`.
Every input and parameter value is stored in the JSON, so the TypeScript side rebuilds exactly the same tensors.
A case's scalar objective is sum(output * cot) with a stored random `cot`, so every output element gets a distinct gradient.
CI only reads the JSON; it never needs torch.
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "nn", "__fixtures__", "nn-reference.json")


def r9(v):
    """float32 values round-trip with 9 significant digits; shorter JSON than Python's 17."""
    return [r9(u) for u in v] if isinstance(v, list) else (v if isinstance(v, int) else float(f"{v:.9g}"))


def t(x):
    return None if x is None else r9(x.detach().tolist())


def leaf(*shape):
    return torch.randn(*shape).requires_grad_(True)


cases = []

# ---- Conv2d: stride, padding (ints, pairs, "same"), dilation, bias, odd sizes, unbatched input.
for name, xshape, wshape, opts, bias in [
    ("basic", (2, 3, 7, 7), (4, 3, 3, 3), {}, True),
    ("stride2_pad1", (2, 3, 7, 7), (4, 3, 3, 3), {"stride": 2, "padding": 1}, True),
    ("dilation2_pad2", (2, 2, 8, 8), (3, 2, 3, 3), {"dilation": 2, "padding": 2}, True),
    ("stride_and_dilation", (2, 2, 9, 8), (3, 2, 3, 2), {"stride": 2, "dilation": 2, "padding": [1, 2]}, False),
    ("same_even_kernel", (1, 2, 6, 5), (2, 2, 4, 2), {"padding": "same"}, True),
    ("same_dilated", (1, 2, 6, 6), (2, 2, 3, 3), {"padding": "same", "dilation": 2}, True),
    ("stride_2x3_ragged", (2, 1, 8, 10), (2, 1, 3, 3), {"stride": [2, 3]}, True),
    ("valid_1x1", (2, 4, 3, 3), (5, 4, 1, 1), {"padding": "valid"}, True),
    ("unbatched", (3, 6, 6), (2, 3, 3, 3), {"padding": 1}, True),
]:
    x, w = leaf(*xshape), leaf(*wshape)
    b = leaf(wshape[0]) if bias else None
    kw = {k: (tuple(v) if isinstance(v, list) else v) for k, v in opts.items()}
    y = F.conv2d(x, w, b, **kw)
    cot = torch.randn(*y.shape)
    (y * cot).sum().backward()
    cases.append({"kind": "conv2d", "name": name, "opts": opts, "x": t(x), "weight": t(w), "bias": t(b), "cot": t(cot),
                  "y": t(y), "dx": t(x.grad), "dweight": t(w.grad), "dbias": t(b.grad) if bias else None})

# ---- Pools.
for name, op, xshape, kernel, opts in [
    ("max_k2", "max", (2, 3, 6, 6), 2, {}),
    ("max_k3_s2_p1", "max", (2, 2, 7, 7), 3, {"stride": 2, "padding": 1}),
    ("max_k3x2_s1x2", "max", (1, 2, 6, 7), [3, 2], {"stride": [1, 2]}),
    ("max_unbatched", "max", (3, 5, 5), 2, {"stride": 1}),
    ("max_ties_k3_s1", "max", (2, 2, 5, 5), 3, {"stride": 1}),
    ("avg_k2", "avg", (2, 3, 6, 6), 2, {}),
    ("avg_k3_s2_p1", "avg", (2, 2, 7, 7), 3, {"stride": 2, "padding": 1}),
    ("avg_k3_s2_p1_exclude_pad", "avg", (2, 2, 7, 7), 3, {"stride": 2, "padding": 1, "countIncludePad": False}),
    ("avg_k2x3_s1", "avg", (1, 2, 5, 6), [2, 3], {"stride": 1}),
]:
    # The ties case holds small integers, so many windows have several equal maxima (the gradient goes to the first).
    x = torch.randint(0, 3, xshape).float().requires_grad_(True) if "ties" in name else leaf(*xshape)
    kw = {"stride": opts.get("stride"), "padding": opts.get("padding", 0)}
    kw = {k: (tuple(v) if isinstance(v, list) else v) for k, v in kw.items()}
    k = tuple(kernel) if isinstance(kernel, list) else kernel
    if op == "max":
        y = F.max_pool2d(x, k, **kw)
    else:
        y = F.avg_pool2d(x, k, count_include_pad=opts.get("countIncludePad", True), **kw)
    cot = torch.randn(*y.shape)
    (y * cot).sum().backward()
    cases.append({"kind": "pool", "name": name, "op": op, "kernel": kernel, "opts": opts, "x": t(x), "cot": t(cot),
                  "y": t(y), "dx": t(x.grad)})

# ---- BatchNorm: one (or two) training steps, running stats after, then an eval forward/backward.
for name, cls, shape, kw in [
    ("bn1d_2d", nn.BatchNorm1d, (6, 4), {}),
    ("bn1d_3d", nn.BatchNorm1d, (4, 3, 5), {}),
    ("bn2d", nn.BatchNorm2d, (4, 3, 5, 5), {}),
    ("bn2d_momentum_none", nn.BatchNorm2d, (3, 2, 4, 4), {"momentum": None}),
    ("bn2d_no_affine", nn.BatchNorm2d, (3, 2, 4, 4), {"affine": False, "momentum": 0.3, "eps": 1e-3}),
    ("bn1d_no_running_stats", nn.BatchNorm1d, (5, 3), {"track_running_stats": False}),
]:
    bn = cls(shape[1], **kw)
    if bn.affine:
        with torch.no_grad():
            bn.weight.copy_(torch.randn(shape[1]))
            bn.bias.copy_(torch.randn(shape[1]))
    init = {k: t(v) for k, v in bn.state_dict().items()}
    steps = []
    for _ in range(2):
        bn.train()
        x = leaf(*shape) * 2 + 1
        x.retain_grad()
        y = bn(x)
        cot = torch.randn(*y.shape)
        bn.zero_grad()
        (y * cot).sum().backward()
        steps.append({"x": t(x), "cot": t(cot), "y": t(y), "dx": t(x.grad),
                      "dweight": t(bn.weight.grad) if bn.affine else None, "dbias": t(bn.bias.grad) if bn.affine else None,
                      "state": {k: t(v) for k, v in bn.state_dict().items() if "running" in k or "num_batches" in k}})
    bn.eval()
    x = leaf(*shape)
    y = bn(x)
    cot = torch.randn(*y.shape)
    bn.zero_grad()
    (y * cot).sum().backward()
    cases.append({"kind": "batchnorm", "name": name, "cls": cls.__name__, "num_features": shape[1],
                  "opts": {k: v for k, v in kw.items()}, "init": init, "steps": steps,
                  "eval": {"x": t(x), "cot": t(cot), "y": t(y), "dx": t(x.grad),
                           "dweight": t(bn.weight.grad) if bn.affine else None, "dbias": t(bn.bias.grad) if bn.affine else None}})

# ---- Stateless layers (forward and input gradient).
for name, mod, shape in [
    ("ReLU", nn.ReLU(), (3, 4)), ("Sigmoid", nn.Sigmoid(), (3, 4)), ("Tanh", nn.Tanh(), (3, 4)),
    ("LeakyReLU", nn.LeakyReLU(0.2), (3, 4)), ("Softmax", nn.Softmax(dim=1), (3, 4)), ("LogSoftmax", nn.LogSoftmax(dim=1), (3, 4)),
    ("Softmax0", nn.Softmax(dim=0), (3, 4)), ("Flatten", nn.Flatten(), (2, 3, 2, 2)), ("Identity", nn.Identity(), (2, 3)),
]:
    x = leaf(*shape)
    y = mod(x)
    cot = torch.randn(*y.shape)
    (y * cot).sum().backward()
    cases.append({"kind": "layer", "name": name, "x": t(x), "cot": t(cot), "y": t(y), "dx": t(x.grad)})

# ---- Losses: value and input gradient for each reduction and option.
def loss_case(name, cls, kw, x, target, extra=None):
    extra = extra or {}
    mod = cls(**kw, **{k: v for k, v in extra.items()})
    out = mod(x, target)
    cot = torch.randn(*out.shape) if out.dim() > 0 else torch.tensor(1.0)
    (out * cot).sum().backward()
    cases.append({"kind": "loss", "name": name, "loss": cls.__name__, "opts": kw, "extra": {k: t(v) for k, v in extra.items()},
                  "x": t(x), "target": t(target), "target_dtype": "int32" if target.dtype == torch.int64 else "float32",
                  "cot": t(cot), "y": t(out), "dx": t(x.grad)})


for red in ["mean", "sum", "none"]:
    loss_case(f"l1_{red}", nn.L1Loss, {"reduction": red}, leaf(3, 4), torch.randn(3, 4))
    loss_case(f"mse_{red}", nn.MSELoss, {"reduction": red}, leaf(3, 4), torch.randn(3, 4))
    loss_case(f"ce_{red}", nn.CrossEntropyLoss, {"reduction": red}, leaf(5, 4), torch.tensor([0, 3, 1, 3, 2]))
    loss_case(f"nll_{red}", nn.NLLLoss, {"reduction": red}, leaf(5, 4), torch.tensor([0, 3, 1, 3, 2]))
    loss_case(f"bce_{red}", nn.BCELoss, {"reduction": red}, torch.rand(4, 3).clamp(0.05, 0.95).requires_grad_(True), torch.rand(4, 3))
    loss_case(f"bce_logits_{red}", nn.BCEWithLogitsLoss, {"reduction": red}, leaf(4, 3), torch.rand(4, 3))
    loss_case(f"smooth_l1_{red}", nn.SmoothL1Loss, {"reduction": red}, leaf(3, 4), torch.randn(3, 4))
loss_case("ce_weight", nn.CrossEntropyLoss, {}, leaf(5, 4), torch.tensor([0, 3, 1, 3, 2]), {"weight": torch.rand(4) + 0.5})
loss_case("ce_ignore_default", nn.CrossEntropyLoss, {}, leaf(5, 4), torch.tensor([0, -100, 1, 3, -100]))
loss_case("ce_ignore_2", nn.CrossEntropyLoss, {"ignore_index": 2, "reduction": "sum"}, leaf(5, 4), torch.tensor([2, 3, 1, 2, 0]))
loss_case("ce_smoothing", nn.CrossEntropyLoss, {"label_smoothing": 0.1}, leaf(5, 4), torch.tensor([0, 3, 1, 3, 2]))
loss_case("ce_weight_smoothing_ignore", nn.CrossEntropyLoss, {"label_smoothing": 0.2, "ignore_index": 1}, leaf(6, 4),
          torch.tensor([0, 3, 1, 3, 2, 1]), {"weight": torch.rand(4) + 0.5})
loss_case("ce_weight_smoothing_none", nn.CrossEntropyLoss, {"label_smoothing": 0.2, "reduction": "none"}, leaf(5, 4),
          torch.tensor([0, 3, 1, 3, 2]), {"weight": torch.rand(4) + 0.5})
loss_case("ce_probs", nn.CrossEntropyLoss, {}, leaf(5, 4), torch.softmax(torch.randn(5, 4), 1))
loss_case("ce_probs_weight_smoothing", nn.CrossEntropyLoss, {"label_smoothing": 0.15}, leaf(5, 4), torch.softmax(torch.randn(5, 4), 1),
          {"weight": torch.rand(4) + 0.5})
loss_case("ce_probs_none", nn.CrossEntropyLoss, {"reduction": "none"}, leaf(5, 4), torch.softmax(torch.randn(5, 4), 1))
loss_case("ce_2d", nn.CrossEntropyLoss, {}, leaf(2, 3, 4, 5), torch.randint(0, 3, (2, 4, 5)))
loss_case("ce_2d_weight_none", nn.CrossEntropyLoss, {"reduction": "none"}, leaf(2, 3, 2, 3), torch.randint(0, 3, (2, 2, 3)),
          {"weight": torch.rand(3) + 0.5})
loss_case("ce_unbatched", nn.CrossEntropyLoss, {}, leaf(5), torch.tensor(3))
loss_case("nll_weight", nn.NLLLoss, {}, leaf(5, 4), torch.tensor([0, 3, 1, 3, 2]), {"weight": torch.rand(4) + 0.5})
loss_case("nll_ignore", nn.NLLLoss, {"ignore_index": 3}, leaf(5, 4), torch.tensor([0, 3, 1, 3, 2]))
loss_case("nll_2d", nn.NLLLoss, {}, leaf(2, 3, 4, 5), torch.randint(0, 3, (2, 4, 5)))
loss_case("nll_2d_sum_weight", nn.NLLLoss, {"reduction": "sum"}, leaf(2, 3, 4, 5), torch.randint(0, 3, (2, 4, 5)),
          {"weight": torch.rand(3) + 0.5})
loss_case("bce_weight", nn.BCELoss, {}, torch.rand(4, 3).clamp(0.05, 0.95).requires_grad_(True), torch.rand(4, 3),
          {"weight": torch.rand(3) + 0.5})
loss_case("bce_logits_pos_weight", nn.BCEWithLogitsLoss, {}, leaf(4, 3), torch.rand(4, 3), {"pos_weight": torch.rand(3) * 3})
loss_case("bce_logits_weight_pos_weight_none", nn.BCEWithLogitsLoss, {"reduction": "none"}, leaf(4, 3), torch.rand(4, 3),
          {"weight": torch.rand(4, 1) + 0.5, "pos_weight": torch.rand(3) * 3})
loss_case("bce_logits_big", nn.BCEWithLogitsLoss, {}, (torch.randn(6) * 40).requires_grad_(True), torch.tensor([0., 1., 1., 0., 0.5, 1.]))
loss_case("smooth_l1_beta_half", nn.SmoothL1Loss, {"beta": 0.5}, leaf(3, 4), torch.randn(3, 4))
loss_case("smooth_l1_beta_zero", nn.SmoothL1Loss, {"beta": 0.0, "reduction": "sum"}, leaf(3, 4), torch.randn(3, 4))


# ---- A small CNN end to end (conv, batch norm, pools, dropout in eval, linear): loss and every parameter gradient.
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.pool = nn.MaxPool2d(2)
        self.features = nn.Sequential(nn.Conv2d(4, 6, 3, stride=2, dilation=1, bias=False), nn.ReLU(), nn.AvgPool2d(1))
        self.drop = nn.Dropout(0.25)
        self.heads = nn.ModuleList([nn.Linear(6, 3), nn.LogSoftmax(dim=1)])

    def forward(self, x):
        x = self.pool(F.relu(self.bn1(self.conv1(x))))
        x = torch.flatten(self.drop(self.features(x)), 1)
        return self.heads[1](self.heads[0](x))


net = Net()
net.drop.eval()
x = torch.randn(3, 1, 8, 8)
target = torch.tensor([0, 2, 1])
params = {k: t(v) for k, v in net.state_dict().items()}
loss = F.nll_loss(net(x), target)
loss.backward()
cases.append({"kind": "cnn", "name": "cnn", "repr": repr(net), "params": params, "x": t(x), "target": t(target), "loss": loss.item(),
              "grads": {k: t(p.grad) for k, p in net.named_parameters()},
              "state_after": {k: t(v) for k, v in net.state_dict().items() if "running" in k or "num_batches" in k}})

# ---- Printed module trees (PyTorch's repr).
reprs = {
    "conv_variants": repr(nn.Sequential(nn.Conv2d(1, 6, 5), nn.Conv2d(3, 8, (3, 5), stride=2, padding=(1, 2), dilation=2, bias=False),
                                        nn.Conv2d(3, 3, 3, padding="same"), nn.Conv2d(3, 3, 3, padding="valid"))),
    "misc": repr(nn.Sequential(nn.MaxPool2d(3, stride=2, padding=1), nn.AvgPool2d(2), nn.Dropout(), nn.Dropout(0.1),
                               nn.BatchNorm1d(5, momentum=None, affine=False), nn.BatchNorm2d(16, eps=1e-3), nn.Tanh(),
                               nn.Softmax(dim=1), nn.LogSoftmax(dim=-1), nn.Flatten(), nn.Identity(), nn.LeakyReLU(),
                               nn.Sigmoid(), nn.ReLU(), nn.Linear(3, 4, bias=False), nn.ModuleList())),
    "losses": repr(nn.ModuleList([nn.L1Loss(), nn.MSELoss(), nn.CrossEntropyLoss(), nn.NLLLoss(), nn.BCELoss(),
                                  nn.BCEWithLogitsLoss(), nn.SmoothL1Loss()])),
}
cases.append({"kind": "repr", "name": "repr", "reprs": reprs})

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"torch_version": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")
