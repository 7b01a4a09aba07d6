#!/usr/bin/python3
"""Writes src/io/__fixtures__/jupyter-corpus/*.ipynb: Python notebooks as Jupyter (nbformat 5.x) writes them.

Run with Debian's /usr/bin/python3 (apt install python3-nbformat). Each file is built with nbformat.v4's
constructors and written with nbformat.write, so its bytes are what Jupyter would save: nbformat 4.0-4.5, images,
raw cells with metadata.format, attachments, widget state, Colab/VS Code metadata, unknown MIME types and tracebacks.
The Node test (src/notebook/ipynb-roundtrip.test.ts) checks that Gradbook gives every one of them back unchanged.
"""
import base64
import json
import struct
import zlib
from pathlib import Path

import nbformat
from nbformat import v4

OUT = Path(__file__).resolve().parent.parent / "src/io/__fixtures__/jupyter-corpus"


def png(width, height, seed):
    """A real RGB PNG (a gradient), base64 as Jupyter stores image/png."""
    rows = b"".join(
        b"\x00" + bytes(((x * 7 + y * 3 + seed) % 256, (x * 2 + seed * 5) % 256, (y * 9) % 256)[c] for x in range(width) for c in range(3))
        for y in range(height)
    )

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    raw += chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    return base64.b64encode(raw).decode() + "\n"


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">\n <rect width="40" height="20" fill="#3b82f6"/>\n</svg>\n'
PY3 = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": "3.11.4",
    },
}
TRACEBACK = [
    "\u001b[0;31m---------------------------------------------------------------------------\u001b[0m",
    "\u001b[0;31mZeroDivisionError\u001b[0m                         Traceback (most recent call last)",
    "Cell \u001b[0;32mIn[3], line 1\u001b[0m\n\u001b[0;32m----> 1\u001b[0m \u001b[38;5;241m1\u001b[39m\u001b[38;5;241m/\u001b[39m\u001b[38;5;241m0\u001b[39m\n",
    "\u001b[0;31mZeroDivisionError\u001b[0m: division by zero",
]


def code(source, outputs=(), count=None, **metadata):
    return v4.new_code_cell(source, outputs=list(outputs), execution_count=count, metadata=metadata)


def finish(name, nb, minor):
    nb.nbformat_minor = minor
    for i, cell in enumerate(nb.cells):
        if minor < 5:
            cell.pop("id", None)
        else:
            cell["id"] = f"{name[:10]}-{i}"
    nbformat.validate(nb)
    nbformat.write(nb, str(OUT / f"{name}.ipynb"), version=4)  # as Jupyter saves: ends with a newline


def classic_40():
    nb = v4.new_notebook(metadata={**PY3})
    nb.cells = [
        v4.new_markdown_cell("# Linear regression\n\nA *classic* notebook, saved by Jupyter in 2015."),
        code("import numpy as np\nx = np.arange(5)\nprint(x)", [v4.new_output("stream", name="stdout", text="[0 1 2 3 4]\n")], 1, collapsed=False),
        code("x.mean()", [v4.new_output("execute_result", data={"text/plain": "2.0"}, execution_count=2)], 2),
        code("1/0", [v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=TRACEBACK)], 3),
        code("import warnings; warnings.warn('old API')", [v4.new_output("stream", name="stderr", text="/tmp/ipykernel_1/1.py:1: UserWarning: old API\n  warnings.warn('old API')\n")], 4),
    ]
    finish("classic-4.0", nb, 0)


def colab_40():
    meta = {
        "colab": {"provenance": [], "name": "mnist_colab.ipynb", "collapsed_sections": [], "toc_visible": True},
        "kernelspec": {"display_name": "Python 3", "name": "python3"},
        "language_info": {"name": "python"},
        "accelerator": "GPU",
        "gpuClass": "standard",
    }
    nb = v4.new_notebook(metadata=meta)
    out = v4.new_output("stream", name="stdout", text="Epoch 1: loss 0.412\nEpoch 2: loss 0.201\n")
    nb.cells = [
        v4.new_markdown_cell("## Train on a GPU", metadata={"id": "Hq1xYbTr0k"}),
        code("for epoch in range(2):\n    print(f'Epoch {epoch+1}: loss {0.4/(epoch+1):.3f}')", [out], 1,
             id="Zt9_ab12", colab={"base_uri": "https://localhost:8080/", "height": 52}, outputId="7c1e2a9b-0000-4bde-9f3a-1d2e3f4a5b6c"),
    ]
    finish("colab-4.0", nb, 0)


