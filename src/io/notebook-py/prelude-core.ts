// The generated program's own helpers (Python text): device and torchrun set-up, prepare() for models (--init
// weights, DistributedDataParallel), make_loader() (DistributedSampler), safetensors without the package, the end.

/** Imports and the distributed set-up; `{{ARGS}}` is replaced by the argparse block. */
export const HEAD = `import argparse
import builtins
import contextlib
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.utils.data import DataLoader

{{IMPORTS}}
# ---- Command line ------------------------------------------------------------------------------------------------
IN_NOTEBOOK = "ipykernel" in sys.modules
{{ARGS}}

# ---- Device and torchrun -----------------------------------------------------------------------------------------
# Run as \`torchrun --nproc_per_node=N this.py\`: each process trains on its 1/N of every epoch (DistributedSampler) and
# DistributedDataParallel averages the gradients, so the N copies of the model stay identical (gloo on CPU, NCCL on CUDA).
if args.device == "auto":
    args.device = "cuda" if torch.cuda.is_available() else "mps" if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available() else "cpu"
WORLD_SIZE = int(os.environ.get("WORLD_SIZE", "1"))
RANK = int(os.environ.get("RANK", "0"))
DISTRIBUTED = WORLD_SIZE > 1
device = torch.device(args.device)
if DISTRIBUTED:
    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel
    from torch.utils.data.distributed import DistributedSampler

    if device.type == "cuda":
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
        torch.cuda.set_device(device)
    dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
if device.type != "cpu":
    # Tensors the cells make (torch.tensor, torch.randn, …) go to the same device as the model (PyTorch 2.0+).
    if hasattr(torch, "set_default_device"):
        torch.set_default_device(device)
    else:
        print(f"note: torch {torch.__version__} has no set_default_device; tensors made in cells stay on the CPU (use torch 2.0+ with --device {device.type})")
    if RANK != 0:
        builtins.print = lambda *a, **k: None  # one copy of the output: rank 0 prints (as torchvision's references do)
TRAINED = {"samples": 0, "batches": 0}
PREPARED = []


def rank_note(text):
    sys.stderr.write(f"[rank {RANK}/{WORLD_SIZE}] {text}\\n")
    sys.stderr.flush()


def prepare(model):
    """A model made in the notebook: moved to --device, given the --init weights when its names and shapes fit them,
    and under torchrun wrapped in DistributedDataParallel (it still prints and saves as the plain model)."""
    model = model.to(device)
    if args.init:
        load_init(model)
    PREPARED.append(model)
    if DISTRIBUTED and any(p.requires_grad for p in model.parameters()):
        model = DDP(model, device_ids=[device.index] if device.type == "cuda" else None)
    return model


if DISTRIBUTED:

    class DDP(DistributedDataParallel):
        """DistributedDataParallel that reads like the model inside: its layers, state_dict keys and print()."""

        def __getattr__(self, name):
            try:
                return super().__getattr__(name)
            except AttributeError:
                return getattr(self.module, name)

        def state_dict(self, *a, **k):
            return self.module.state_dict(*a, **k)

        def load_state_dict(self, *a, **k):
            return self.module.load_state_dict(*a, **k)

        def __repr__(self):
            return repr(self.module)


INIT_USED = []


def load_init(model):
    weights = read_safetensors(args.init)
    own = model.state_dict()
    if set(weights) != set(own) or any(tuple(weights[k].shape) != tuple(own[k].shape) for k in own):
        return
    model.load_state_dict({k: v.to(own[k].dtype) for k, v in weights.items()})
    INIT_USED.append(type(model).__name__)
    print(f"--init: {type(model).__name__} starts from {args.init}")


class make_loader:
    """torch's DataLoader with batches on --device. Under torchrun a shuffled (training) loader gets a
    DistributedSampler, so each process sees its own share of the data, reshuffled every epoch."""

    def __init__(self, dataset, batch_size=1, shuffle=False, **kwargs):
        self.dataset = dataset
        self.sampler = DistributedSampler(dataset, shuffle=True) if DISTRIBUTED and shuffle else None
        self.loader = DataLoader(dataset, batch_size=batch_size, shuffle=shuffle and self.sampler is None, sampler=self.sampler, **kwargs)
        self.training = shuffle
        self.epoch = 0

    def __iter__(self):
        if self.sampler is not None:
            self.sampler.set_epoch(self.epoch)
        self.epoch += 1
        batches = iter(self.loader)
        while True:
            # Samplers shuffle on the CPU (their generators are CPU ones), whatever the default device is.
            with torch.device("cpu") if hasattr(torch, "set_default_device") else contextlib.nullcontext():
                batch = next(batches, None)
            if batch is None:
                return
            if self.training:
                TRAINED["batches"] += 1
                TRAINED["samples"] += len(batch[0])
            yield [b.to(device) if torch.is_tensor(b) else b for b in batch]

    def __len__(self):
        return len(self.loader)


def read_safetensors(path):
    """A .safetensors file as {name: tensor}: the safetensors package when installed, else this small reader."""
    try:
        from safetensors.torch import load_file

        return load_file(path)
    except ImportError:
        pass
    import json
    import struct

    dtypes = {"F32": torch.float32, "F16": torch.float16, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8, "BOOL": torch.bool}
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        buf = bytearray(raw[8 + n + start : 8 + n + end])
        out[name] = torch.frombuffer(buf, dtype=dtypes[info["dtype"]]).reshape(info["shape"]) if buf else torch.zeros(info["shape"], dtype=dtypes[info["dtype"]])
    return out


def write_safetensors(tensors, path):
    """{name: tensor} → .safetensors (what Gradbook's Import weights reads): the package when installed, else by hand."""
    tensors = {k: v.detach().cpu().contiguous() for k, v in tensors.items()}
    try:
        from safetensors.torch import save_file

        return save_file(tensors, path, metadata={"format": "pt"})
    except ImportError:
        pass
    import json
    import struct

    names = {torch.float32: "F32", torch.float16: "F16", torch.float64: "F64", torch.int64: "I64", torch.int32: "I32", torch.uint8: "U8", torch.bool: "BOOL"}
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in tensors.items():
        data = t.numpy().tobytes() if t.dtype != torch.bool else t.to(torch.uint8).numpy().tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def save_weights(model, path="model.safetensors", **kwargs):
    """Gradbook's exportWeights: the model's state_dict as .safetensors."""
    if RANK == 0:
        write_safetensors(model.state_dict(), path if path.endswith(".safetensors") else path + ".safetensors")
        print(f"saved {path}")
`;

