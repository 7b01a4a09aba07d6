#!/usr/bin/env python3
"""Writes PyTorch reference values for Gradbook's optimizers and learning-rate schedulers.

Run with Debian's python3-torch: `/usr/bin/python3 scripts/torch_reference_optim.py`.
Writes src/optim/__fixtures__/optim-reference.json; CI only reads the JSON, it never needs torch.

The problem: a tiny linear model y = x @ W.T + b (W [3, 4], b [3]) on fixed data, MSE loss. At step s the
input column s % 4 is zeroed, so some gradient entries are exactly zero (this exercises Rprop's sign rule and
SparseAdam's lazy update). Options are stored in Gradbook's casing (weight_decay -> weightDecay).
"""
import json
import os

import torch

torch.manual_seed(0)
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "optim", "__fixtures__", "optim-reference.json")
STEPS = 20

X, Y = torch.randn(8, 4), torch.randn(8, 3)
W0, B0 = torch.randn(3, 4) * 0.5, torch.randn(3) * 0.5


def camel(k):
    head, *rest = k.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def r(v):
    """Float32-faithful rounding that keeps the JSON small."""
    if isinstance(v, list):
        return [r(x) for x in v]
    return float(f"{v:.9g}")


def plain(v):
    if isinstance(v, torch.Tensor):
        return r(v.tolist())
    if isinstance(v, (tuple, list)):
        return [plain(x) for x in v]
    return v


def loss_at(step, W, b, sign):
    xs = X.clone()
    xs[:, step % 4] = 0
    return sign * ((xs @ W.T + b - Y) ** 2).mean()


# (name, optimizer class, options, extra): extra may hold objective "max", groups, scheduler, sparse, closure.
CASES = [
    ("sgd", "SGD", dict(lr=0.1), {}),
    ("sgd_momentum_dampening", "SGD", dict(lr=0.05, momentum=0.9, dampening=0.1), {}),
    ("sgd_nesterov_wd", "SGD", dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01), {}),
    ("sgd_maximize", "SGD", dict(lr=0.1, momentum=0.5, maximize=True), {"objective": "max"}),
    ("sgd_param_groups", "SGD", dict(lr=0.05), {"groups": [dict(params=[0], lr=0.1), dict(params=[1], lr=0.01, momentum=0.9)]}),
    ("sgd_steplr", "SGD", dict(lr=0.1, momentum=0.9), {"scheduler": ("StepLR", dict(step_size=5, gamma=0.5))}),
    ("adam", "Adam", dict(lr=0.05), {}),
    ("adam_amsgrad_wd", "Adam", dict(lr=0.05, amsgrad=True, weight_decay=0.1), {}),
    ("adam_maximize", "Adam", dict(lr=0.05, betas=(0.8, 0.99), eps=1e-6, maximize=True), {"objective": "max"}),
    ("adam_cosine", "Adam", dict(lr=0.05), {"scheduler": ("CosineAnnealingLR", dict(T_max=10, eta_min=0.001))}),
    ("adamw", "AdamW", dict(lr=0.05), {}),
    ("adamw_amsgrad", "AdamW", dict(lr=0.05, weight_decay=0.1, amsgrad=True), {}),
    ("adagrad", "Adagrad", dict(lr=0.1), {}),
    ("adagrad_options", "Adagrad", dict(lr=0.1, lr_decay=0.01, weight_decay=0.01, initial_accumulator_value=0.1, eps=1e-8), {}),
    ("adadelta", "Adadelta", dict(), {}),
    ("adadelta_options", "Adadelta", dict(lr=0.5, rho=0.8, eps=1e-5, weight_decay=0.05), {}),
    ("adamax", "Adamax", dict(lr=0.05), {}),
    ("adamax_wd", "Adamax", dict(lr=0.05, betas=(0.8, 0.9), weight_decay=0.1), {}),
    ("rmsprop", "RMSprop", dict(lr=0.01), {}),
    ("rmsprop_momentum", "RMSprop", dict(lr=0.005, momentum=0.9), {}),
    ("rmsprop_momentum_centered_wd", "RMSprop", dict(lr=0.01, alpha=0.9, momentum=0.5, centered=True, weight_decay=0.01), {}),
    ("asgd", "ASGD", dict(lr=0.05), {}),
    ("asgd_averaging", "ASGD", dict(lr=0.05, lambd=1e-2, alpha=0.5, t0=5, weight_decay=0.01), {}),
    ("rprop", "Rprop", dict(lr=0.01), {}),
    ("rprop_options", "Rprop", dict(lr=0.02, etas=(0.3, 1.5), step_sizes=(1e-3, 0.05)), {}),
    ("sparse_adam", "SparseAdam", dict(lr=0.05), {"sparse": True}),
    # LBFGS settings where PyTorch's own float32 and float64 runs agree to ~1e-6: with more inner iterations the
    # changing input column makes the curvature pairs ill-conditioned and float32 rounding alone moves the result
    # by 1e-2 (in PyTorch as much as here), which would test nothing.
    ("nadam", "NAdam", dict(lr=0.05), {}),
    ("nadam_options", "NAdam", dict(lr=0.05, betas=(0.8, 0.99), weight_decay=0.1, momentum_decay=0.01), {}),
    ("radam", "RAdam", dict(lr=0.05), {}),
    ("radam_wd", "RAdam", dict(lr=0.05, betas=(0.7, 0.9), weight_decay=0.1), {}),
    ("sgd_multistep", "SGD", dict(lr=0.1, momentum=0.9), {"scheduler": ("MultiStepLR", dict(milestones=[3, 8, 8, 15], gamma=0.5))}),
    ("sgd_lambda", "SGD", dict(lr=0.1), {"scheduler": ("LambdaLR", dict(lr_lambda="pow095"))}),
    ("sgd_onecycle", "SGD", dict(lr=0.1, momentum=0.9), {"scheduler": ("OneCycleLR", dict(max_lr=0.2, total_steps=20))}),
    ("adam_onecycle_linear", "Adam", dict(lr=0.05), {"scheduler": ("OneCycleLR", dict(max_lr=0.1, total_steps=25, anneal_strategy="linear", pct_start=0.4))}),
    ("lbfgs", "LBFGS", dict(lr=0.1, max_iter=2, history_size=3), {"closure": True}),
    ("lbfgs_strong_wolfe", "LBFGS", dict(max_iter=2, history_size=5, line_search_fn="strong_wolfe"), {"closure": True}),
]