def raw_cells_41():
    nb = v4.new_notebook(metadata={**PY3, "celltoolbar": "Raw Cell Format"})
    nb.cells = [
        v4.new_raw_cell("Title\n=====\n\n.. note:: reStructuredText for Sphinx", metadata={"format": "text/restructuredtext"}),
        v4.new_raw_cell("\\begin{equation}\n  e^{i\\pi} + 1 = 0\n\\end{equation}", metadata={"format": "text/latex"}),
        v4.new_raw_cell("<b>kept as HTML for nbconvert</b>", metadata={"format": "text/html", "tags": ["keep"]}),
        v4.new_raw_cell("no format at all\n"),
        v4.new_markdown_cell("Between raw cells, some *Markdown*."),
        code("print('raw cells are not run')", [v4.new_output("stream", name="stdout", text="raw cells are not run\n")], 1),
    ]
    finish("raw-cells-4.1", nb, 1)


def figures_42():
    meta = {**PY3, "vscode": {"interpreter": {"hash": "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"}}}
    nb = v4.new_notebook(metadata=meta)
    fig = v4.new_output(
        "display_data",
        data={"image/png": png(24, 16, 1), "text/plain": "<Figure size 640x480 with 1 Axes>"},
        metadata={"image/png": {"width": 480, "height": 320}, "needs_background": "light"},
    )
    svg = v4.new_output("display_data", data={"image/svg+xml": SVG, "text/plain": "<IPython.core.display.SVG object>"})
    html = v4.new_output(
        "execute_result",
        data={
            "text/html": "<div>\n<table border=\"1\" class=\"dataframe\">\n  <thead><tr><th></th><th>a</th></tr></thead>\n  <tbody><tr><th>0</th><td>1</td></tr></tbody>\n</table>\n</div>",
            "text/plain": "   a\n0  1",
        },
        execution_count=3,
    )
    nb.cells = [
        code("%matplotlib inline\nimport matplotlib.pyplot as plt", [], 1),
        code("plt.plot([1, 3, 2]);", [fig], 2, scrolled=True, ExecuteTime={"start_time": "2019-03-02T10:00:00.000Z", "end_time": "2019-03-02T10:00:00.150Z"}),
        code("import pandas as pd\npd.DataFrame({'a': [1]})", [html], 3),
        code("from IPython.display import SVG\nSVG(filename='bar.svg')", [svg], 4, jupyter={"source_hidden": True, "outputs_hidden": False}),
    ]
    finish("figures-4.2", nb, 2)


def widgets_43():
    state = {
        "state": {
            "9f2a0c1e3b": {
                "model_module": "@jupyter-widgets/controls",
                "model_module_version": "1.5.0",
                "model_name": "IntSliderModel",
                "state": {"description": "epochs", "max": 20, "min": 1, "value": 5, "layout": "IPY_MODEL_77aa"},
            },
            "77aa": {"model_module": "@jupyter-widgets/base", "model_module_version": "1.2.0", "model_name": "LayoutModel", "state": {}},
        },
        "version_major": 2,
        "version_minor": 0,
    }
    nb = v4.new_notebook(metadata={**PY3, "widgets": {"application/vnd.jupyter.widget-state+json": state}})
    view = v4.new_output(
        "display_data",
        data={
            "application/vnd.jupyter.widget-view+json": {"model_id": "9f2a0c1e3b", "version_major": 2, "version_minor": 0},
            "text/plain": "IntSlider(value=5, description='epochs', max=20, min=1)",
        },
    )
    nb.cells = [
        code("import ipywidgets as w\nw.IntSlider(5, 1, 20, description='epochs')", [view], 1, tags=["interactive"]),
        v4.new_markdown_cell("Slide it, then run the next cell.", metadata={"slideshow": {"slide_type": "fragment"}}),
    ]
    finish("widgets-4.3", nb, 3)


