"""A hyperparameter slider that needs no kernel, no network and no library.

:func:`slider` draws one matplotlib figure per hyperparameter value *in
advance*, stores each as a small PNG inside the HTML, and adds a labelled
``<input type="range">`` that swaps the shown frame. The output is one
self-contained HTML block, so it works wherever HTML is shown:

* **on the static site** (Jupyter Book): the frames and the script are in the
  page itself; no kernel, no request to any server, no external script;
* **in JupyterLab and Jupyter Notebook**, when the notebook is *trusted*
  (you ran it yourself): the inline script runs and the slider moves;
* **in an untrusted notebook** (one downloaded already executed, or opened on
  a site that strips scripts): Jupyter's sanitizer removes the script and the
  inline handlers. What is left is still useful: the first frame with its alt
  text and a caption naming its value, and a ``<details>`` list "All N frames"
  holding every other frame, each with alt text and caption. The range control
  stays hidden (``hidden`` attribute) because without the script it could not
  do anything. Re-running the cell (or trusting the notebook, ``jupyter trust
  NOTEBOOK``) brings the slider back.

How it works: the HTML holds every frame as an ``<img>`` (PNG as a ``data:``
URI). The inline script, when it runs, shows the controls, hides the static
list, and puts a "view" image where the first frame was; the range input's
``oninput`` calls one small page-wide function that copies the chosen frame's
``src`` and ``alt`` into the view and updates the label. That function works
relative to the input (no stored state, no listener), so the slider keeps
working if a front end copies or re-renders the output's DOM.

Accessibility: the range input has a ``<label>``, an ``aria-valuetext`` that
reads the hyperparameter's value (not the frame index), and an ``<output>``
with ``aria-live="polite"`` that shows the current value; arrow keys,
Page Up/Down, Home and End work natively on a range input (in JupyterLab too:
the input carries ``data-lm-suppress-shortcuts``, so the notebook's own arrow
key shortcuts do not swallow them). Every frame has the
alt text the caller gives (``alt``), and the shown image's ``alt`` changes with
the slider.

Element ids are random per rendering, so two sliders (or the same slider
displayed twice) on one page or in one JupyterLab window never collide; the
script finds its own elements through ``document.currentScript`` first.

Example::

    from paramlab.sliders import slider

    def draw(depth, ax):
        tree = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X, y)
        plots.decision_boundary(tree, X, y, ax=ax, title=f"max_depth = {depth}")

    slider(draw, range(1, 11), name="max_depth",
           alt="Decision regions of a tree with max_depth={value} on the moons data.")
"""

from __future__ import annotations

import base64
import html
import io
import json
import numbers
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

import numpy as np
from matplotlib import style as mpl_style
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .plots import STYLE

__all__ = ["Frame", "Slider", "slider", "format_value", "BUDGET_BYTES"]

#: Size budget of one slider's HTML for ten frames (the course's rule of thumb).
BUDGET_BYTES = 1_500_000
_MAX_FRAMES = 60


