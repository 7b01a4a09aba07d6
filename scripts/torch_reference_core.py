"""Core-op reference cases for scripts/torch_reference.py (src/core/ops.suite.ts reads them).

Each case names an op (the suite maps the same name to Gradbook code), its inputs, the outputs, and the
gradients of sum(out_i * w_i) w.r.t. every float input, plus the output's grad_fn name. "print" cases
store str(tensor) instead. Integer tensors are int64 here and int32 in Gradbook.
"""
import torch
import torch.nn.functional as F

DTYPES = {torch.float32: "float32", torch.int64: "int32", torch.bool: "bool"}


def _t(x):
    return x.detach().tolist()


def _r(*shape):
    return torch.randn(*shape)


def _pos(*shape):
    return torch.rand(*shape) + 0.5


def _ints(lo, hi, *shape):
    return torch.randint(lo, hi, shape)


def _case(kind, op, fn, *inputs):
    xs = [x.detach().clone().requires_grad_(x.is_floating_point()) for x in inputs]
    out = fn(*xs)
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    ws = [torch.randn(o.shape) if o.requires_grad else None for o in outs]
    diff = [(o * w).sum() for o, w in zip(outs, ws) if w is not None]
    if diff:
        sum(diff).backward()
    c = {
        "kind": kind, "op": op,
        "inputs": [_t(x) for x in xs], "dtypes": [DTYPES[x.dtype] for x in xs],
        "y": [_t(o) for o in outs], "yshapes": [list(o.shape) for o in outs], "ydtypes": [DTYPES[o.dtype] for o in outs],
        "w": [_t(w) if w is not None else None for w in ws],
        "grads": [_t(x.grad) if x.grad is not None else None for x in xs],
    }
    if outs[0].grad_fn is not None:
        c["grad_fn"] = outs[0].grad_fn.name()
    return c


def _print_case(op, fn, *inputs, grad=False):
    xs = [x.detach().clone().requires_grad_(grad and x.is_floating_point()) for x in inputs]
    return {"kind": "print", "op": op, "inputs": [_t(x) for x in xs], "dtypes": [DTYPES[x.dtype] for x in xs],
            "rg": [x.requires_grad for x in xs], "str": str(fn(*xs))}


def _with_zero(x):
    x = x.clone()
    x.view(-1)[1] = 0.0
    return x