def attachments_44():
    nb = v4.new_notebook(metadata={**PY3, "toc": {"base_numbering": 1, "nav_menu": {}, "number_sections": True, "toc_window_display": False}})
    nb.cells = [
        v4.new_markdown_cell(
            "A pasted screenshot:\n\n![image.png](attachment:image.png)\n\nand a diagram ![d](attachment:diagram.svg)",
            attachments={"image.png": {"image/png": png(8, 8, 7)}, "diagram.svg": {"image/svg+xml": SVG}},
        ),
        code("x = 1", [], None, deletable=False, editable=True, run_control={"frozen": False}),
    ]
    finish("attachments-4.4", nb, 4)


def everything_45():
    meta = {**PY3, "authors": [{"name": "Ada"}], "title": "Everything", "my_extension": {"nested": {"deep": [1, 2.5, None, True, "ü"]}}}
    nb = v4.new_notebook(metadata=meta)
    unknown = v4.new_output(
        "display_data",
        data={
            "application/vnd.plotly.v1+json": {"data": [{"type": "bar", "x": [1, 2], "y": [3, 1]}], "layout": {"title": {"text": "bars"}}},
            "application/vnd.dataresource+json": {"schema": {"fields": [{"name": "a", "type": "integer"}]}, "data": [{"a": 1}]},
            "application/x-unknown-thing": "opaque payload, one string",
            "text/latex": "$$\\alpha^2$$",
            "text/markdown": "**bold** result\nsecond line",
            "text/plain": "<Thing>",
        },
        metadata={"isolated": True, "application/vnd.plotly.v1+json": {"config": {"responsive": True}}},
    )
    js = v4.new_output("display_data", data={"application/javascript": "console.log('hi');\nconsole.log('there');", "text/plain": "<JS>"})
    result = v4.new_output("execute_result", data={"text/plain": "{'a': 1,\n 'b': 2}", "application/json": {"a": 1, "b": 2}}, metadata={"expanded": False}, execution_count=7)
    nb.cells = [
        v4.new_markdown_cell("# Everything\nPasted: ![shot](attachment:shot.png)", attachments={"shot.png": {"image/png": png(6, 4, 3), "text/plain": "shot"}}),
        v4.new_raw_cell("%% raw for LaTeX\n\\newpage", metadata={"format": "text/latex", "raw_mimetype": "text/latex"}),
        code("show_everything()", [unknown, js], 5, tags=["parameters", "hide-input"], papermill={"duration": 0.1}),
        code("{'a': 1, 'b': 2}", [result], 7),
        code("", [], None),
        v4.new_markdown_cell("Unicode: 한국어, emoji 🎉, tab\there, CRLF line\r\nend"),
        v4.new_raw_cell("", metadata={"format": "text/x-python"}),
    ]
    finish("everything-4.5", nb, 5)


def torch_45():
    nb = v4.new_notebook(metadata={**PY3})
    log = "".join(f"epoch {e}: loss {1 / (e + 1):.4f}\n" for e in range(5))
    nb.cells = [
        v4.new_markdown_cell("# PyTorch MNIST\nTrain a small MLP."),
        code("import torch\nfrom torch import nn\ntorch.manual_seed(0)", [v4.new_output("execute_result", data={"text/plain": "<torch._C.Generator at 0x7f0c2c0d5b90>"}, execution_count=1)], 1),
        code("model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))\nmodel",
             [v4.new_output("execute_result", data={"text/plain": "Sequential(\n  (0): Flatten(start_dim=1, end_dim=-1)\n  (1): Linear(in_features=784, out_features=128, bias=True)\n  (2): ReLU()\n  (3): Linear(in_features=128, out_features=10, bias=True)\n)"}, execution_count=2)], 2),
        code("for epoch in range(5):\n    ...", [v4.new_output("stream", name="stdout", text=log)], 3),
        code("plt.plot(losses)", [v4.new_output("display_data", data={"image/png": png(32, 20, 9), "text/plain": "<Figure size 640x480 with 1 Axes>"}, metadata={})], 4),
    ]
    finish("pytorch-mnist-4.5", nb, 5)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for make in (classic_40, colab_40, raw_cells_41, figures_42, widgets_43, attachments_44, everything_45, torch_45):
        make()
    print("\n".join(sorted(p.name for p in OUT.glob("*.ipynb"))))