def format_value(value: Any) -> str:
    """How a hyperparameter value is shown: ``3``, ``0.001``, ``1e+06``, ``'gini'``, ``None``."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return f"{float(value):g}"
    return str(value)


@dataclass(frozen=True)
class Frame:
    """One precomputed picture: the value it shows, its label, alt text and PNG bytes."""

    value: Any
    label: str
    alt: str
    png: bytes
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def _alt_function(alt: Callable[[Any], str] | str, name: str) -> Callable[[Any], str]:
    if isinstance(alt, str):
        template = alt

        def from_template(value: Any) -> str:
            return template.format(value=format_value(value), name=name)

        try:
            from_template(0)
        except (KeyError, IndexError) as exc:
            raise ValueError(f"alt template {alt!r} may use only {{value}} and {{name}}: {exc}") from None
        return from_template
    if callable(alt):
        return alt
    raise TypeError(f"alt must be a string template or a function value -> str, got {type(alt).__name__}")


def _png(fig: Figure, colors: int | None) -> bytes:
    """The figure as an opaque PNG; quantized to a palette of ``colors`` when given (much smaller)."""
    if not colors:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", facecolor="white", transparent=False)
        return buffer.getvalue()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = FigureCanvasAgg(fig)  # the pixels savefig would encode, without a PNG round trip
    canvas.draw()
    rgb = Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")  # opaque: white stays white
    # Max-coverage quantization without an optimize pass: about 5 ms a frame where median cut
    # with optimize took 17, white kept exact, and no difference to see at these sizes.
    small = rgb.quantize(colors=colors, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG")
    return out.getvalue()


def _render_frames(draw: Callable[[Any, Axes], Any], values: Sequence[Any], name: str,
                   alt_for: Callable[[Any], str], figsize: tuple[float, float], dpi: int,
                   colors: int | None) -> list[Frame]:
    frames: list[Frame] = []
    positions: list[Any] | None = None
    with mpl_style.context([str(STYLE), {"savefig.bbox": "standard"}]):  # fixed frame size
        for value in values:
            # A bare Figure (not pyplot): nothing is registered with pyplot, so
            # nothing leaks and nothing is shown twice by the inline backend.
            fig = Figure(figsize=figsize, dpi=dpi, facecolor="white")
            try:
                ax = fig.add_subplot()
                draw(value, ax)
                if positions is None:
                    fig.set_layout_engine("tight")
                    fig.draw_without_rendering()  # settle the layout of the first frame ...
                    positions = [a.get_position() for a in fig.axes]
                    fig.set_layout_engine("none")
                elif len(positions) == len(fig.axes):
                    # ... and reuse it, so the axes do not jump between frames.
                    fig.set_layout_engine("none")
                    for a, box in zip(fig.axes, positions, strict=True):
                        a.set_position(box)
                else:
                    fig.set_layout_engine("tight")
                png = _png(fig, colors)
                width, height = int(round(fig.get_figwidth() * dpi)), int(round(fig.get_figheight() * dpi))
            finally:
                fig.clear()
            text = alt_for(value)
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"alt text for {name}={format_value(value)} is empty: "
                                 "describe what the frame shows")
            frames.append(Frame(value, f"{name} = {format_value(value)}", text.strip(), png, width, height))
    return frames


# One function for every slider on the page, found through the input's inline
# handler: it works relative to the input, so it keeps working if a notebook
# front end clones the output's DOM (listeners are not cloned, attributes are).
_HANDLER = "paramlabSlider1"

_SCRIPT = """(function (script) {
  var root = script && script.parentNode;
  if (!root || !root.classList || !root.classList.contains("paramlab-slider")) {
    root = document.getElementById(%(root)s);
  }
  if (!root || root.getAttribute("data-ready")) { return; }
  if (!window.%(handler)s) {
    window.%(handler)s = function (input) {
      var box = input.closest(".paramlab-slider");
      var frame = box && box.querySelector('img[data-frame="' + (+input.value) + '"]');
      var view = box && box.querySelector('img[data-role="view"]');
      if (!frame || !view) { return; }
      var label = frame.getAttribute("data-label");
      view.setAttribute("src", frame.getAttribute("src"));
      view.setAttribute("alt", frame.getAttribute("alt"));
      box.querySelector("output").textContent = label;
      input.setAttribute("aria-valuetext", label);
    };
  }
  var first = root.querySelector('[data-role="first"]');
  var view = first.querySelector("img").cloneNode(false);
  view.removeAttribute("data-frame");
  view.removeAttribute("loading");
  view.setAttribute("data-role", "view");
  view.id = %(view)s;
  var holder = document.createElement("figure");
  holder.style.margin = "0";
  holder.appendChild(view);
  root.insertBefore(holder, first);
  first.hidden = true;
  root.querySelector('[data-role="more"]').hidden = true;
  root.querySelector('[data-role="controls"]').hidden = false;
  root.setAttribute("data-ready", "1");
  window.%(handler)s(root.querySelector('input[type="range"]'));
})(document.currentScript);"""


def _frame_img(frame: Frame, k: int, lazy: bool) -> str:
    e = html.escape
    return (f'<img data-frame="{k}" data-label="{e(frame.label)}" src="{frame.data_uri}" '
            f'alt="{e(frame.alt)}" width="{frame.width}" height="{frame.height}"'
            + (' loading="lazy"' if lazy else '')
            + ' style="max-width:100%;height:auto;background:#fff;">')


def _render_html(frames: Sequence[Frame], name: str, uid: str) -> str:
    e = html.escape
    root, input_id, output_id, view_id = (f"pls-{uid}", f"pls-{uid}-input", f"pls-{uid}-value",
                                          f"pls-{uid}-view")
    first = frames[0]
    handler = f"{_HANDLER}(this)"
    parts = [
        f'<div class="paramlab-slider" id="{root}" data-name="{e(name)}" '
        'style="max-width:100%;margin:0.5em 0;">',
        # The controls: hidden until the script runs (without it they could not work).
        # hidden="hidden", not a bare `hidden`: Jupyter's sanitizer drops empty attributes.
        '<div data-role="controls" hidden="hidden">'
        '<div style="display:flex;flex-wrap:wrap;align-items:center;gap:0.25em 0.75em;'
        'max-width:100%;margin-bottom:0.25em;">'
        f'<label for="{input_id}" style="font-weight:600;">{e(name)}</label>'
        f'<input type="range" id="{input_id}" min="0" max="{len(frames) - 1}" step="1" value="0" '
        f'aria-valuetext="{e(first.label)}" oninput="{handler}" onchange="{handler}" '
        # JupyterLab binds arrow keys to notebook commands; this keeps them for the slider.
        'data-lm-suppress-shortcuts="true" '
        'style="flex:1 1 10em;min-width:6em;max-width:24em;">'
        f'<output id="{output_id}" for="{input_id}" aria-live="polite" '
        f'style="font-variant-numeric:tabular-nums;">{e(first.label)}</output>'
        '</div></div>',
        # Without JavaScript: the first frame and its caption. With it, the script
        # puts a view (a copy of this image) in its place and swaps the view's src.
        '<figure data-role="first" style="margin:0;">'
        + _frame_img(first, 0, lazy=False)
        + f'<figcaption>{e(first.label)}</figcaption></figure>',
    ]
    if len(frames) > 1:
        values = ", ".join(format_value(f.value) for f in frames)
        parts.append(f'<details data-role="more"><summary>All {len(frames)} frames '
                     f'({e(name)} = {e(values)}); the slider needs JavaScript</summary>')
        for k, frame in enumerate(frames[1:], start=1):
            parts.append('<figure style="margin:0.5em 0;">' + _frame_img(frame, k, lazy=True)
                         + f'<figcaption>{e(frame.label)}</figcaption></figure>')
        parts.append('</details>')
    else:
        parts.append('<div data-role="more" hidden="hidden"></div>')
    script = _SCRIPT % {"root": json.dumps(root), "view": json.dumps(view_id), "handler": _HANDLER}
    parts.append("<script>" + script + "</script></div>")
    return "".join(parts)


class Slider:
    """Precomputed frames plus the HTML that shows them behind a range input.

    Attributes: ``frames`` (list of :class:`Frame`), ``name``, ``html`` (one
    rendering), ``size_bytes`` (its size in UTF-8 bytes). Displaying the object
    in Jupyter calls :meth:`_repr_html_`, which renders with fresh element ids
    every time.
    """

    def __init__(self, frames: Sequence[Frame], name: str):
        if not frames:
            raise ValueError("a slider needs at least one frame")
        self.frames = list(frames)
        self.name = name
        self.html = _render_html(self.frames, name, uuid.uuid4().hex[:12])

    @property
    def values(self) -> list[Any]:
        return [f.value for f in self.frames]

    @property
    def size_bytes(self) -> int:
        return len(self.html.encode("utf-8"))

    def _repr_html_(self) -> str:
        return _render_html(self.frames, self.name, uuid.uuid4().hex[:12])

    def __repr__(self) -> str:
        first, last = self.frames[0], self.frames[-1]
        return (f"<Slider {self.name}: {len(self.frames)} frames "
                f"({format_value(first.value)} .. {format_value(last.value)}), "
                f"{first.width}x{first.height} px, {self.size_bytes / 1000:.0f} kB>")


def slider(draw: Callable[[Any, Axes], Any], values: Iterable[Any], name: str,
           alt: Callable[[Any], str] | str, figsize: tuple[float, float] = (5.0, 3.2),
           dpi: int = 100, colors: int | None = 128) -> Slider:
    """Precompute one figure per value of hyperparameter ``name`` and return a :class:`Slider`.

    Parameters
    ----------
    draw:
        ``draw(value, ax)`` draws the picture for one value onto the matplotlib
        ``Axes`` it is given (fit a model, plot it). Its return value is ignored.
        Figures are made here in the course style, with a white background, and
        closed after rendering: nothing is left open and nothing is shown twice.
    values:
        The hyperparameter values, in slider order (2 to 60 of them is sensible).
    name:
        The hyperparameter's name: the slider's label and the caption prefix.
    alt:
        Alt text for each frame: a function ``value -> str`` or a template
        using ``{value}`` (and optionally ``{name}``). Describe what the frame
        shows, not the file. Must not be empty.
    figsize, dpi:
        Size of each frame in inches and its resolution; the default, 5 x 3.2
        inches at 100 dpi, gives 500 x 320 pixel frames that fit the book's
        column and shrink to the screen width on a phone.
    colors:
        Quantize each PNG to this many colours (plots use few; the default 128
        keeps anti-aliasing smooth and makes frames about three times smaller).
        ``None`` keeps full-colour PNGs.

    Returns
    -------
    Slider
        ``.frames``, ``.html``, ``.size_bytes``; shown as the slider in Jupyter.

    Raises
    ------
    TypeError
        ``draw`` is not callable, or ``alt`` is neither a string nor a function.
    ValueError
        ``values`` is empty or too long, ``name`` is empty, or an alt text is empty.
    """
    if not callable(draw):
        raise TypeError(f"draw must be a function draw(value, ax), got {type(draw).__name__}")
    if isinstance(values, (str, bytes)):
        raise TypeError("values must be a sequence of hyperparameter values, not a string")
    try:
        values = list(values)
    except TypeError:
        raise TypeError(f"values must be a sequence of hyperparameter values, got {type(values).__name__}") from None
    if not values:
        raise ValueError("values is empty: give at least one hyperparameter value to draw")
    if len(values) > _MAX_FRAMES:
        raise ValueError(f"{len(values)} values is too many for a page: use at most {_MAX_FRAMES}")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name must be the hyperparameter's name, e.g. 'max_depth'")
    if colors is not None and not 2 <= int(colors) <= 256:
        raise ValueError("colors must be between 2 and 256, or None for full colour")
    alt_for = _alt_function(alt, name)
    frames = _render_frames(draw, values, name, alt_for, figsize, dpi, colors)
    return Slider(frames, name)
