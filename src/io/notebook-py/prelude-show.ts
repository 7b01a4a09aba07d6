// Python counterparts of Gradbook's browser displays: images and plots through matplotlib (saved as PNG files by a
// script, shown inline in Jupyter, a printed note when matplotlib is absent), table, log, summary, confusion matrix.

export const SHOW_HELPERS: Record<string, string> = {
  figures: `FIGURES = []


def figure_out(kind):
    """matplotlib's pyplot, or None (with a note) when it is not installed."""
    try:
        import matplotlib

        if not IN_NOTEBOOK:
            matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        return plt
    except ImportError:
        print(f"[{kind}: pip install matplotlib to see it]")
        return None


def figure_done(plt, kind):
    if IN_NOTEBOOK:
        plt.show()
    elif RANK == 0:
        os.makedirs(args.figures, exist_ok=True)
        path = os.path.join(args.figures, f"{len(FIGURES) + 1:02d}-{kind}.png")
        plt.savefig(path, bbox_inches="tight")
        FIGURES.append(path)
        print(f"[{kind} saved to {path}]")
    plt.close("all")


def show_images(images, nrow=8, labels=None, scale=None, **kwargs):
    """Gradbook's showImages: a grid of [N, C, H, W] (or [N, H, W]) images, each scaled to its own range."""
    plt = figure_out("images")
    if plt is None:
        return
    x = images.detach().float().cpu()
    x = x.reshape(-1, *x.shape[-2:]) if x.dim() != 4 or x.shape[1] == 1 else x[:, 0]
    labels = [str(int(v)) if torch.is_tensor(v) else str(v) for v in (labels.tolist() if torch.is_tensor(labels) else labels or [])]
    n = len(x)
    cols = min(nrow, n)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 1.2 * (scale or 1) ** 0.5, rows * 1.4 * (scale or 1) ** 0.5), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < n:
            ax.imshow(x[i].numpy(), cmap="gray")
            if i < len(labels):
                ax.set_title(labels[i], fontsize=8)
    figure_done(plt, "images")


def show_weights(layer, **kwargs):
    """Gradbook's showWeights: a Linear's rows as 28×28 images, or a Conv2d's filters."""
    w = layer.weight.detach().cpu()
    show_images(w.view(w.shape[0], 1, 28, 28) if w.dim() == 2 and w.shape[1] == 784 else w.reshape(-1, 1, *w.shape[-2:]) if w.dim() == 4 else w.unsqueeze(0).unsqueeze(0), labels=[str(i) for i in range(w.shape[0])])


def show_misclassified(model, loader, n=16, **kwargs):
    """Gradbook's showMisclassified: the first n test images the model gets wrong, titled guess / truth."""
    model.eval()
    images, titles = [], []
    with torch.no_grad():
        for data, target in loader:
            guess = model(data).argmax(1)
            for i in (guess != target).nonzero().view(-1).tolist():
                images.append(data[i])
                titles.append(f"{guess[i].item()} / {target[i].item()}")
            if len(images) >= n:
                break
    if images:
        show_images(torch.stack(images[:n]), labels=titles[:n])


def plot(spec=None, **kwargs):
    """Gradbook's plot({ title, xLabel, yLabel, kind, series: [{ name, x, y }] }): a matplotlib line or scatter chart."""
    spec = Obj({**(spec or {}), **kwargs})
    plt = figure_out("plot")
    if plt is None:
        return
    as_list = lambda v: v.detach().cpu().reshape(-1).tolist() if torch.is_tensor(v) else list(v)
    fig, ax = plt.subplots(figsize=(6, 4))
    for s in spec.series or []:
        y = as_list(s["y"])
        x = as_list(s["x"]) if s.get("x") is not None else list(range(len(y)))
        (ax.scatter if spec.kind == "scatter" else ax.plot)(x, y, label=s.get("name"), **({"s": 8} if spec.kind == "scatter" else {}))
    ax.set_title(spec.title or "")
    ax.set_xlabel(spec.x_label or "")
    ax.set_ylabel(spec.y_label or "")
    ax.legend()
    figure_done(plt, "plot")`,
  table: `def table(rows):
    """Gradbook's table(rows): the rows (dicts) as aligned text columns."""
    rows = [dict(r) for r in rows]
    if not rows:
        return
    cols = list(dict.fromkeys(k for r in rows for k in r))
    cell = lambda v: f"{v:.4g}" if isinstance(v, float) else str(v.item() if torch.is_tensor(v) and v.numel() == 1 else v)
    text = [[cell(r.get(c, "")) for c in cols] for r in rows]
    width = [max(len(c), *(len(t[i]) for t in text)) for i, c in enumerate(cols)]
    print("  ".join(c.ljust(w) for c, w in zip(cols, width)))
    for t in text:
        print("  ".join(v.ljust(w) for v, w in zip(t, width)))`,
  log: `def log(metrics, step=None, axis="step"):
    """Gradbook's log(): in the browser a live chart; here one printed line per call."""
    values = ", ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}" for k, v in dict(metrics).items())
    print(f"[log] {axis or 'step'} {step}: {values}")`,
  summary: `def summary(model, input_size):
    """Gradbook's summary(model, inputShape): each layer's output shape and parameter count, as torchinfo prints it."""
    rows, hooks = [], []
    for name, m in model.named_modules():
        if name and not list(m.children()):
            hooks.append(m.register_forward_hook(lambda m, i, o, name=name: rows.append((f"{name} ({type(m).__name__})", tuple(o.shape), sum(p.numel() for p in m.parameters())))))
    with torch.no_grad():
        model(torch.zeros(*input_size, device=device))
    for h in hooks:
        h.remove()
    print(f"{'Layer':<28}{'Output shape':<22}{'Param #':>10}")
    for name, shape, n in rows:
        print(f"{name:<28}{str(list(shape)):<22}{n:>10,}")
    print(f"Total params: {sum(p.numel() for p in model.parameters()):,}")`,
  confusion: `def confusion_matrix(model, loader, **kwargs):
    """Gradbook's confusionMatrix: rows are the true class, columns the guess."""
    model.eval()
    counts = None
    with torch.no_grad():
        for data, target in loader:
            guess = model(data).argmax(1)
            k = int(max(guess.max().item(), target.max().item())) + 1
            if counts is None or counts.shape[0] < k:
                grown = torch.zeros(k, k, dtype=torch.long)
                if counts is not None:
                    grown[: counts.shape[0], : counts.shape[0]] = counts
                counts = grown
            counts.index_put_((target.cpu(), guess.cpu()), torch.ones(len(target), dtype=torch.long), accumulate=True)
    print("true \\\\ guess " + " ".join(f"{j:>5}" for j in range(counts.shape[0])))
    for i, row in enumerate(counts.tolist()):
        print(f"{i:>12} " + " ".join(f"{v:>5}" for v in row))`,
};