# LambdaLR's functions by name (the TypeScript suite has the same table).
LAMBDAS = {"pow095": lambda e: 0.95 ** e, "warmup5": lambda e: min(1.0, (e + 1) / 5)}


def make_scheduler(opt, sname, sopts):
    kw = {k: (LAMBDAS[v] if k == "lr_lambda" else v) for k, v in sopts.items()}
    return getattr(torch.optim.lr_scheduler, sname)(opt, **kw)


def run_case(name, cls, options, extra):
    W = W0.clone().requires_grad_(True)
    b = B0.clone().requires_grad_(True)
    params = [W, b]
    sign = -1.0 if extra.get("objective") == "max" else 1.0
    if "groups" in extra:
        arg = [dict(g, params=[params[i] for i in g["params"]]) for g in extra["groups"]]
    else:
        arg = params
    opt = getattr(torch.optim, cls)(arg, **options)
    sched = None
    if "scheduler" in extra:
        sname, sopts = extra["scheduler"]
        sched = make_scheduler(opt, sname, sopts)
    traj, lrs = [], []
    for s in range(STEPS):
        if extra.get("closure"):
            def closure(s=s):
                opt.zero_grad()
                loss = loss_at(s, W, b, sign)
                loss.backward()
                return loss
            opt.step(closure)
        else:
            opt.zero_grad()
            loss_at(s, W, b, sign).backward()
            if extra.get("sparse"):
                for p in params:
                    p.grad = p.grad.to_sparse()
            opt.step()
        if sched:
            sched.step()
            lrs.append(r(sched.get_last_lr()))
        traj.append([r(W.tolist()), r(b.tolist())])
    sd = opt.state_dict()
    keep = {"funcEvals", "nIter"} if cls == "LBFGS" else None
    state = {}
    for i, st in sd["state"].items():
        state[str(i)] = {camel(k): plain(v) for k, v in st.items() if v is not None and (keep is None or camel(k) in keep)}
    case = {
        "name": name, "optimizer": cls, "options": {camel(k): plain(v) for k, v in options.items()},
        "objective": extra.get("objective", "min"), "closure": bool(extra.get("closure")),
        "trajectory": traj, "finalState": state,
        "paramGroups": [{camel(k): plain(v) for k, v in g.items()} for g in sd["param_groups"]],
    }
    if "groups" in extra:
        case["groups"] = [{camel(k): plain(v) for k, v in g.items()} for g in extra["groups"]]
    if sched:
        sname, sopts = extra["scheduler"]
        case["scheduler"] = {"name": sname, "options": {camel(k): v for k, v in sopts.items()}, "lrs": lrs}
    return case


