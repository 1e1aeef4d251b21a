"""Reading a learner's answer: one rule per kind of answer, the same in every exercise set.

Every check turns the learner's values into plain Python values through the
functions here, so ``13``, ``13.0``, ``np.int64(13)`` and a one-element tensor
holding 13 are the same whole number in every set, and ``"13"`` is never a
number anywhere. Each function raises :class:`~paramlab.grading.core.Wrong`
with a message that names the value and says what kind was expected.

=============  ==================================================================
kind           accepted
=============  ==================================================================
number         int, float, numpy and torch scalars, any one-element array or tensor;
               never a bool or a string; nan and inf are refused
whole number   a number whose value is whole (``13.0`` is 13; ``13.5`` is refused)
shape          a tuple, list, ``torch.Size`` or 1-D array/tensor of whole numbers
names          a set, list or tuple of strings, spaces around each trimmed, case kept
choice         a string naming one of the offered options; case and spacing ignored
arrays         features with one row per label
=============  ==================================================================

Numbers are compared with :func:`expect_close` or :func:`one_of`; a float32 (or
lower precision) value is compared with that precision's tolerance, so a
float32 tensor holding 0.1 is the rate 0.1.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from .core import Wrong
from .hashing import digest

__all__ = [
    "number", "whole_number", "shape", "names", "choice", "arrays", "vector",
    "expect_close", "one_of", "expect_hashed", "matches_hashed", "expect_validation_choice",
    "expect_best_on_validation", "expect_choice", "splits", "tolerance", "is_close", "diagnose",
    "every", "not_swapped", "names_among", "expect_value", "expect_pair", "expect_training_accuracy",
]

Mistake = tuple[Any, str]
"""A known mistake: the value it produces (or a function computing it) and what to tell the learner."""


def _type_name(value: Any) -> str:
    return type(value).__name__


def _scalar(value: Any) -> Any:
    """The item of a one-element numpy or torch array (or numpy scalar); other values unchanged."""
    if hasattr(value, "dtype") and hasattr(value, "reshape"):
        count = value.numel() if hasattr(value, "numel") else value.size
        if count == 1:
            return value.reshape(-1)[0].item()
    return value


def number(value: Any, what: str, if_not_finite: str | None = None) -> float:
    """``value`` as a float, or Wrong when it is not a single finite number."""
    if isinstance(value, str):
        raise Wrong(f"{what} should be a number, not the text {value!r}: drop the quotes")
    if isinstance(value, (bool, np.bool_)):
        raise Wrong(f"{what} should be a number, not {value}")
    item = _scalar(value)
    if isinstance(item, (bool, np.bool_)) or not isinstance(item, (int, float, np.integer, np.floating)):
        size = getattr(value, "shape", None)
        held = f" of shape {tuple(size)}" if size is not None else ""
        raise Wrong(f"{what} should be a single number, got {_type_name(value)}{held}")
    result = float(item)
    if not math.isfinite(result):
        raise Wrong(if_not_finite or f"{what} is {result}: the computation that produced it diverged or failed")
    return result


def whole_number(value: Any, what: str) -> int:
    """``value`` as an int, or Wrong when it is not a number with a whole value."""
    result = number(value, what)
    if not result.is_integer():
        raise Wrong(f"{what} should be a whole number (a count), got {result:g}")
    return int(result)


def tolerance(value: Any, rel: float) -> float:
    """The relative tolerance for comparing ``value``: ``rel``, or wider for float32 and lower precision."""
    dtype = getattr(value, "dtype", None)
    try:
        eps = float(np.finfo(np.dtype(str(dtype).replace("torch.", "")) if dtype is not None else float).eps)
    except (TypeError, ValueError):
        eps = float(np.finfo(float).eps)
    return max(rel, 64 * eps)


def expect_close(value: Any, expected: float, what: str, rel: float = 1e-6, abs_: float = 1e-9) -> float:
    """``value`` as a float; Wrong unless it is within tolerance of ``expected``."""
    got = number(value, what)
    if not math.isclose(got, expected, rel_tol=tolerance(value, rel), abs_tol=abs_):
        raise Wrong(f"{what} is not the value computed from your data; {what} = {got:g} does not match")
    return got


def is_close(value: Any, expected: float, rel: float = 1e-9, abs_: float = 1e-9) -> bool:
    """Whether the number ``value`` equals ``expected`` within its precision (False when not a number)."""
    try:
        got = number(value, "value")
    except Wrong:
        return False
    return math.isclose(got, float(expected), rel_tol=tolerance(value, rel), abs_tol=abs_)


def diagnose(value: Any, mistakes: Iterable[Mistake], otherwise: str, rel: float = 1e-9) -> None:
    """Wrong with the message of the first known mistake ``value`` matches, else ``otherwise``.

    A check calls it once it knows ``value`` is not the right answer. Each mistake is
    ``(candidate, message)``; ``candidate`` is a number, or a function of no arguments
    computing one (computed only if the earlier mistakes did not match), or None (skipped).
    """
    for candidate, message in mistakes:
        found = candidate() if callable(candidate) else candidate
        if found is not None and is_close(value, found, rel=rel):
            raise Wrong(message)
    raise Wrong(otherwise)


def expect_value(value: Any, expected: float, what: str, mistakes: Iterable[Mistake] = (),
                 rel: float = 1e-9) -> None:
    """Nothing if ``value`` is ``expected``; else Wrong naming the first known mistake it matches."""
    if is_close(value, expected, rel=rel):
        return
    got = number(value, what)
    diagnose(value, mistakes, f"{what} is not the value computed from your data; {what} = {got:g} does not match",
             rel=rel)


def every(*checks: Callable[[], Any]) -> None:
    """Run every check; Wrong with all their messages joined when any of them is wrong.

    For questions with several answers, so the learner learns every problem at once.
    """
    problems = []
    for check in checks:
        try:
            check()
        except Wrong as exc:
            problems.append(str(exc))
    if problems:
        raise Wrong("; ".join(problems))


def not_swapped(values: Sequence[Any], expected: Sequence[float], message: str, rel: float = 1e-9) -> None:
    """Wrong(``message``) when the two answers are the two expected values in the wrong order.

    Two equal expected values cannot be swapped; a value that is not a number is never a swap.
    """
    first, second = expected
    if is_close(first, second, rel=rel):
        return
    if is_close(values[0], second, rel=rel) and is_close(values[1], first, rel=rel):
        raise Wrong(message)


def expect_pair(values: tuple[Any, Any], expected: tuple[Any, Any], names: tuple[str, str],
                meanings: tuple[str, str], swapped: str | None = None) -> None:
    """Two whole-number answers of one question: Wrong if swapped, else naming the first one that is off.

    ``meanings[i]`` completes "<name> is not ...", e.g. "the number of support vectors with C=0.01".
    """
    not_swapped(values, expected, swapped or f"{names[0]} and {names[1]} are swapped")
    for got, want, name, meaning in zip(values, expected, names, meanings):
        if got != want:
            raise Wrong(f"{name} is not {meaning}")


def expect_training_accuracy(value: Any, what: str, expected: float, on_validation: Callable[[], float],
                             mistakes: Iterable[Mistake], otherwise: str, scorer: str = "model") -> None:
    """An accuracy on the training rows: Wrong naming the usual mistakes, then the set's own ``mistakes``.

    The usual ones: a percentage, the accuracy on the validation part, an error rate (1 - accuracy).
    """
    got = number(value, what)
    if got > 1:
        raise Wrong(f"{what} = {got:g} is not a fraction: an accuracy lies between 0 and 1 (no percentages)")
    if is_close(value, expected):
        return
    diagnose(value, [(on_validation, f"{what} is the accuracy on the validation part; score the {scorer} on "
                                     "the training part it was fitted on"), *mistakes,
                     (1 - expected, f"{what} looks like an error rate (1 - accuracy); store the accuracy, "
                                    f"{scorer}.score(...)")],
             f"{otherwise}; {what} = {got:g} does not match")


def one_of(value: Any, options: Sequence[float], what: str, options_name: str) -> float:
    """The option ``value`` equals (within its precision), or Wrong naming where the options are."""
    got = number(value, what)
    rel = tolerance(value, 1e-9)
    for option in options:
        if math.isclose(got, float(option), rel_tol=rel, abs_tol=0.0):
            return float(option)
    raise Wrong(f"{what} should be one of {options_name}, got {got:g}")


def shape(value: Any, what: str, ndim: int | None = None) -> tuple[int, ...]:
    """A shape as a tuple of ints, from a tuple, list, ``torch.Size`` or 1-D array/tensor of whole numbers."""
    if isinstance(value, (str, bytes)) or value is None or isinstance(value, (int, float, np.number)):
        raise Wrong(f"{what} should be a shape: a tuple of whole numbers such as (3, 4), got {_type_name(value)}")
    if hasattr(value, "dtype") and hasattr(value, "shape") and len(value.shape) != 1:
        raise Wrong(f"{what} should be a shape, such as (3, 4): you passed an array of shape "
                    f"{tuple(value.shape)}; its .shape is what the question asks for")
    try:
        items = list(value)
    except TypeError:
        raise Wrong(f"{what} should be a shape: a tuple of whole numbers such as (3, 4), "
                    f"got {_type_name(value)}") from None
    sizes = tuple(whole_number(v, f"each size in {what}") for v in items)
    if any(s < 0 for s in sizes):
        raise Wrong(f"{what} holds a negative size: sizes are counts")
    if ndim is not None and len(sizes) != ndim:
        raise Wrong(f"{what} should hold {ndim} sizes, it holds {len(sizes)}")
    return sizes


def names(value: Any, what: str) -> set[str]:
    """A set of names from a set, list or tuple of strings (spaces trimmed, case kept)."""
    if isinstance(value, str) or not isinstance(value, (set, frozenset, list, tuple)):
        raise Wrong(f"{what} should be a set of strings such as {{'a', 'b'}}, got {_type_name(value)}")
    result = set()
    for item in value:
        if not isinstance(item, str):
            raise Wrong(f"{what} should hold strings only, found {_type_name(item)} {item!r}")
        result.add(item.strip())
    return result


def names_among(value: Any, what: str, candidates: Iterable[str],
                where: str = "the candidates listed in the question", noun: str = "candidate") -> set[str]:
    """``names(value)``, all of them among ``candidates``; else Wrong naming the others.

    A name that differs from a candidate only in case is told that names are case-sensitive.
    """
    given, known = names(value, what), set(candidates)
    unknown = given - known
    if unknown:
        case = " (names are case-sensitive)" if {n.lower() for n in unknown} & {k.lower() for k in known} else ""
        raise Wrong(f"choose only among {where}; not a {noun}: {sorted(unknown)}{case}")
    return given


def _normal(text: str) -> str:
    return " ".join(text.strip().lower().split())


def choice(value: Any, options: Iterable[str], what: str) -> str:
    """The option ``value`` names (case and spacing ignored), or Wrong listing the options."""
    options = tuple(options)
    listed = " or ".join(repr(o) for o in options) if len(options) <= 2 else \
        ", ".join(repr(o) for o in options[:-1]) + f" or {options[-1]!r}"
    if not isinstance(value, str):
        raise Wrong(f"{what} should be one of the strings {listed}, got {_type_name(value)}")
    by_normal = {_normal(o): o for o in options}
    if _normal(value) not in by_normal:
        raise Wrong(f"{what} should be {listed}, got {value!r}")
    return by_normal[_normal(value)]


def arrays(X: Any, y: Any, what: str = "X_train", dtype: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels as arrays, or Wrong when they are not one row of features per label."""
    try:
        X, y = np.asarray(X, dtype=dtype), np.asarray(y, dtype=dtype)
    except (TypeError, ValueError):
        raise Wrong(f"pass {what} exactly as the notebook prepared it (an array of numbers)") from None
    if X.ndim != 2 or len(X) != len(y):
        raise Wrong(f"pass {what} exactly as the notebook prepared it (one row of features per label)")
    return X, y


