"""What learners write, and the verdict each attempt must get: the format of ``attempts_exNN.py``.

Each set has a module ``attempts_exNN.py`` here with

* ``data()``: the values the exercise notebook builds (its splits, its models), cached;
* ``ATTEMPTS``: a list of :class:`Attempt`; per question at least one right answer written
  another way than the solution writes it, and at least three plausible wrong answers,
  each with a piece of the message it must get (the message that teaches the mistake).

``test_sets.py`` runs every attempt of every registered set through the check itself;
``grade_attempts.py`` builds them into notebooks and grades those with ``paramlab grade``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Callable

from sklearn.preprocessing import StandardScaler

from paramlab import datasets

PASSED, WRONG, ERROR, NOT_ATTEMPTED = "passed", "wrong", "error", "not attempted"


@dataclass(frozen=True)
class Attempt:
    question: str                      # "q1"
    did: str                           # what the learner did, in words (the test id)
    answers: Callable[[Any], dict]     # the set's data() -> the keyword arguments of the check
    verdict: str = WRONG               # passed | wrong | error | not attempted
    says: str = ""                     # a piece of the message this attempt must get


def right(question: str, did: str, answers: Callable[[Any], dict]) -> Attempt:
    return Attempt(question, did, answers, PASSED)


def wrong(question: str, did: str, answers: Callable[[Any], dict], says: str) -> Attempt:
    assert says, "a wrong attempt names the message it must get"
    return Attempt(question, did, answers, WRONG, says)


@functools.cache
def split(name: str = "breast_cancer", *, val_size: float = 0.2, test_size: float = 0.2, seed: int = 0,
          scaled: bool = False, **load: Any) -> dict[str, Any]:
    """A dataset split as the notebooks build it: ``X_train, y_train, X_val, y_val, X_test, y_test``.

    ``scaled`` standardizes every part with a scaler fitted on the training part.
    """
    data = datasets.load(name, **load)
    parts = datasets.split(data.X, data.y, val_size=val_size, test_size=test_size, seed=seed)
    values = {"X_train": parts.X_train, "y_train": parts.y_train, "X_val": parts.X_val, "y_val": parts.y_val,
              "X_test": parts.X_test, "y_test": parts.y_test}
    if scaled:
        scaler = StandardScaler().fit(parts.X_train)
        values.update({k: scaler.transform(values[k]) for k in ("X_train", "X_val", "X_test")})
    return values


def pick(values: dict[str, Any], *names: str) -> dict[str, Any]:
    """The named entries of ``values`` (e.g. the data arguments of one check)."""
    return {n: values[n] for n in names}


def chosen_on_another_part(question: str, answer: Callable[[Any], Any], test: str = "on_test",
                           train: str = "on_train") -> list[Attempt]:
    """The two classic wrong choices of a "choose it on validation data" question.

    ``answer(pick)`` builds the question's answers from ``pick(data)``; ``data[test]`` and
    ``data[train]`` are the winners on the test and the training part.
    """
    return [wrong(question, "chose on the test part", answer(lambda d: d[test]), "TEST part"),
            wrong(question, "chose on the training part", answer(lambda d: d[train]), "TRAINING part")]

