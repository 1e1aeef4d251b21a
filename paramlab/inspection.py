"""Show what a model was *told* (hyperparameters) and what it *learned* (parameters).

scikit-learn's convention is the subject of the course: constructor arguments
are stored untouched and returned by ``get_params()`` (hyperparameters), while
``fit`` creates attributes whose names end in an underscore (learned values).
PyTorch modules expose their learned tensors through ``named_parameters()``.

The functions here read those conventions and return small :class:`Table`
objects that print as aligned text and render as HTML in a notebook.
"""

from __future__ import annotations

import html
import numbers
import sys
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np

__all__ = [
    "Table",
    "hyperparameters",
    "learned_parameters",
    "learned_names",
    "count_learned_values",
    "side_by_side",
    "is_fitted",
    "BOOKKEEPING",
]


@dataclass
class Table:
    """A small table that prints as text and renders as HTML in Jupyter."""

    columns: Sequence[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    title: str = ""
    max_chars: int | None = 60  #: longer cells are cut with "..."; None keeps them whole

    def column(self, name: str) -> list[Any]:
        """Return the values of one column, by its name."""
        index = list(self.columns).index(name)
        return [row[index] for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def __str__(self) -> str:
        cells = [[str(c) for c in self.columns]] + [[_fmt(v, self.max_chars) for v in row] for row in self.rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(self.columns))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(cells[0], widths)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells[1:]]
        if self.title:
            lines.insert(0, self.title)
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_fmt(v, self.max_chars))}</td>" for v in row) + "</tr>"
            for row in self.rows
        )
        caption = f"<caption>{html.escape(self.title)}</caption>" if self.title else ""
        return (
            '<table class="paramlab-table">'
            f"{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


def _fmt(value: Any, max_chars: int | None = 60) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, tuple) and all(isinstance(v, numbers.Integral) for v in value):
        return "(" + ", ".join(str(v) for v in value) + (",)" if len(value) == 1 else ")")
    text = repr(value) if not isinstance(value, str) else value
    if max_chars is None or len(text) <= max_chars:
        return text
    return text[: max(max_chars - 3, 1)] + "..."


def _is_torch_module(obj: Any) -> bool:
    # Never import torch here: if it is not imported yet, obj cannot be a torch module,
    # and chapters without a network should not pay torch's import time.
    torch = sys.modules.get("torch")
    if torch is None:
        return False
    return isinstance(obj, torch.nn.Module)


def _is_estimator(obj: Any) -> bool:
    return hasattr(obj, "get_params") and hasattr(obj, "fit")


def is_fitted(estimator: Any) -> bool:
    """True when a scikit-learn estimator has been fitted (it holds learned attributes)."""
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    try:
        check_is_fitted(estimator)
    except NotFittedError:
        return False
    except TypeError:
        return False
    return True


def hyperparameters(model: Any, deep: bool = False) -> Table:
    """The values a person sets: constructor arguments of an estimator.

    For a scikit-learn estimator this is ``get_params(deep=deep)``; with
    ``deep=True`` the parameters of nested estimators (pipeline steps, a
    search's estimator) appear as ``step__name``. For a torch module, the
    architecture arguments stored on the module (``in_features``, ``p``, ...)
    of every submodule are listed, since torch has no ``get_params``.
    """
    if _is_torch_module(model):
        return _torch_hyperparameters(model)
    if not _is_estimator(model):
        raise TypeError(
            f"hyperparameters() expects a scikit-learn estimator or a torch.nn.Module, "
            f"got {type(model).__name__}"
        )
    params = model.get_params(deep=deep)
    rows = []
    for name in sorted(params):
        value = params[name]
        if _is_estimator(value) and deep:
            value = type(value).__name__ + "(...)"
        elif isinstance(value, list) and value and isinstance(value[0], tuple):
            value = "[" + ", ".join(str(step[0]) for step in value) + "]"
        rows.append((name, value))
    return Table(("hyperparameter", "value"), rows, title=f"{type(model).__name__}: set by you")


_TORCH_ARCH_ATTRS = (
    "in_features",
    "out_features",
    "p",
    "in_channels",
    "out_channels",
    "kernel_size",
    "num_features",
    "negative_slope",
)


