"""Graded exercise sets, one module per set: ``from paramlab.checks import ex01``."""

from __future__ import annotations

import importlib
import re
from types import ModuleType

from ..grading.core import ExerciseSet

__all__ = ["load_set", "set_id_for"]


def load_set(set_id: str) -> ExerciseSet:
    """The :class:`ExerciseSet` called ``set_id`` (``"ex01"``), or ``KeyError`` with a clear message."""
    if not re.fullmatch(r"ex\d\d", set_id):
        raise KeyError(f"{set_id!r} is not an exercise set name (expected exNN)")
    try:
        module: ModuleType = importlib.import_module(f"{__name__}.{set_id}")
    except ModuleNotFoundError:
        raise KeyError(f"there is no exercise set {set_id}") from None
    return module.SET


def set_id_for(filename: str) -> str | None:
    """The set a notebook belongs to, from its name: ``01_parameters...ipynb`` -> ``"ex01"``."""
    match = re.match(r"(\d\d)_", filename)
    return f"ex{match.group(1)}" if match else None
