#!/usr/bin/env python3
"""Writes PyTorch reference values for Gradbook's modern nn set (src/nn/modern.suite.ts), issue 13 items 5 and 6.

Run with Debian's python3-torch: `/usr/bin/python3 scripts/torch_reference_modern.py`.
Writes src/nn/__fixtures__/modern-reference.json; CI only reads the JSON, it never needs torch.
Layers, losses, einsum, amax/amin, autograd.grad, clip_grad_* and the tiny-value / NaN / Inf kernel audit.
A case's objective is sum(output * cot) with a stored random `cot`, so every output element gets a distinct gradient.
Non-finite numbers are written as the strings "nan", "inf", "-inf" (JSON has no NaN).
Optimizers and schedulers (NAdam, RAdam, MultiStepLR, LambdaLR, OneCycleLR, ReduceLROnPlateau) are in
scripts/torch_reference_optim.py.
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "nn", "__fixtures__", "modern-reference.json")


def num(v):
    if isinstance(v, bool) or isinstance(v, int):
        return v
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float(f"{v:.9g}")


def r9(v):
    return [r9(u) for u in v] if isinstance(v, list) else num(v)


def t(x):
    return None if x is None else r9(x.detach().tolist())


def leaf(*shape):
    return torch.randn(*shape).requires_grad_(True)


cases = []


def module_case(name, mod, inputs, grads=None):
    """inputs: tensors; grads: which inputs require grad (default: the floating ones)."""
    grads = grads if grads is not None else [x.is_floating_point() for x in inputs]
    xs = [x.detach().clone().requires_grad_(g) for x, g in zip(inputs, grads)]
    with torch.no_grad():  # distinct values for every parameter (not the init's zeros/ones)
        for p in mod.parameters():
            p.copy_(torch.randn_like(p))
        if isinstance(mod, nn.Embedding) and mod.padding_idx is not None:
            mod.weight[mod.padding_idx].fill_(0.5)
    state = {k: t(v) for k, v in mod.state_dict().items()}
    y = mod(*xs)
    cot = torch.randn(*y.shape) if y.dim() > 0 else torch.tensor(1.0)
    (y * cot).sum().backward()
    cases.append({"kind": "module", "name": name, "repr": repr(mod), "state": state, "stateKeys": list(mod.state_dict().keys()),
                  "inputs": [{"v": t(x), "dtype": "int32" if not x.is_floating_point() else "float32", "grad": g} for x, g in zip(xs, grads)],
                  "cot": t(cot), "y": t(y), "dinputs": [t(x.grad) if g else None for x, g in zip(xs, grads)],
                  "dparams": {k: t(p.grad) for k, p in mod.named_parameters()}})


# ---- Normalisation, embedding.
module_case("LayerNorm", nn.LayerNorm(5), [torch.randn(3, 4, 5)])
module_case("LayerNorm_2d_noaffine", nn.LayerNorm([4, 5], eps=1e-3, elementwise_affine=False), [torch.randn(2, 4, 5)])
module_case("GroupNorm", nn.GroupNorm(2, 6), [torch.randn(3, 6, 4, 4)])
module_case("GroupNorm_noaffine", nn.GroupNorm(3, 6, eps=1e-3, affine=False), [torch.randn(2, 6, 5)])
module_case("Embedding", nn.Embedding(10, 4), [torch.tensor([[1, 2, 4], [4, 3, 9]])])
module_case("Embedding_padding", nn.Embedding(6, 3, padding_idx=0), [torch.tensor([[0, 2, 0], [5, 2, 1]])])

# ---- Convolutions, pooling, upsampling.
module_case("Conv1d", nn.Conv1d(3, 4, 3), [torch.randn(2, 3, 10)])
module_case("Conv1d_options", nn.Conv1d(2, 4, 3, stride=2, padding=1, dilation=2, bias=False), [torch.randn(2, 2, 11)])
module_case("Conv1d_unbatched", nn.Conv1d(2, 3, 2, padding=1), [torch.randn(2, 6)])
module_case("ConvTranspose2d", nn.ConvTranspose2d(3, 2, 3), [torch.randn(2, 3, 5, 5)])
module_case("ConvTranspose2d_s2_p1_op1", nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1), [torch.randn(2, 4, 4, 4)])
module_case("ConvTranspose2d_k4_s2_p1", nn.ConvTranspose2d(3, 2, 4, stride=2, padding=1), [torch.randn(1, 3, 4, 3)])
module_case("ConvTranspose2d_rect_nobias", nn.ConvTranspose2d(2, 3, (2, 3), stride=(2, 1), bias=False), [torch.randn(2, 2, 3, 4)])
module_case("ConvTranspose2d_dilation_bigpad", nn.ConvTranspose2d(2, 2, 3, stride=2, padding=3, dilation=2), [torch.randn(1, 2, 5, 5)])
module_case("ConvTranspose2d_unbatched", nn.ConvTranspose2d(2, 1, 2, stride=2), [torch.randn(2, 3, 3)])
module_case("Unflatten", nn.Unflatten(1, (2, 3)), [torch.randn(2, 6, 2)])
module_case("AdaptiveAvgPool2d_1", nn.AdaptiveAvgPool2d((1, 1)), [torch.randn(2, 3, 4, 5)])
module_case("AdaptiveAvgPool2d_3", nn.AdaptiveAvgPool2d(3), [torch.randn(2, 2, 7, 5)])
module_case("AdaptiveAvgPool2d_none", nn.AdaptiveAvgPool2d((2, None)), [torch.randn(1, 2, 5, 3)])
module_case("Upsample_nearest_2", nn.Upsample(scale_factor=2), [torch.randn(2, 2, 3, 4)])
module_case("Upsample_nearest_size", nn.Upsample(size=(5, 7), mode="nearest"), [torch.randn(1, 2, 3, 4)])
module_case("Upsample_bilinear_2", nn.Upsample(scale_factor=2, mode="bilinear"), [torch.randn(2, 2, 3, 4)])
module_case("Upsample_bilinear_align", nn.Upsample(size=(5, 3), mode="bilinear", align_corners=True), [torch.randn(1, 2, 3, 4)])
module_case("Upsample_bilinear_1_5", nn.Upsample(scale_factor=1.5, mode="bilinear"), [torch.randn(1, 1, 4, 3)])

# ---- Activations.
for name, mod in [("GELU", nn.GELU()), ("GELU_tanh", nn.GELU(approximate="tanh")), ("ELU", nn.ELU()), ("ELU_alpha", nn.ELU(alpha=0.5)),
                  ("SELU", nn.SELU()), ("SiLU", nn.SiLU()), ("Softplus", nn.Softplus()), ("Softplus_beta", nn.Softplus(beta=2, threshold=1)),
                  ("LeakyReLU_default", nn.LeakyReLU())]:
    module_case(name, mod, [torch.randn(3, 5) * 2])

# ---- Losses (input gradient only; targets need none).
for red in ["mean", "sum", "none"]:
    module_case(f"HuberLoss_{red}", nn.HuberLoss(reduction=red), [torch.randn(3, 4) * 2, torch.randn(3, 4)], [True, False])
    module_case(f"CosineEmbeddingLoss_{red}", nn.CosineEmbeddingLoss(margin=0.2, reduction=red),
                [torch.randn(4, 5), torch.randn(4, 5), torch.tensor([1, -1, -1, 1])], [True, True, False])
module_case("HuberLoss_delta", nn.HuberLoss(delta=0.5), [torch.randn(3, 4), torch.randn(3, 4)], [True, False])
module_case("CosineEmbeddingLoss_default", nn.CosineEmbeddingLoss(), [torch.randn(5, 3), torch.randn(5, 3), torch.tensor([1, -1, 1, -1, -1])],
            [True, True, False])
kl_in = torch.log_softmax(torch.randn(3, 4), 1)
kl_t = torch.softmax(torch.randn(3, 4), 1)
kl_t[0, 1] = 0.0  # 0 · log 0 counts as 0
for red in ["batchmean", "mean", "sum", "none"]:
    module_case(f"KLDivLoss_{red}", nn.KLDivLoss(reduction=red), [kl_in, kl_t], [True, False])
module_case("KLDivLoss_log_target", nn.KLDivLoss(reduction="batchmean", log_target=True), [kl_in, torch.log_softmax(torch.randn(3, 4), 1)],
            [True, True])


def fn_case(name, fn, inputs, grads=None):
    grads = grads if grads is not None else [x.is_floating_point() for x in inputs]
    xs = [x.detach().clone().requires_grad_(g) for x, g in zip(inputs, grads)]
    y = fn(*xs)
    cot = torch.randn(*y.shape) if y.dim() > 0 else torch.tensor(1.0)
    if any(grads):
        (y * cot).sum().backward()
    cases.append({"kind": "fn", "name": name, "inputs": [{"v": t(x), "dtype": "float32", "grad": g} for x, g in zip(xs, grads)],
                  "cot": t(cot), "y": t(y), "dinputs": [t(x.grad) if g else None for x, g in zip(xs, grads)]})


# ---- einsum, amax/amin and the functional forms that have no module case.
for eq, shapes in [("ij,jk->ik", [(3, 4), (4, 2)]), ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]), ("i,j->ij", [(3,), (4,)]),
                   ("ii->", [(4, 4)]), ("ii->i", [(3, 3)]), ("ij->ji", [(2, 3)]), ("ij->", [(2, 3)]), ("ij->j", [(2, 3)]),
                   ("ij,jk", [(2, 3), (3, 2)]), ("bi,bi->b", [(3, 4), (3, 4)]), ("i,i->", [(5,), (5,)]), ("b i j, b j -> b i", [(2, 3, 4), (2, 4)])]:
    fn_case(f"einsum {eq}", lambda *xs, eq=eq: torch.einsum(eq, *xs), [torch.randn(*s) for s in shapes])
ties = torch.tensor([[1., 3., 3., 0.], [2., 2., 2., 2.], [-1., 5., 0., 5.]])
fn_case("amax dim1", lambda x: torch.amax(x, 1), [torch.randn(3, 4)])
fn_case("amax dims02 keepdim", lambda x: torch.amax(x, (0, 2), keepdim=True), [torch.randn(2, 3, 4)])
fn_case("amax all", lambda x: torch.amax(x), [torch.randn(3, 4)])
fn_case("amax ties", lambda x: torch.amax(x, 1), [ties])
fn_case("amin dim0", lambda x: torch.amin(x, 0), [torch.randn(3, 4)])
fn_case("amin ties all", lambda x: torch.amin(x, (0, 1)), [-ties])
fn_case("F.gelu", lambda x: F.gelu(x), [torch.randn(4, 3)])
fn_case("F.layer_norm", lambda x, w, b: F.layer_norm(x, (4,), w, b, 1e-5), [torch.randn(3, 4), torch.randn(4), torch.randn(4)])
fn_case("F.group_norm", lambda x, w, b: F.group_norm(x, 2, w, b), [torch.randn(2, 4, 3), torch.randn(4), torch.randn(4)])
fn_case("F.embedding", lambda w: F.embedding(torch.tensor([3, 0, 3]), w), [torch.randn(5, 2)])
fn_case("F.conv1d", lambda x, w, b: F.conv1d(x, w, b, stride=2), [torch.randn(2, 3, 9), torch.randn(4, 3, 3), torch.randn(4)])
fn_case("F.conv_transpose2d", lambda x, w: F.conv_transpose2d(x, w, None, stride=2, padding=1), [torch.randn(1, 2, 3, 3), torch.randn(2, 3, 3, 3)])
fn_case("F.interpolate bilinear", lambda x: F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False), [torch.randn(1, 1, 3, 3)])
fn_case("F.adaptive_avg_pool2d", lambda x: F.adaptive_avg_pool2d(x, (2, 3)), [torch.randn(1, 2, 5, 7)])
fn_case("F.elu", lambda x: F.elu(x, 0.7), [torch.randn(3, 3)])
fn_case("F.silu", lambda x: F.silu(x), [torch.randn(3, 3)])
fn_case("F.softplus", lambda x: F.softplus(x, 1.5, 2.0), [torch.randn(3, 3) * 2])
fn_case("F.huber_loss", lambda x, y: F.huber_loss(x, y, delta=0.7), [torch.randn(3, 3) * 2, torch.randn(3, 3)], [True, False])
fn_case("F.kl_div", lambda x, y: F.kl_div(x, y, reduction="batchmean"), [kl_in, kl_t], [True, False])
fn_case("F.cosine_embedding_loss", lambda a, b, y: F.cosine_embedding_loss(a, b, y, margin=0.1),
        [torch.randn(3, 4), torch.randn(3, 4), torch.tensor([1., -1., -1.])], [True, True, False])

# ---- torch.autograd.grad (first order): gradients of y w.r.t. chosen inputs; no leaf's .grad is touched.
x, w = leaf(3, 4), leaf(4)
h = x * w
y = (h.tanh() * h).sum()
gx, gw, gh = torch.autograd.grad(y, [x, w, h], retain_graph=True)
go = torch.randn(3, 4)
(gx2,) = torch.autograd.grad(x * x.sigmoid(), [x], grad_outputs=go)
cases.append({"kind": "autograd_grad", "name": "autograd.grad", "x": t(x), "w": t(w), "gx": t(gx), "gw": t(gw), "gh": t(gh),
              "go": t(go), "gx2": t(gx2), "leafGrads": [x.grad is None, w.grad is None]})

# ---- clip_grad_norm_ / clip_grad_value_: gradients after, and the returned total norm.
for name, kw in [("clip_grad_norm 2", dict(max_norm=1.0)), ("clip_grad_norm inf", dict(max_norm=0.5, norm_type=math.inf)),
                 ("clip_grad_norm 1", dict(max_norm=2.0, norm_type=1)), ("clip_grad_norm no clip", dict(max_norm=100.0)),
                 ("clip_grad_value", dict(clip_value=0.3))]:
    ps = [torch.randn(3, 4).requires_grad_(True), torch.randn(5).requires_grad_(True)]
    for p in ps:
        p.grad = torch.randn_like(p)
    before = [t(p.grad) for p in ps]
    if "clip_value" in kw:
        ret = nn.utils.clip_grad_value_(ps, **kw)
    else:
        ret = nn.utils.clip_grad_norm_(ps, **kw).item()
    cases.append({"kind": "clip", "name": name, "opts": kw if "norm_type" not in kw or kw["norm_type"] != math.inf else dict(kw, norm_type="inf"),
                  "grads": before, "after": [t(p.grad) for p in ps], "ret": None if ret is None else num(ret)})

# ---- Item 6: tiny values, denormals, NaN and Inf through the kernels our ops use (forward, and input gradient when finite).
special = torch.tensor([1e-30, -1e-30, 1e-40, -1e-40, 1e-7, -1e-7, 0.0, -0.0, 2.5, -3.0, math.inf, -math.inf, math.nan])
finite = torch.tensor([1e-30, -1e-30, 1e-38, -1e-38, 1e-7, -1e-7, 1e-20, 2.5, -3.0, 60.0, -60.0, -100.0, 100.0])
for op, fn, xs, grad in [
    ("sign", torch.sign, special, False), ("sign finite", torch.sign, finite, True), ("abs", torch.abs, finite, True),
    ("abs special", torch.abs, special, False), ("relu", torch.relu, special, False), ("relu finite", torch.relu, finite, True),
    ("sigmoid", torch.sigmoid, special, False), ("sigmoid finite", torch.sigmoid, finite, True), ("tanh", torch.tanh, special, False),
    ("exp", torch.exp, special, False), ("exp finite", torch.exp, finite.clamp(max=80), True), ("neg", torch.neg, special, False),
    ("sqrt", torch.sqrt, special.abs(), False), ("log", torch.log, special.abs(), False), ("log1p", torch.log1p, special, False),
    ("square", torch.square, special, False), ("floor", torch.floor, special, False), ("ceil", torch.ceil, special, False),
    ("round", torch.round, special, False), ("reciprocal", torch.reciprocal, finite, False),
    ("clamp", lambda v: torch.clamp(v, -1.0, 1.0), special, False), ("clamp finite", lambda v: torch.clamp(v, -1e-35, 1.0), finite, True),
    ("leaky_relu", lambda v: F.leaky_relu(v, 0.1), special, False), ("leaky_relu finite", lambda v: F.leaky_relu(v, 0.1), finite, True),
    ("maximum", lambda v: torch.maximum(v, torch.zeros_like(v)), special, False), ("minimum", lambda v: torch.minimum(v, torch.zeros_like(v)), special, False),
    ("max", lambda v: v.max(), special, False), ("min", lambda v: v.min(), special, False), ("amax", lambda v: torch.amax(v), special, False),
    ("sum", lambda v: v.sum(), special[:10], False), ("sum inf", lambda v: v.sum(), special[:11], False), ("mean nan", lambda v: v.mean(), special, False),
    ("argmax", lambda v: v[:12].argmax(), special, False), ("mul tiny", lambda v: v * 1e-10, finite, True), ("div tiny", lambda v: v / 1e10, finite, True),
    ("softmax -inf", lambda v: torch.softmax(v[6:12], 0), special, False), ("log_softmax big", lambda v: torch.log_softmax(v, 0), finite, True),
    ("gelu", F.gelu, special, False), ("silu", F.silu, special, False), ("elu", F.elu, special, False), ("softplus", F.softplus, special, False),
]:
    x = xs.detach().clone().requires_grad_(grad)
    y = fn(x)
    entry = {"kind": "audit", "name": op, "x": t(x), "y": t(y)}
    if grad:
        y.sum().backward()
        entry["dx"] = t(x.grad)
    cases.append(entry)

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    f.write('{"torch_version": %s,\n "cases": [\n' % json.dumps(torch.__version__))
    f.write(",\n".join("  " + json.dumps(c, separators=(",", ":")) for c in cases))
    f.write("\n ]\n}\n")
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")
