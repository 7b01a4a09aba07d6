#!/usr/bin/python3
"""Safetensors fixtures between PyTorch and Gradbook, with safetensors' format written and read by hand.

Run with Debian's torch:  /usr/bin/python3 scripts/torch_safetensors_fixture.py
(the `safetensors` pip package is not needed: 8-byte little-endian header size + JSON header + raw bytes).

1. PyTorch → Gradbook: a seeded Linear+Conv2d+BatchNorm2d model (two train-mode forwards so the running stats are
   not trivial, then eval) is saved as src/io/__fixtures__/torch_net.safetensors, with an input and PyTorch's
   eval-mode output in torch_net.json. src/io/torch-fixture.test.ts imports it and must reproduce the output.
2. Gradbook → PyTorch: gradbook_net.safetensors (written by Gradbook: WRITE_IO_FIXTURES=1 npx vitest run
   src/io/torch-fixture.test.ts) is read with the reader below and its tensors written to gradbook_net.torch.json,
   which the vitest test compares with what Gradbook exported.
3. The model.py Gradbook generated for the same model (gradbook_net_model.py) is imported, loads torch_net's
   state_dict with strict=True, and must reproduce PyTorch's output.
"""
import importlib.util
import json
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "io", "__fixtures__")

DTYPES = {
    torch.float32: "F32",
    torch.float16: "F16",
    torch.int64: "I64",
    torch.int32: "I32",
    torch.uint8: "U8",
    torch.bool: "BOOL",
}
BY_NAME = {v: k for k, v in DTYPES.items()}
SIZES = {"F32": 4, "F16": 2, "I64": 8, "I32": 4, "U8": 1, "BOOL": 1}


def save_safetensors(tensors, path, metadata=None):
    """safetensors.torch.save_file by hand: tensors laid out in order, header padded to 8 bytes with spaces."""
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    blobs, offset = [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        data = t.numpy().tobytes()  # numpy writes the machine's order: little-endian here
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def load_safetensors(path):
    """safetensors.torch.load_file by hand, checking the layout as the reference reader does."""
    with open(path, "rb") as f:
        buf = f.read()
    (n,) = struct.unpack("<Q", buf[:8])
    header = json.loads(buf[8 : 8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    data = buf[8 + n :]
    out, end = {}, 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        begin, stop = info["data_offsets"]
        assert begin == end, f"{name}: hole or overlap at {begin}"
        count = 1
        for d in info["shape"]:
            count *= d
        assert stop - begin == count * SIZES[info["dtype"]], f"{name}: size mismatch"
        dtype = BY_NAME[info["dtype"]]
        t = torch.frombuffer(bytearray(data[begin:stop]), dtype=dtype) if count else torch.empty(0, dtype=dtype)
        out[name] = t.reshape(info["shape"]).clone()
        end = stop
    assert end == len(data), "trailing bytes"
    return {k: out[k] for k in header}, metadata


class FixtureNet(nn.Module):
    """The same model is defined in src/io/torch-fixture.test.ts."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 3, 3, padding=1)
        self.bn = nn.BatchNorm2d(3)
        self.fc = nn.Linear(48, 5)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)
        return self.fc(x.view(-1, 48))


def values(t):
    return t.detach().reshape(-1).tolist()


def torch_to_gradbook():
    torch.manual_seed(0)
    model = FixtureNet()
    model.train()
    with torch.no_grad():
        for _ in range(2):
            model(torch.randn(4, 1, 8, 8) * 2 + 0.5)
    model.eval()
    x = torch.randn(2, 1, 8, 8)
    with torch.no_grad():
        y = model(x)
    sd = model.state_dict()
    save_safetensors(sd, os.path.join(HERE, "torch_net.safetensors"), {"format": "pt"})
    fixture = {
        "keys": list(sd.keys()),
        "input": {"shape": list(x.shape), "values": values(x)},
        "output": {"shape": list(y.shape), "values": values(y)},
        "torch": torch.__version__,
    }
    with open(os.path.join(HERE, "torch_net.json"), "w") as f:
        json.dump(fixture, f)
    print(f"wrote torch_net.safetensors ({len(sd)} tensors) and torch_net.json")
    return model, x, y


def gradbook_to_torch():
    path = os.path.join(HERE, "gradbook_net.safetensors")
    if not os.path.exists(path):
        print("no gradbook_net.safetensors yet: run WRITE_IO_FIXTURES=1 npx vitest run src/io/torch-fixture.test.ts")
        return
    tensors, metadata = load_safetensors(path)
    FixtureNet().load_state_dict(tensors)  # strict: names and shapes match PyTorch's own model
    out = {
        "metadata": metadata,
        "tensors": {k: {"dtype": str(t.dtype), "shape": list(t.shape), "values": values(t)} for k, t in tensors.items()},
    }
    with open(os.path.join(HERE, "gradbook_net.torch.json"), "w") as f:
        json.dump(out, f)
    print(f"read gradbook_net.safetensors ({len(tensors)} tensors) into PyTorch's FixtureNet; wrote gradbook_net.torch.json")


def generated_model_py(x, y):
    path = os.path.join(HERE, "gradbook_net_model.py")
    if not os.path.exists(path):
        print("no gradbook_net_model.py yet")
        return
    spec = importlib.util.spec_from_file_location("gradbook_net_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.build_model()
    tensors, _ = load_safetensors(os.path.join(HERE, "torch_net.safetensors"))
    model.load_state_dict(tensors)  # strict=True
    model.eval()
    with torch.no_grad():
        out = model(x)
    err = (out - y).abs().max().item()
    assert err < 1e-6, f"generated model.py output differs by {err}"
    print(f"gradbook_net_model.py: {type(model).__name__} loads the state_dict strictly; output matches (max diff {err})")


if __name__ == "__main__":
    _, x, y = torch_to_gradbook()
    gradbook_to_torch()
    generated_model_py(x, y)