def splits(*parts: Any, dtype: Any = None, prefix: str = "") -> tuple[np.ndarray, ...]:
    """The training and validation parts (four arrays), or those and the test part (six), each
    checked as :func:`arrays` does and named ``{prefix}X_train``, ``{prefix}X_val``, ``{prefix}X_test``."""
    if len(parts) not in (4, 6):
        raise TypeError(f"splits takes the X and y of two or three parts, got {len(parts)} arrays")
    names = [f"{prefix}X_{part}" for part in ("train", "val", "test")]
    return tuple(a for k in range(0, len(parts), 2)
                 for a in arrays(parts[k], parts[k + 1], names[k // 2], dtype))


def vector(value: Any, size: int, what: str, if_not_finite: str | None = None) -> np.ndarray:
    """A flat float array of ``size`` numbers, or Wrong saying what it holds instead."""
    if isinstance(value, str):
        raise Wrong(f"{what} should be an array of numbers, not text")
    try:
        v = np.asarray(value.detach() if hasattr(value, "detach") else value, dtype=float).ravel()
    except (TypeError, ValueError):
        raise Wrong(f"{what} should be an array of numbers, got {_type_name(value)}") from None
    if v.size != size:
        raise Wrong(f"{what} should hold {size} numbers (one per feature), it holds {v.size}")
    if not np.all(np.isfinite(v)):
        raise Wrong(if_not_finite or f"{what} contains inf or nan: the computation diverged or failed")
    return v


def expect_hashed(value: Any, namespace: str, accepted: Iterable[str], what: str,
                  known_wrong: dict[str, str] | None = None, exact_case: bool = False) -> None:
    """Wrong unless ``value`` hashes to one of the ``accepted`` digests.

    ``known_wrong`` maps the digest of a predictable wrong answer to a message
    about that mistake. ``exact_case`` keeps letter case (parameter names are
    case-sensitive); otherwise case and spacing are ignored.
    """
    try:
        key = digest(namespace, value, exact_case=exact_case)
    except TypeError as exc:
        raise Wrong(f"{what}: {exc}") from None
    if key in set(accepted):
        return
    if known_wrong and key in known_wrong:
        raise Wrong(known_wrong[key])
    raise Wrong(what if " " in what else f"{what} is not right yet")


def expect_choice(value: Any, options: Iterable[str], what: str, namespace: str, accepted: Iterable[str],
                  wrong: str) -> str:
    """The option ``value`` names (see :func:`choice`); Wrong with ``wrong`` unless its digest is accepted."""
    picked = choice(value, options, what)
    expect_hashed(picked, namespace, accepted, wrong)
    return picked


def matches_hashed(value: Any, namespace: str, accepted: Iterable[str], exact_case: bool = False) -> bool:
    """Whether ``value`` hashes to one of the ``accepted`` digests (False for what cannot be hashed)."""
    try:
        return digest(namespace, value, exact_case=exact_case) in set(accepted)
    except TypeError:
        return False


def _value(winner: Any) -> Any:
    return winner() if callable(winner) else winner


def expect_validation_choice(choice_: Any, best_on_validation: Any, best_on_test: Any | Callable[[], Any],
                             best_on_training: Any | Callable[[], Any], what: str,
                             why_training_misleads: str) -> bool:
    """The outer-loop check shared by every "tune on validation data" question.

    Returns True when ``choice_`` is the validation winner. Raises Wrong
    naming the part that made the choice when it is the test winner (the test
    part may not make decisions) or the training winner. Returns False
    otherwise, so the caller can raise its own message. ``best_on_test`` and
    ``best_on_training`` may be functions, called only when needed (refits
    cost time).
    """
    if choice_ == best_on_validation:
        return True
    if choice_ == _value(best_on_test):
        raise Wrong(f"that {what} is the best on the TEST part: choose on the validation part and keep the "
                    "test part for the final estimate")
    if choice_ == _value(best_on_training):
        raise Wrong(f"that {what} is the best on the TRAINING part, where {why_training_misleads}; "
                    "score on the validation part")
    return False


def expect_best_on_validation(choice_: Any, score_on: Callable[[np.ndarray, np.ndarray], dict[Any, float]],
                              parts: tuple[np.ndarray, ...], what: str, why_training_misleads: str,
                              lower_is_better: bool = False, worst: str | None = None,
                              otherwise: str | None = None) -> None:
    """Wrong unless ``choice_`` is the grid value with the best validation score.

    ``score_on(X_eval, y_eval)`` maps each grid value to its score on those rows (first value wins a
    tie); ``parts`` are the six arrays of :func:`splits`. A choice made on the test or training part
    gets :func:`expect_validation_choice`'s message; the worst value gets ``worst``.
    """
    _X, _y, Xv, yv, Xt, yt = parts
    pick = min if lower_is_better else max

    def best(X_eval: np.ndarray, y_eval: np.ndarray) -> Any:
        scores = score_on(X_eval, y_eval)
        return pick(scores, key=scores.get)

    validation = score_on(Xv, yv)
    if expect_validation_choice(choice_, pick(validation, key=validation.get), lambda: best(Xt, yt),
                                lambda: best(_X, _y), what, why_training_misleads):
        return
    if worst and choice_ == (max if lower_is_better else min)(validation, key=validation.get):
        raise Wrong(worst)
    raise Wrong(otherwise or f"that {what} is not the one with the best validation score")