SCHEDULERS = [
    ("StepLR", dict(step_size=3, gamma=0.5)),
    ("StepLR", dict(step_size=2)),
    ("ExponentialLR", dict(gamma=0.9)),
    ("CosineAnnealingLR", dict(T_max=5, eta_min=0.001)),
    ("CosineAnnealingLR", dict(T_max=4)),
    ("MultiStepLR", dict(milestones=[2, 5, 5, 9], gamma=0.5)),
    ("MultiStepLR", dict(milestones=[3])),
    ("LambdaLR", dict(lr_lambda="pow095")),
    ("LambdaLR", dict(lr_lambda="warmup5")),
    ("OneCycleLR", dict(max_lr=[0.5, 0.05], total_steps=16)),
    ("OneCycleLR", dict(max_lr=0.3, total_steps=15, three_phase=True, anneal_strategy="linear", div_factor=10.0, final_div_factor=100.0)),
    ("OneCycleLR", dict(max_lr=0.3, epochs=3, steps_per_epoch=5, pct_start=0.25, cycle_momentum=False)),
]

# ReduceLROnPlateau: a metric sequence per case and each group's lr after every step(metric).
PLATEAUS = [
    dict(),
    dict(mode="max", factor=0.5, patience=1, threshold=0.1, threshold_mode="abs", cooldown=2, min_lr=[0.02, 0.0]),
    dict(factor=0.3, patience=0, threshold=0.05, eps=1e-3, min_lr=0.004),
]
METRICS = [1.0, 0.9, 0.95, 0.95, 0.91, 0.96, 0.97, 0.8, 0.85, 0.86, 0.87, 0.9, 0.92, 0.92, 0.93, 0.94, 0.95, 0.96, 0.96, 0.97,
           0.97, 0.98, 0.99, 1.0, 1.0, 1.0]


def run_plateau(popts):
    W = W0.clone().requires_grad_(True)
    b = B0.clone().requires_grad_(True)
    opt = torch.optim.SGD([dict(params=[W], lr=0.1), dict(params=[b], lr=0.01)], lr=0.1)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **popts)
    lrs = []
    for m in METRICS:
        sched.step(m)
        lrs.append([g["lr"] for g in opt.param_groups])
    return {"options": {camel(k): v for k, v in popts.items()}, "metrics": METRICS, "lrs": lrs}


def run_scheduler(name, sopts):
    W = W0.clone().requires_grad_(True)
    b = B0.clone().requires_grad_(True)
    opt = torch.optim.SGD([dict(params=[W], lr=0.1), dict(params=[b], lr=0.01)], lr=0.1)
    sched = make_scheduler(opt, name, sopts)
    lrs = [sched.get_last_lr()]
    for _ in range(15):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr())
    return {"name": name, "options": {camel(k): v for k, v in sopts.items()}, "groupLrs": [0.1, 0.01], "lrs": lrs}


cases = [run_case(*c) for c in CASES]
schedulers = [run_scheduler(*s) for s in SCHEDULERS]
plateaus = [run_plateau(p) for p in PLATEAUS]
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    f.write('{"torch_version": %s,\n "problem": %s,\n "steps": %d,\n "cases": [\n' % (
        json.dumps(torch.__version__), json.dumps({"X": r(X.tolist()), "Y": r(Y.tolist()), "W0": r(W0.tolist()), "b0": r(B0.tolist())}), STEPS))
    f.write(",\n".join("  " + json.dumps(c) for c in cases))
    f.write('\n ],\n "schedulers": [\n')
    f.write(",\n".join("  " + json.dumps(s) for s in schedulers))
    f.write('\n ],\n "plateaus": [\n')
    f.write(",\n".join("  " + json.dumps(p) for p in plateaus))
    f.write("\n ]\n}\n")
print(f"wrote {len(cases)} optimizer cases and {len(schedulers)} scheduler cases to {os.path.relpath(OUT)}")
