# PyTorch reference values for tensor operators written in cells (src/kernel/compiler/operators.test.ts): forward values and
# input gradients of expressions written with Python's operators. Run: /usr/bin/python3 scripts/torch_operators_fixture.py
import json
import os

import torch

torch.set_default_dtype(torch.float32)

a0 = [[0.5, -1.25, 2.0], [1.5, 0.75, -0.3]]
b0 = [[1.2, 0.4, -0.8], [-2.0, 0.9, 1.1]]
y0 = [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]

# Each expression is the Python source; the cell test writes the same text (it is valid in both languages).
CASES = {
    "sigmoid_by_hand": "1.0 / (1.0 + torch.exp(-a))",
    "bce_by_hand": "-(y * torch.log(1.0 / (1.0 + torch.exp(-a))) + (1 - y) * torch.log(1 - 1.0 / (1.0 + torch.exp(-a)))).mean()",
    "mixed_sides": "2 * a - b / 4 + 3 - a * b",
    "pow_both_sides": "a ** 2 + 2 ** b",
    "remainder": "a % 1.5 + b * 0",
    "rsub_rdiv": "1.0 - a + 2 / (b * b + 1)",
    "precedence": "a + b * a - -(b ** 2) / 2 % 5",
    "square_error": "((a - b) ** 2).sum()",
}


def run(expr):
    a = torch.tensor(a0, requires_grad=True)
    b = torch.tensor(b0, requires_grad=True)
    y = torch.tensor(y0)
    out = eval(expr, {"torch": torch, "a": a, "b": b, "y": y})
    out.sum().backward()
    return {
        "expr": expr,
        "out": out.detach().tolist(),
        "grad_a": a.grad.tolist() if a.grad is not None else torch.zeros_like(a).tolist(),
        "grad_b": b.grad.tolist() if b.grad is not None else torch.zeros_like(b).tolist(),
    }


def comparisons():
    a = torch.tensor(a0)
    b = torch.tensor(b0)
    return {
        "gt": (a > b).tolist(),
        "le_scalar": (a <= 0.75).tolist(),
        "eq_float": ((a > 0).float() == (b > 0).float()).float().mean().item(),
    }


out = {"inputs": {"a": a0, "b": b0, "y": y0}, "cases": {k: run(v) for k, v in CASES.items()}, "comparisons": comparisons()}
path = os.path.join(os.path.dirname(__file__), "..", "src", "kernel", "compiler", "__fixtures__", "operators.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.normpath(path))
