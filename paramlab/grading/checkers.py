"""Small validators shared by the exercise checks: each raises :class:`Wrong` with a clear message."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import Wrong

__all__ = ["as_int", "as_float", "as_arrays", "expect_validation_choice"]


def as_int(value: Any, what: str) -> int:
    """``value`` as an int, or Wrong when it is not a whole number (a bool or float is refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise Wrong(f"{what} should be a whole number (an int), got {type(value).__name__}")
    return int(value)


def as_float(value: Any, what: str) -> float:
    """``value`` as a float, or Wrong when it is not a number (a bool or string is refused)."""
    if isinstance(value, (bool, str)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise Wrong(f"{what} should be a number, got {type(value).__name__}")
    return float(value)


def as_arrays(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels as arrays, or Wrong when they are not one row per label."""
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise Wrong("pass the data exactly as the notebook loaded it (X_train with one row per label in y_train)")
    return X, y


def _value(winner: Any) -> Any:
    return winner() if callable(winner) else winner


def expect_validation_choice(choice: Any, best_on_validation: Any, best_on_test: Any, best_on_training: Any,
                             what: str, why_training_misleads: str) -> bool:
    """The outer-loop check shared by every "tune on validation data" question.

    Returns True when ``choice`` is the validation winner. Raises :class:`Wrong`
    naming the part that made the choice when it is the test winner (the test
    part may not make decisions) or the training winner. Returns False
    otherwise, so the caller can raise its own message. ``best_on_test`` and
    ``best_on_training`` may be functions, called only when needed (refits
    cost time).
    """
    if choice == best_on_validation:
        return True
    if choice == _value(best_on_test):
        raise Wrong(f"that {what} is the best on the TEST part: choose on the validation part and keep the "
                    "test part for the final estimate")
    if choice == _value(best_on_training):
        raise Wrong(f"that {what} is the best on the TRAINING part, where {why_training_misleads}; "
                    "score on the validation part")
    return False