/** The program's last lines: save the model rank 0 trained, say what each process did, leave the process group. */
export const TAIL = `
# ---- The end: save the trained model, say what each process did --------------------------------------------------
def finish():
    trained = globals().get("model")
    if not isinstance(trained, nn.Module):
        trained = PREPARED[-1] if PREPARED else None
    if args.init and not INIT_USED:
        rank_note(f"--init {args.init}: no model of this notebook has those names and shapes; nothing was loaded")
    if trained is not None and args.save and RANK == 0:
        write_safetensors(trained.state_dict(), args.save)
        rank_note(f"saved {type(getattr(trained, 'module', trained)).__name__} weights to {args.save}")
    rank_note(f"trained on {TRAINED['samples']} samples in {TRAINED['batches']} batches (device {device})")
    if DISTRIBUTED:
        dist.barrier()
        dist.destroy_process_group()


finish()
`;

/** Small helpers a translated cell may call, by the name the translator records in ctx.needs. */
export const HELPERS: Record<string, string> = {
  Obj: `class Obj(dict):
    """A JavaScript object literal: a dict whose keys also read as attributes (missing ones read as None)."""

    def __getattr__(self, name):
        return self.get(name)

    def __setattr__(self, name, value):
        self[name] = value`,
  no_grad: `def no_grad(fn):
    """Gradbook's noGrad(fn): fn() under torch.no_grad()."""
    with torch.no_grad():
        return fn()`,
  "get-batch": `def get_batch(dataset, indices):
    """Gradbook's dataset.getBatch(indices): the samples stacked into one batch per field."""
    items = [dataset[int(i)] for i in indices]
    return [torch.stack(f) if torch.is_tensor(f[0]) else torch.tensor(f) for f in zip(*items)]`,
  "tensor-dataset": "from torch.utils.data import TensorDataset",
};