def _torch_hyperparameters(module: Any) -> Table:
    rows = []
    for name, sub in module.named_modules():
        for attr in _TORCH_ARCH_ATTRS:
            if attr in vars(sub):
                rows.append((f"{name}.{attr}" if name else attr, getattr(sub, attr)))
    return Table(("hyperparameter", "value"), rows, title=f"{type(module).__name__}: set by you")


def learned_names(estimator: Any) -> list[str]:
    """Names of the learned attributes of a fitted scikit-learn estimator.

    These are the public attributes whose names end with one underscore
    (``coef_``, ``tree_``) and that exist on the object, which for scikit-learn
    means they were created by ``fit``.
    """
    names = []
    for name in sorted(vars(estimator)):
        if name.endswith("_") and not name.startswith("_") and not name.endswith("__"):
            names.append(name)
    return names


def _describe(value: Any) -> tuple[str, tuple[int, ...] | str, int]:
    """Kind, shape and number of numeric values held by one learned attribute."""
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return "array of objects", tuple(value.shape), 0
        return f"array[{value.dtype}]", tuple(value.shape), int(value.size)
    if isinstance(value, (bool, np.bool_)):
        return "bool", "", 1
    if isinstance(value, (numbers.Number, np.generic)):
        return type(value).__name__, "", 1
    if isinstance(value, (list, tuple)):
        if value and all(_is_estimator(v) for v in np.ravel(np.asarray(value, dtype=object))):
            return f"{len(value)} fitted estimators", (len(value),), 0
        numeric = all(isinstance(v, (numbers.Number, np.generic)) for v in value)
        return type(value).__name__, (len(value),), len(value) if numeric else 0
    if _is_estimator(value):
        state = "fitted" if is_fitted(value) else "unfitted template"
        return f"{state} {type(value).__name__}", "", 0
    tree = getattr(value, "node_count", None)
    if tree is not None and hasattr(value, "threshold"):
        return "tree structure", f"{tree} nodes", int(tree)
    if isinstance(value, dict):
        scalars = all(isinstance(v, (numbers.Number, str, type(None))) for v in value.values())
        return "dict", (len(value),), len(value) if scalars else 0
    return type(value).__name__, "", 0


def learned_parameters(model: Any) -> Table:
    """The values a model learned, with their kind, shape and size.

    Works for any fitted scikit-learn estimator (pipelines and searches
    included: their nested learned attributes are listed with a ``step.``
    prefix) and for any ``torch.nn.Module`` (its ``named_parameters()``).
    Raises :class:`ValueError` with a clear message for an unfitted estimator.
    """
    if _is_torch_module(model):
        rows = [
            (name, "tensor", tuple(p.shape), int(p.numel()))
            for name, p in model.named_parameters()
        ]
        return Table(("learned", "kind", "shape", "values"), rows,
                     title=f"{type(model).__name__}: learned by training")
    if not _is_estimator(model):
        raise TypeError(
            f"learned_parameters() expects a fitted scikit-learn estimator or a torch.nn.Module, "
            f"got {type(model).__name__}"
        )
    if not is_fitted(model):
        raise ValueError(
            f"{type(model).__name__} is not fitted yet, so it has learned nothing: call .fit(X, y) first"
        )
    rows: list[tuple[Any, ...]] = []
    _collect(model, "", rows)
    return Table(("learned", "kind", "shape", "values"), rows,
                 title=f"{type(model).__name__}: learned by fit")


#: Learned attributes that describe the data or the fitting run rather than the model's
#: learned values; counted out of :func:`count_learned_values` and listed last.
BOOKKEEPING = frozenset({
    "n_features_in_", "n_outputs_", "n_classes_", "n_iter_", "feature_names_in_", "classes_",
    "best_index_", "best_score_", "n_splits_", "refit_time_", "multimetric_", "cv_results_",
    "best_params_", "max_features_", "n_leaves_", "n_samples_seen_", "n_samples_fit_",
    "outputs_2d_", "effective_metric_", "effective_metric_params_", "estimator_",
    "fit_status_", "class_weight_", "shape_fit_", "support_",
    # run diagnostics: how the fit went, not what it learned
    "dual_gap_", "train_score_", "n_estimators_", "n_trees_per_iteration_", "solver_", "oob_score_",
    # a flag about the targets' format (DummyClassifier, boosting's init_ model)
    "sparse_output_",
})

