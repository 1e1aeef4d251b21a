"""Where the grader finds exercise sets: packages that register under ``paramlab.exercise_sets``.

The framework in :mod:`paramlab.grading` imports no course. A package of check
modules (one module ``exNN`` per set, each with a ``SET``) registers itself in
its ``pyproject.toml``; this course's entry is::

    [project.entry-points."paramlab.exercise_sets"]
    paramlab = "paramlab.checks"

:func:`load_set` then imports ``<package>.exNN`` from the first registered
package that has it.
"""

from __future__ import annotations

import importlib
import importlib.util
import importlib.metadata
import pkgutil
import re

from .core import ExerciseSet

__all__ = ["GROUP", "load_set", "set_ids", "set_id_for"]

GROUP = "paramlab.exercise_sets"


def load_set(set_id: str) -> ExerciseSet:
    """The :class:`ExerciseSet` called ``set_id`` (``"ex01"``), or ``KeyError`` with a clear message."""
    if not re.fullmatch(r"ex\d\d", set_id):
        raise KeyError(f"{set_id!r} is not an exercise set name (expected exNN)")
    for entry in importlib.metadata.entry_points(group=GROUP):
        name = f"{entry.value}.{set_id}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name in (name, entry.value):
                continue  # this package has no such set
            raise  # the set exists but needs something missing (e.g. torch): say so
        return module.SET
    raise KeyError(f"there is no exercise set {set_id}")


def set_ids() -> list[str]:
    """Every registered set's name (``["ex01", ...]``), found without importing the sets."""
    found = set()
    for entry in importlib.metadata.entry_points(group=GROUP):
        spec = importlib.util.find_spec(entry.value)
        if spec and spec.submodule_search_locations:
            found.update(m.name for m in pkgutil.iter_modules(spec.submodule_search_locations)
                         if re.fullmatch(r"ex\d\d", m.name))
    return sorted(found)


def set_id_for(filename: str) -> str | None:
    """The set a notebook belongs to, from its name: ``01_parameters...ipynb`` -> ``"ex01"``."""
    match = re.match(r"(\d\d)_", filename)
    return f"ex{match.group(1)}" if match else None
