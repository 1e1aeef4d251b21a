"""Notebook helpers that chapters call.

:func:`glue` stores a value for the book's ``{glue}`` roles exactly as
``myst_nb.glue`` does, without importing myst-nb and nbformat into the kernel
(that import costs one to two seconds per notebook, on every page of the book).
"""

from __future__ import annotations

from typing import Any

__all__ = ["glue", "GLUE_PREFIX"]

#: The mime-type prefix myst-nb reads for values glued with ``display=False``.
GLUE_PREFIX = "application/papermill.record/"


def glue(name: str, variable: Any, display: bool = True) -> None:
    """Glue ``variable`` under ``name`` for ``{glue:text}`name``` in the page's prose.

    Same behaviour and output as ``myst_nb.glue``: the value's display data is
    emitted with scrapbook metadata; with ``display=False`` nothing is shown in
    the notebook and the site reads the value from the hidden mime bundle.
    A numpy scalar is glued as the Python number it holds: numpy 2 shows it as
    ``np.float64(0.25)``, which ``{glue:text}`name:.3f``` cannot format.
    """
    import IPython.core.formatters
    from IPython.display import display as ipy_display

    if type(variable).__module__ == "numpy" and hasattr(variable, "item") and getattr(variable, "shape", None) == ():
        variable = variable.item()

    mimebundle, metadata = IPython.core.formatters.format_display_data(variable)
    mime_prefix = "" if display else GLUE_PREFIX
    metadata["scrapbook"] = dict(name=name, mime_prefix=mime_prefix)
    ipy_display({mime_prefix + k: v for k, v in mimebundle.items()}, raw=True, metadata=metadata)