def core_cases():
    """All core cases; uses its own seed and restores the global RNG so other sections are unaffected."""
    state = torch.get_rng_state()
    torch.manual_seed(1)
    C = _case
    cases = [
        # Elementwise math, scalars and broadcasting.
        C("math", "add_scalar", lambda a: a + 2.5, _r(3, 4)),
        C("math", "add_alpha", lambda a, b: torch.add(a, b, alpha=2), _r(3, 4), _r(4)),
        C("math", "sub_alpha", lambda a, b: torch.sub(a, b, alpha=0.5), _r(2, 1, 4), _r(3, 1)),
        C("math", "rsub_scalar", lambda a: 1 - a, _r(3, 4)),
        C("math", "mul_scalar", lambda a: a * 3, _r(3, 4)),
        C("math", "div_scalar", lambda a: a / 4, _r(3, 4)),
        C("math", "rdiv_scalar", lambda a: 2 / a, _pos(3, 4)),
        C("math", "pow_scalar", lambda a: a ** 2, _r(3, 4)),
        C("math", "pow_half", lambda a: a ** 0.5, _pos(3, 4)),
        C("math", "rpow", lambda a: 2 ** a, _r(3, 4)),
        C("math", "square", lambda a: a.square(), _r(3, 4)),
        C("math", "sin", torch.sin, _r(3, 4)),
        C("math", "cos", torch.cos, _r(3, 4)),
        C("math", "log1p", torch.log1p, _pos(3, 4)),
        C("math", "reciprocal", torch.reciprocal, _pos(3, 4)),
        C("math", "floor", torch.floor, _r(3, 4) * 3),
        C("math", "ceil", torch.ceil, _r(3, 4) * 3),
        C("math", "round", torch.round, torch.tensor([0.5, 1.5, 2.5, -0.5, -1.7, 2.2])),
        C("math", "sign", torch.sign, torch.tensor([-2.0, 0.0, 3.0])),
        C("math", "clamp_both", lambda a: a.clamp(-0.5, 0.5), _r(3, 4)),
        C("math", "clamp_min", lambda a: a.clamp(min=0), _r(3, 4)),
        C("math", "clamp_max", lambda a: a.clamp(max=0.2), _r(3, 4)),
        C("math", "leaky_relu", lambda a: F.leaky_relu(a, 0.1), _r(3, 4)),
        C("math", "leaky_relu_default", F.leaky_relu, _r(3, 4)),
        C("math", "softmax_dim0_3d", lambda a: a.softmax(0), _r(2, 3, 4)),
        C("math", "log_softmax_last_3d", lambda a: a.log_softmax(-1), _r(2, 3, 4)),
        C("math", "maximum", torch.maximum, _r(3, 4), _r(4)),
        C("math", "minimum", torch.minimum, _r(3, 4), _r(4)),
        C("math", "max_binary", torch.max, _r(3, 4), _r(3, 4)),
        C("math", "where", lambda c, a, b: torch.where(c, a, b), _r(3, 4) > 0, _r(3, 4), _r(4)),
        C("math", "where_scalar", lambda a: torch.where(a > 0, a, 0.0), _r(3, 4)),
        C("math", "mm", torch.mm, _r(3, 4), _r(4, 5)),
        C("math", "matmul_mv", torch.matmul, _r(3, 4), _r(4)),
        C("math", "matmul_dot", torch.matmul, _r(4), _r(4)),
        C("math", "matmul_vm", torch.matmul, _r(4), _r(4, 5)),
        C("math", "bmm", torch.bmm, _r(2, 3, 4), _r(2, 4, 5)),
        C("math", "matmul_bcast4d", torch.matmul, _r(2, 1, 3, 4), _r(5, 4, 2)),
        C("math", "matmul_v_3d", torch.matmul, _r(4), _r(2, 4, 5)),
    ]
    a, b = _ints(0, 3, 3, 4).float(), _ints(0, 3, 4).float()
    for name in ["eq", "ne", "gt", "lt", "ge", "le"]:
        cases.append(C("math", name, getattr(torch, name), a, b))
    cases.append(C("math", "eq_scalar_int", lambda x: x == 2, _ints(0, 4, 5)))
    cases += [
        # Reductions and statistics.
        C("reduce", "sum_all", torch.sum, _r(3, 4)),
        C("reduce", "sum_dims_keepdim", lambda a: a.sum([0, 2], keepdim=True), _r(2, 3, 4)),
        C("reduce", "sum_int", lambda a: a.sum(0), _ints(0, 9, 3, 4)),
        C("reduce", "sum_bool", lambda a: (a > 0).sum(), _r(3, 4)),
        C("reduce", "mean_all", torch.mean, _r(3, 4)),
        C("reduce", "mean_dims_keepdim", lambda a: a.mean(-1, keepdim=True), _r(2, 3, 4)),
        C("reduce", "max_all", torch.max, _r(3, 4)),
        C("reduce", "min_all", torch.min, _r(3, 4)),
        C("reduce", "max_dim_keepdim", lambda a: tuple(a.max(0, keepdim=True)), _r(3, 4)),
        C("reduce", "min_dim", lambda a: tuple(a.min(1)), _r(3, 4)),
        C("reduce", "argmax_all", torch.argmax, _r(3, 4)),
        C("reduce", "argmax_dim_keepdim", lambda a: a.argmax(1, keepdim=True), _r(3, 4)),
        C("reduce", "argmin_dim", lambda a: a.argmin(0), _r(3, 4)),
        C("reduce", "var_all", torch.var, _r(3, 4)),
        C("reduce", "var_dim", lambda a: a.var(1), _r(3, 4)),
        C("reduce", "var_biased_keepdim", lambda a: a.var(0, unbiased=False, keepdim=True), _r(3, 4)),
        C("reduce", "var_correction0", lambda a: a.var(1, correction=0), _r(3, 4)),
        C("reduce", "std_all", torch.std, _r(3, 4)),
        C("reduce", "std_dim_keepdim", lambda a: a.std(1, keepdim=True), _r(3, 4)),
        C("reduce", "norm_all", torch.norm, _r(3, 4)),
        C("reduce", "norm_p1_dim", lambda a: a.norm(1, dim=1), _r(3, 4)),
        C("reduce", "norm_inf", lambda a: a.norm(float("inf")), _r(3, 4)),
        C("reduce", "norm_p3_dim_keepdim", lambda a: a.norm(3, dim=0, keepdim=True), _r(3, 4)),
        C("reduce", "logsumexp", lambda a: a.logsumexp(1), _r(3, 4)),
        C("reduce", "logsumexp_keepdim", lambda a: a.logsumexp(0, keepdim=True), _r(2, 3, 4)),
        C("reduce", "prod_all_zero", torch.prod, _with_zero(_r(2, 3))),
        C("reduce", "prod_dim_zero", lambda a: a.prod(1), _with_zero(_r(2, 3))),
        C("reduce", "cumsum", lambda a: a.cumsum(1), _r(3, 4)),
        # Shape ops.
        C("shape", "view_infer", lambda a: a.view(-1, 6), _r(2, 3, 4)),
        C("shape", "reshape", lambda a: a.reshape(4, -1), _r(2, 3, 4)),
        C("shape", "flatten_1", lambda a: a.flatten(1), _r(2, 3, 4)),
        C("shape", "flatten_all", torch.flatten, _r(2, 3, 4)),
        C("shape", "squeeze_all", torch.squeeze, _r(1, 3, 1, 4)),
        C("shape", "squeeze_dim", lambda a: a.squeeze(2), _r(1, 3, 1, 4)),
        C("shape", "unsqueeze_neg", lambda a: a.unsqueeze(-1), _r(3, 4)),
        C("shape", "permute", lambda a: a.permute(2, 0, 1), _r(2, 3, 4)),
        C("shape", "transpose", lambda a: a.transpose(0, 2), _r(2, 3, 4)),
        C("shape", "t", lambda a: a.t(), _r(3, 4)),
        C("shape", "T", lambda a: a.T, _r(3, 4)),
        C("shape", "expand", lambda a: a.expand(3, 4), _r(4)),
        C("shape", "expand_keep", lambda a: a.expand(-1, 4), _r(3, 1)),
        C("shape", "expand_lead", lambda a: a.expand(2, 3, 4), _r(3, 1)),
        C("shape", "expand_as", lambda a, b: a.expand_as(b), _r(1, 4), _r(3, 4)),
        C("shape", "repeat", lambda a: a.repeat(2, 1, 2), _r(2, 3)),
        C("shape", "flip", lambda a: a.flip(0, 2), _r(2, 3, 4)),
        C("shape", "view_as", lambda a, b: a.view_as(b), _r(2, 6), _r(3, 4)),
        # Joining and splitting.
        C("join", "cat0", lambda a, b: torch.cat([a, b]), _r(2, 3), _r(4, 3)),
        C("join", "cat_neg", lambda a, b, c: torch.cat([a, b, c], -1), _r(2, 1), _r(2, 3), _r(2, 2)),
        C("join", "stack0", lambda a, b: torch.stack([a, b]), _r(2, 3), _r(2, 3)),
        C("join", "stack_last", lambda a, b, c: torch.stack([a, b, c], -1), _r(2, 3), _r(2, 3), _r(2, 3)),
        C("join", "split_int", lambda a: a.split(2), _r(5, 3)),
        C("join", "split_sizes", lambda a: a.split([1, 3, 1], 1), _r(2, 5)),
        C("join", "chunk", lambda a: a.chunk(3), _r(7, 2)),
        C("join", "chunk_dim1", lambda a: a.chunk(2, 1), _r(2, 5)),
        C("join", "unbind1", lambda a: a.unbind(1), _r(2, 3)),
        # Indexing.
        C("index", "int", lambda a: a[1], _r(3, 4)),
        C("index", "col_neg", lambda a: a[:, -1], _r(3, 4)),
        C("index", "slice", lambda a: a[1:3], _r(4, 3)),
        C("index", "step", lambda a: a[:, ::2], _r(3, 5)),
        C("index", "step3_offset", lambda a: a[1::3], _r(8, 2)),
        C("index", "ellipsis", lambda a: a[..., 1:], _r(2, 3, 4)),
        C("index", "none_int", lambda a: a[None, :, 0], _r(3, 4)),
        C("index", "neg_bounds", lambda a: a[-2:, 1:-1], _r(4, 5)),
        C("index", "narrow", lambda a: a.narrow(1, 1, 2), _r(3, 4)),
        C("index", "select", lambda a: a.select(1, 2), _r(3, 4)),
        C("index", "index_select_dup", lambda a, i: a.index_select(0, i), _r(3, 4), torch.tensor([2, 0, 2])),
        C("index", "index_select_dim1", lambda a, i: a.index_select(1, i), _r(3, 4), torch.tensor([3, 1])),
        C("index", "gather1", lambda a, i: a.gather(1, i), _r(3, 4), torch.tensor([[0, 0], [3, 1], [2, 2]])),
        C("index", "gather0_small", lambda a, i: a.gather(0, i), _r(3, 4), torch.tensor([[2, 1, 0]])),
        C("index", "masked_fill", lambda a, m: a.masked_fill(m, -1.5), _r(3, 4), _r(3, 4) > 0),
        C("index", "masked_fill_bcast_tensor", lambda a, m, v: a.masked_fill(m, v), _r(3, 4), _r(4) > 0, torch.tensor(2.0)),
        C("index", "adv_dup", lambda a, i: a[i], _r(3, 4), torch.tensor([0, 2, 0])),
        C("index", "adv_pairs", lambda a, i, j: a[i, j], _r(3, 4), torch.tensor([0, 1, 2]), torch.tensor([1, 3, 1])),
        C("index", "adv_col", lambda a, i: a[:, i], _r(2, 3, 4), torch.tensor([2, 0])),
        C("index", "adv_split", lambda a, i, j: a[i, :, j], _r(2, 3, 4), torch.tensor([1, 0]), torch.tensor([3, 2])),
        C("index", "adv_2d", lambda a, i: a[i], _r(4, 2), torch.tensor([[0, 3], [1, 1]])),
        C("index", "adv_neg", lambda a, i: a[:, i], _r(2, 4), torch.tensor([-1, 0])),
        C("index", "adv_bcast", lambda a, i, j: a[i, j], _r(3, 4), torch.tensor([[0], [2]]), torch.tensor([1, 3, 0])),
        C("index", "mask_all", lambda a, m: a[m], _r(3, 4), _r(3, 4) > 0),
        C("index", "mask_rows", lambda a, m: a[m], _r(4, 3), torch.tensor([True, False, True, True])),
        C("index", "pick_rows", lambda a, y: a[torch.arange(4), y], _r(4, 3), torch.tensor([2, 0, 1, 2])),
        C("index", "one_hot", lambda y: F.one_hot(y, 5), torch.tensor([0, 3, 1])),
        C("index", "one_hot_infer", F.one_hot, torch.tensor([[0, 2], [1, 1]])),
        # In-place ops on non-leaf tensors (the graph goes through them).
        C("inplace", "add_", lambda a, b: (a * 1).add_(b), _r(3, 4), _r(4)),
        C("inplace", "sub_alpha_", lambda a, b: (a * 1).sub_(b, alpha=2), _r(3, 4), _r(3, 4)),
        C("inplace", "mul_", lambda a, b: (a * 2).mul_(b), _r(3, 4), _r(3, 4)),
        C("inplace", "div_scalar_", lambda a: (a + 0).div_(3), _r(3, 4)),
        C("inplace", "clamp_", lambda a: (a * 1).clamp_(-0.3, 0.3), _r(3, 4)),
        C("inplace", "relu_", lambda a: (a * 1).relu_(), _r(3, 4)),
        C("inplace", "chain_", lambda a, b: (a * 2).add_(b).mul_(b), _r(3, 4), _r(3, 4)),
        C("inplace", "fill_", lambda a: (a * 2).fill_(3), _r(3, 4)),
        C("inplace", "zero_", lambda a: (a * 2).zero_(), _r(3, 4)),
        C("inplace", "copy_", lambda a, b: (a * 1).copy_(b), _r(3, 4), _r(4)),
        C("inplace", "masked_fill_", lambda a, m: (a * 1).masked_fill_(m, 0.0), _r(3, 4), _r(3, 4) > 0),
        # Factories (no inputs).
        C("creation", "arange_int", lambda: torch.arange(5)),
        C("creation", "arange_float", lambda: torch.arange(1, 2.5, 0.5)),
        C("creation", "arange_tenth", lambda: torch.arange(0, 1, 0.1)),
        C("creation", "arange_neg", lambda: torch.arange(5, 0, -2)),
        C("creation", "linspace", lambda: torch.linspace(0, 1, 5)),
        C("creation", "linspace_odd", lambda: torch.linspace(-1, 2, 7)),
        C("creation", "linspace_one", lambda: torch.linspace(3, 5, 1)),
        C("creation", "eye", lambda: torch.eye(3)),
        C("creation", "eye_rect", lambda: torch.eye(2, 4)),
        C("creation", "full_int", lambda: torch.full((2, 3), 7)),
        C("creation", "full_float", lambda: torch.full((2,), 0.5)),
        C("creation", "full_bool", lambda: torch.full((2,), True)),
        C("creation", "tensor_empty", lambda: torch.tensor([])),
    ]
    P = _print_case
    cases += [
        P("floats", lambda a: a, _r(2, 3)),
        P("requires_grad", lambda a: a, torch.tensor([[0.1, 0.2]]), grad=True),
        P("grad_fn_sum", lambda a: (a * 2).sum(), _r(2, 3), grad=True),
        P("grad_fn_wrap", lambda a: a * 2, _r(3, 4, 5), grad=True),
        P("requires_grad_wide", lambda a: a, _r(2, 8) * 100, grad=True),
        P("ints", lambda a: a, torch.tensor([1, 2, 3])),
        P("ints_neg_wide", lambda a: a, torch.tensor([[-100, 2], [3, 40000]])),
        P("bools", lambda a: a > 0, torch.tensor([1.0, -1.0, 2.0])),
        P("int_mode", lambda a: a, torch.tensor([1.0, 2.0, -3.0])),
        P("sci_small", lambda a: a, torch.tensor([1e-5, 1.0])),
        P("sci_big", lambda a: a, torch.tensor([1e9, 1.0])),
        P("sci_ratio_ints", lambda a: a, torch.tensor([100000.0, 1.0])),
        P("ties", lambda a: a, torch.tensor([0.03125, 0.5, -0.0, 0.15625])),
        P("nan_inf", lambda: torch.tensor([float("nan"), float("inf"), -float("inf"), 1.5])),
        P("zeros_only", lambda a: a, torch.zeros(2, 2)),
        P("empty_1d", lambda: torch.zeros(0)),
        P("empty_2d", lambda: torch.zeros(2, 0)),
        P("empty_long", lambda: torch.zeros(0, dtype=torch.long)),
        P("scalar", lambda: torch.tensor(3.5)),
        P("scalar_int_mode", lambda: torch.tensor(3.0)),
        P("scalar_neg_zero", lambda: torch.tensor(-0.0)),
        P("scalar_int", lambda: torch.tensor(7)),
        P("wrap", lambda: torch.arange(30.0) / 7),
        P("wrap_ints", lambda: torch.arange(10) * 1000000),
        P("big_2d", lambda: torch.arange(2000.0).view(40, 50)),
        P("big_int", lambda: torch.arange(1200).view(2, 600)),
        P("big_1d", lambda: torch.arange(1500.0) / 1500),
        P("big_3d", lambda: torch.arange(1100.0).view(11, 10, 10) / 100),
        P("scaled", lambda a: a * 100, _r(4, 4)),
        P("four_d", lambda a: a, _r(2, 2, 2, 2)),
    ]
    torch.set_rng_state(state)
    return cases
