// Python helpers for Gradbook's datasets (MNIST from the same idx files, TextCorpus), transforms and FrozenLake.
import { SENTENCES } from "../../data/text-corpus-sentences";

export const DATA_HELPERS: Record<string, string> = {
  transforms: `class transforms:
    """torchvision.transforms' ToTensor / Normalize / Compose, applied to a whole uint8 image stack [N, H, W] at once."""

    class ToTensor:
        def __call__(self, x):
            x = x.float() / 255
            return x.unsqueeze(-3) if x.dim() in (2, 3) else x

        def __repr__(self):
            return "ToTensor()"

    class Normalize:
        def __init__(self, mean, std):
            self.mean, self.std = list(mean), list(std)

        def __call__(self, x):
            mean, std = (torch.tensor(v, device=x.device).view(-1, 1, 1) for v in (self.mean, self.std))
            return (x - mean) / std

        def __repr__(self):
            return f"Normalize(mean={self.mean}, std={self.std})"

    class Compose:
        def __init__(self, steps):
            self.steps = steps

        def __call__(self, x):
            for step in self.steps:
                x = step(x)
            return x`,
  mnist: `def data_dir(default):
    """Where the MNIST files are: --data-dir, else $GRADBOOK_MNIST_DIR, else the notebook's folder."""
    return args.data_dir or os.environ.get("GRADBOOK_MNIST_DIR") or default


def read_idx(path):
    """One idx file (gzip or plain) as a uint8 tensor: the format of the MNIST files."""
    import gzip
    import struct

    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4 : 4 + 4 * ndim])
    return torch.frombuffer(bytearray(raw[4 + 4 * ndim :]), dtype=torch.uint8).view(*dims)


def mnist_tensors(root, train, download):
    """Images [N, 28, 28] and labels [N] (uint8): torchvision when it is installed, else the idx files in root."""
    prefix = "train" if train else "t10k"
    for folder in (root, os.path.join(root, "MNIST", "raw")):
        found = [os.path.join(folder, f"{prefix}-{kind}-idx{3 if kind == 'images' else 1}-ubyte{gz}") for kind in ("images", "labels") for gz in (".gz", "")]
        images = next((p for p in found[:2] if os.path.exists(p)), None)
        labels = next((p for p in found[2:] if os.path.exists(p)), None)
        if images and labels:
            return read_idx(images), read_idx(labels)
    try:
        import torchvision

        ds = torchvision.datasets.MNIST(root, train=train, download=download)
        return ds.data, ds.targets
    except (ImportError, RuntimeError) as e:
        raise FileNotFoundError(f"MNIST: no {prefix}-images-idx3-ubyte.gz / {prefix}-labels-idx1-ubyte.gz in {root}; put the four MNIST files there, pass --data-dir DIR, or pip install torchvision to download them ({e})")


class MNIST(torch.utils.data.Dataset):
    """Gradbook's datasets.MNIST: torchvision's MNIST with the transform applied once to all images, and limit."""

    def __init__(self, root, train=True, transform=None, download=False, limit=None):
        images, labels = mnist_tensors(root, train, download)
        if limit is not None:
            images, labels = images[:limit], labels[:limit]
        self.root, self.train, self.transform = root, train, transform
        self.data, self.targets = images, labels.long().to(device)
        images = images.to(device)
        self.images = transform(images) if transform is not None else images

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, i):
        return self.images[i], int(self.targets[i])

    def get(self, i):
        return self[i]

    def __repr__(self):
        return f"Dataset MNIST\\n    Number of datapoints: {len(self)}\\n    Root location: {self.root}\\n    Split: {'Train' if self.train else 'Test'}\\n    Transform: {self.transform}"`,
  "text-corpus": `TEXT_CORPUS = ${JSON.stringify(SENTENCES)}


class TextCorpus:
    """Gradbook's datasets.TextCorpus: short sentences on four topics; every 5th of each topic is in the test split."""

    def __init__(self, train=True):
        self.train = train
        self.classes = list(TEXT_CORPUS)
        self.texts, self.labels = [], []
        for label, name in enumerate(self.classes):
            for i, text in enumerate(TEXT_CORPUS[name]):
                if (i % 5 == 4) != train:
                    self.texts.append(text)
                    self.labels.append(label)

    def __len__(self):
        return len(self.texts)

    def __getitem__(self, i):
        return self.texts[i], self.labels[i]

    def get(self, i):
        return self[i]

    def __repr__(self):
        return f"Dataset TextCorpus\\n    Number of datapoints: {len(self)}\\n    Split: {'Train' if self.train else 'Test'}\\n    Classes: {', '.join(self.classes)}"`,
  "frozen-lake": `class Discrete:
    def __init__(self, n):
        self.n = n

    def sample(self):
        return int(torch.randint(self.n, ()).item())

    def contains(self, a):
        return isinstance(a, int) and 0 <= a < self.n


class FrozenLake:
    """Gym's FrozenLake-v1 as Gradbook has it: step() returns (state, reward, done, info), reset() the start state."""

    MAPS = {"4x4": ["SFFF", "FHFH", "FFFH", "HFFG"], "8x8": ["SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF", "FFFHFFFF", "FHHFFFHF", "FHFFHFHF", "FFFHFFFG"]}
    NAMES = ["Left", "Down", "Right", "Up"]

    def __init__(self, is_slippery=True, map_name="4x4", desc=None, max_episode_steps=None):
        self.desc = desc or self.MAPS[map_name]
        self.nrow, self.ncol = len(self.desc), len(self.desc[0])
        self.is_slippery = is_slippery
        self.max_episode_steps = max_episode_steps if max_episode_steps is not None else (200 if self.nrow * self.ncol > 16 else 100)
        self.observation_space, self.action_space = Discrete(self.nrow * self.ncol), Discrete(4)
        self.s, self.last_action, self.elapsed = 0, None, 0

    def tile(self, s):
        return self.desc[s // self.ncol][s % self.ncol]

    def reset(self, seed=None):
        if seed is not None:
            torch.manual_seed(seed)
        self.s, self.last_action, self.elapsed = "".join(self.desc).index("S"), None, 0
        return self.s

    def move(self, s, a):
        row, col = divmod(s, self.ncol)
        if a == 0:
            col = max(col - 1, 0)
        elif a == 1:
            row = min(row + 1, self.nrow - 1)
        elif a == 2:
            col = min(col + 1, self.ncol - 1)
        else:
            row = max(row - 1, 0)
        return row * self.ncol + col

    def step(self, action):
        a = int(action.item() if torch.is_tensor(action) else action)
        if self.tile(self.s) in "GH":
            outcomes = [(1.0, self.s)]
        elif self.is_slippery:
            outcomes = [(1 / 3, self.move(self.s, d)) for d in ((a + 3) % 4, a, (a + 1) % 4)]
        else:
            outcomes = [(1.0, self.move(self.s, a))]
        if len(outcomes) == 1:
            prob, nxt = outcomes[0]
        else:
            u, acc = torch.rand(()).item(), 0.0
            for prob, nxt in outcomes:
                acc += prob
                if u < acc:
                    break
        self.s, self.last_action = nxt, a
        self.elapsed += 1
        terminated = self.tile(nxt) in "GH"
        truncated = not terminated and self.max_episode_steps > 0 and self.elapsed >= self.max_episode_steps
        reward = 1 if self.tile(nxt) == "G" else 0
        return nxt, reward, terminated or truncated, Obj(prob=prob, truncated=truncated)

    def render(self):
        rows = ["".join(f"[{ch}]" if r * self.ncol + c == self.s else f" {ch} " for c, ch in enumerate(row)) for r, row in enumerate(self.desc)]
        head = "" if self.last_action is None else f"  ({self.NAMES[self.last_action]})\\n"
        return head + "\\n".join(rows)

    def __repr__(self):
        return f"FrozenLakeEnv({self.nrow}x{self.ncol}, isSlippery={'true' if self.is_slippery else 'false'})"


def gym_make(name, **kwargs):
    """Gradbook's gym.make: FrozenLake-v1 only."""
    if name != "FrozenLake-v1":
        raise ValueError(f"gym.make: only FrozenLake-v1 is built in; got {name!r}")
    return FrozenLake(**kwargs)`,
};