def stored_training_set(estimator: Any) -> tuple[int, int] | None:
    """The shape of the training set a fitted neighbours model keeps (what it learns), or None.

    Read from the public ``n_samples_fit_`` and ``n_features_in_``; the array itself is private
    storage (``_fit_X`` in scikit-learn 1.9) and is never read here.
    """
    n_rows, n_cols = getattr(estimator, "n_samples_fit_", None), getattr(estimator, "n_features_in_", None)
    if type(estimator).__module__.startswith("sklearn.neighbors") and isinstance(n_rows, (int, np.integer)) \
            and isinstance(n_cols, (int, np.integer)):
        return int(n_rows), int(n_cols)
    return None


STORED_DATA_NAME = "training set (n_samples_fit_ x n_features_in_)"


def _collect(estimator: Any, prefix: str, rows: list[tuple[Any, ...]]) -> None:
    for name in learned_names(estimator):
        value = getattr(estimator, name)
        kind, shape, size = _describe(value)
        rows.append((prefix + name, kind, shape, size))
    stored = stored_training_set(estimator)
    if stored is not None:
        rows.append((prefix + STORED_DATA_NAME, "stored training set", stored, stored[0] * stored[1]))
    # Pipelines: the fitted steps hold the learned values.
    steps = getattr(estimator, "steps", None)
    if isinstance(steps, list) and is_fitted(estimator):
        for step_name, step in steps:
            if _is_estimator(step):
                _collect(step, f"{prefix}{step_name}.", rows)
    best = getattr(estimator, "best_estimator_", None)
    if best is not None and _is_estimator(best):
        _collect(best, f"{prefix}best_estimator_.", rows)


def count_learned_values(model: Any) -> int:
    """Total number of learned numeric values (weights, thresholds, ...).

    For a torch module, the number of entries in its parameters. For a
    scikit-learn estimator, the number of entries in its learned numeric
    arrays and scalars, where nested fitted estimators (the trees of a forest,
    pipeline steps) are counted through their own learned attributes, a
    tree structure counts its nodes (one threshold each), and a neighbours
    model counts the training set it stores (``n_samples_fit_`` rows of
    ``n_features_in_`` values).
    """
    if _is_torch_module(model):
        return int(sum(p.numel() for p in model.parameters()))
    if not is_fitted(model):
        raise ValueError(f"{type(model).__name__} is not fitted yet: call .fit(X, y) first")
    return _count(model)


def _count(estimator: Any) -> int:
    stored = stored_training_set(estimator)
    total = stored[0] * stored[1] if stored is not None else 0
    for name in learned_names(estimator):
        value = getattr(estimator, name)
        if name in BOOKKEEPING:
            continue  # bookkeeping about the data or the search, not learned weights
        if name == "best_estimator_":
            total += _count(value)
            continue
        if isinstance(value, (list, np.ndarray)) and len(value) and _is_estimator(
            np.ravel(np.asarray(value, dtype=object))[0]
        ):
            total += sum(_count(e) for e in np.ravel(np.asarray(value, dtype=object)))
            continue
        if _is_estimator(value):
            total += _count(value)
            continue
        _, _, size = _describe(value)
        total += size
    steps = getattr(estimator, "steps", None)
    if isinstance(steps, list):
        total += sum(_count(step) for _, step in steps if _is_estimator(step) and is_fitted(step))
    return total


def side_by_side(models: dict[str, Any] | Iterable[Any]) -> Table:
    """One row per model: how many hyperparameters it was given and what it learned."""
    items = models.items() if isinstance(models, dict) else ((type(m).__name__, m) for m in models)
    rows = []
    for label, model in items:
        nested = hasattr(model, "steps") or hasattr(model, "best_estimator_")
        hyper = hyperparameters(model, deep=nested)
        names = sorted(learned_parameters(model).column("learned"),
                       key=lambda n: n.rsplit(".", 1)[-1] in BOOKKEEPING)
        rows.append(
            (
                label,
                len(hyper),
                ", ".join(names[:4]) + (" ..." if len(names) > 4 else ""),
                count_learned_values(model),
            )
        )
    return Table(("model", "hyperparameters", "learned attributes", "learned values"), rows)
