"""The course's matplotlib style and its recurring figures.

Every figure uses one style (:func:`use_course_style`): a white background so
plots stay legible on the site's dark theme, a colour-blind-safe cycle
(Okabe-Ito), and sizes that fit the book's column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap

from . import noise

__all__ = [
    "STYLE",
    "use_course_style",
    "decision_boundary",
    "validation_curve",
    "loss_curves",
    "CLASS_COLORS",
]

STYLE = Path(__file__).with_name("course.mplstyle")
CLASS_COLORS = ("#0072B2", "#D55E00", "#009E73")


def use_course_style() -> None:
    """Apply the course's matplotlib style to every figure drawn afterwards.

    In a notebook it also asks the inline backend to save figures as they are laid out
    (``bbox_inches=None``): the style's ``figure.autolayout`` already fits the labels, and
    the backend's default ``"tight"`` box draws every figure twice to measure it.
    """
    plt.style.use(str(STYLE))
    _draw_inline_figures_once()


def _draw_inline_figures_once() -> None:
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # not in IPython: nothing to configure
        return
    if get_ipython() is not None and "inline" in plt.get_backend():
        set_matplotlib_formats("png", bbox_inches=None)


def decision_boundary(model: Any, X: np.ndarray, y: np.ndarray, ax: Axes | None = None,
                      title: str = "", resolution: int = 200) -> Axes:
    """Draw a fitted 2-feature classifier's predicted regions with the data on top."""
    if X.shape[1] != 2:
        raise ValueError(f"decision_boundary draws 2 features, X has {X.shape[1]}")
    ax = ax or plt.gca()
    pad_x = 0.1 * (X[:, 0].max() - X[:, 0].min())
    pad_y = 0.1 * (X[:, 1].max() - X[:, 1].min())
    xx, yy = np.meshgrid(
        np.linspace(X[:, 0].min() - pad_x, X[:, 0].max() + pad_x, resolution),
        np.linspace(X[:, 1].min() - pad_y, X[:, 1].max() + pad_y, resolution),
    )
    grid = np.c_[xx.ravel(), yy.ravel()]
    classes = np.unique(y)
    colors = CLASS_COLORS[: len(classes)]
    zz = model.predict(grid).reshape(xx.shape)
    index = np.searchsorted(classes, zz)
    ax.contourf(xx, yy, index, levels=np.arange(len(classes) + 1) - 0.5,
                cmap=ListedColormap(colors), alpha=0.25)
    for k, c in enumerate(classes):
        mask = y == c
        ax.scatter(X[mask, 0], X[mask, 1], s=14, color=colors[k], edgecolor="white",
                   linewidth=0.4, label=f"class {c}")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.grid(False)
    if title:
        ax.set_title(title)
    return ax


def validation_curve(values: Sequence[Any], train_scores: Sequence[float],
                     val_scores: Sequence[float], name: str, ax: Axes | None = None,
                     log: bool = False, score: str = "accuracy", best: Any | None = None,
                     n_val: int | None = None) -> Axes:
    """Train and validation scores against one hyperparameter's values.

    ``best`` draws a dashed line at the value with the highest validation score (called
    that, not "the best": the highest of noisy scores may be tied with its neighbours).
    ``n_val`` (accuracy only) shades each validation accuracy +/- ``noise.RULE`` standard
    errors of one accuracy on that many rows: how far one split's score can move. Verdicts
    between two values come from their paired gap (:func:`paramlab.noise.gap`), which is
    tighter than two overlapping bands suggest.
    """
    ax = ax or plt.gca()
    ax.plot(values, train_scores, marker="o", label="train")
    line, = ax.plot(values, val_scores, marker="s", label="validation")
    if n_val is not None:
        if score != "accuracy":
            raise ValueError("n_val gives the band of an accuracy; this curve shows " + score)
        val = np.asarray(val_scores, dtype=float)
        spread = noise.RULE * np.array([noise.accuracy_se(v, n_val) for v in val])
        ax.fill_between(values, val - spread, val + spread, color=line.get_color(), alpha=0.15,
                        linewidth=0, label=f"validation \u00b1 {noise.RULE:g} SE ({n_val} rows)")
    if best is not None:
        ax.axvline(best, color="#555555", linestyle="--", linewidth=1,
                   label=f"highest validation {score}: {name} = {best}")
    return _finish(ax, name, score, xscale="log" if log else None)


def _finish(ax: Axes, xlabel: str, ylabel: str, xscale: str | None = None, yscale: str | None = None) -> Axes:
    """Axis labels, log scales where asked, and the legend."""
    if xscale:
        ax.set_xscale(xscale)
    if yscale:
        ax.set_yscale(yscale)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    return ax


def loss_curves(curves: dict[str, Sequence[float]], ax: Axes | None = None,
                xlabel: str = "step", ylabel: str = "loss", log: bool = False, start: int = 0) -> Axes:
    """Several loss curves (for example one per learning rate) on one axis.

    ``start`` is the number of the first point (1 when the x axis counts epochs).
    """
    ax = ax or plt.gca()
    for label, values in curves.items():
        ax.plot(np.arange(start, start + len(values)), values, label=label)
    return _finish(ax, xlabel, ylabel, yscale="log" if log else None)
