"""The check API: questions, outcomes, modes and reports.

A check cell calls a question's ``check`` with the learner's values, by name::

    ex01.q2.check(hyperparameter_names=hyperparameter_names)

The check decides one of four outcomes:

* **passed**;
* **not attempted**: a ``...`` placeholder is still among the values;
* **wrong**: the answer was checked and is not right; the message says what
  was expected in kind (never the answer itself);
* **error**: evaluating the learner's value raised (for example an unfitted
  model was passed).

What happens next depends on the mode, read from the ``PARAMLAB_GRADING``
environment variable of the kernel:

* ``interactive`` (default, a person running the notebook): the report is
  displayed and nothing is raised, so "Run all" reaches the score table;
* ``strict`` (set by paramlab's pytest plugin under nbval): any outcome but
  passed raises :class:`CheckFailed`, a one-line colour-free message;
* ``expect-fail`` (CI on untouched exercises): a check *passes* only if the
  learner's answer fails; an answer that passes untouched raises
  :class:`VacuousCheck`.

When ``PARAMLAB_RESULTS`` names a file, every outcome is appended to it as a
JSON line, which is how ``paramlab grade`` and the pytest plugin build their
score tables without touching the notebook.
"""

from __future__ import annotations

import inspect as _inspect
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import display, records
from .outcomes import Outcome, Result

__all__ = [
    "Outcome",
    "Result",
    "Wrong",
    "CheckFailed",
    "VacuousCheck",
    "Question",
    "ExerciseSet",
    "mode",
    "is_placeholder",
]

MODE_VARIABLE = "PARAMLAB_GRADING"
RESULTS_VARIABLE = "PARAMLAB_RESULTS"
NOTEBOOK_VARIABLE = "PARAMLAB_NOTEBOOK"
MODES = ("interactive", "strict", "expect-fail")


class Wrong(Exception):
    """Raised by a checker to say the answer is wrong; its text is shown to the learner."""


class _RendersPlainly(Exception):
    """An exception that IPython shows as its message alone: no stack, no colours."""

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


class CheckFailed(_RendersPlainly, AssertionError):
    """Strict mode: the learner's answer did not pass."""


class VacuousCheck(_RendersPlainly, AssertionError):
    """Expect-fail mode: the check passed on an untouched exercise, so it checks nothing."""


def mode() -> str:
    """The grading mode of this process, from ``PARAMLAB_GRADING`` (default ``interactive``)."""
    value = os.environ.get(MODE_VARIABLE, "interactive").strip().lower() or "interactive"
    return value if value in MODES else "interactive"


def is_placeholder(value: Any) -> bool:
    """True when ``value`` is, or contains, the ``...`` placeholder of an untouched exercise."""
    if value is Ellipsis:
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(is_placeholder(v) for v in value)
    if isinstance(value, dict):
        return any(is_placeholder(v) for v in value.values())
    return False


def _one_thread():
    """One thread per native library (BLAS, OpenMP) while a check recomputes, as every grading kernel
    runs (OMP_NUM_THREADS=1): a check run by hand in JupyterLab gives exactly the grader's numbers,
    and small fits on few cores do not slow down with contending threads."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def _record(result: Result) -> None:
    path = os.environ.get(RESULTS_VARIABLE)
    if path:
        records.append(path, records.Record.check(os.environ.get(NOTEBOOK_VARIABLE, ""), result.set_id,
                                                  result.question, result.outcome.value, result.message))


@dataclass
class Question:
    """One graded question: a checker function, a title and a hint.

    ``checker`` receives the learner's values as keyword arguments and raises
    :class:`Wrong` with a specific message when the answer is wrong; returning
    normally means passed. Its signature is the check's signature.
    """

    set_id: str
    name: str
    title: str
    checker: Callable[..., None]
    hint_text: str
    not_attempted_text: str = "replace each ... with your answer, then run this cell again"
    results: list[Result] = field(default_factory=list, repr=False)

    @property
    def arguments(self) -> list[str]:
        return list(_inspect.signature(self.checker).parameters)

    def evaluate(self, **answers: Any) -> Result:
        """Decide the outcome for these answers, without reporting it."""
        expected = self.arguments
        missing = [a for a in expected if a not in answers]
        unknown = [a for a in answers if a not in expected]
        if missing or unknown:
            call = ", ".join(f"{a}={a}" for a in expected)
            return self._result(Outcome.ERROR, f"call this check as {self.set_id}.{self.name}.check({call})")
        if any(is_placeholder(v) for v in answers.values()):
            return self._result(Outcome.NOT_ATTEMPTED, self.not_attempted_text)
        try:
            with _one_thread():
                self.checker(**answers)
        except Wrong as exc:
            return self._result(Outcome.WRONG, str(exc))
        except Exception as exc:  # the learner's value raised while being checked
            return self._result(Outcome.ERROR, f"checking your answer raised {type(exc).__name__}: {exc}")
        return self._result(Outcome.PASSED, "well done")

    def _result(self, outcome: Outcome, message: str) -> Result:
        return Result(self.set_id, self.name, self.title, outcome, message)

    def check(self, **answers: Any) -> None:
        """Check the learner's answers and report; raises only in strict and expect-fail modes."""
        result = self.evaluate(**answers)
        self.results.append(result)
        _record(result)
        current = mode()
        hint = "" if result.passed else f"Stuck? Run {self.set_id}.{self.name}.hint()"
        if current == "strict" and not result.passed:
            raise CheckFailed(result.line())
        if current == "expect-fail":
            if result.passed:
                raise VacuousCheck(
                    f"{self.set_id}.{self.name} passed on the untouched exercise: the check is vacuous"
                )
            print(f"expected failure: {result.line()}")
            return
        display.show(display.Report(result, hint))

    def hint(self) -> None:
        """Show this question's hint."""
        display.show(display.Hint(self))

    @property
    def latest(self) -> Result | None:
        return self.results[-1] if self.results else None


class ExerciseSet:
    """The questions of one exercise notebook, in order.

    A set's words (its title, and each question's title, hint and, where it
    differs, not-attempted message) are data: :meth:`declared` reads them from a
    TOML file beside the set's checks, so the check module holds only logic::

        id = "ex06"
        title = "Decision trees"

        [questions.q1]
        title = "..."
        hint = "..."
    """

    def __init__(self, set_id: str, title: str,
                 texts: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.set_id = set_id
        self.title = title
        self.texts: dict[str, dict[str, str]] = {name: dict(t) for name, t in (texts or {}).items()}
        self.questions: dict[str, Question] = {}

    @classmethod
    def declared(cls, path: str | os.PathLike[str]) -> "ExerciseSet":
        """The set whose words the TOML file of ``path``'s name declares (a check module passes its
        ``__file__``: ``ex06.py`` reads ``ex06.toml``); its checks register with :meth:`question`."""
        with open(Path(path).with_suffix(".toml"), "rb") as file:
            data = tomllib.load(file)
        return cls(data["id"], data["title"], data.get("questions", {}))

    def question(self, name: str, title: str | None = None, hint: str | None = None,
                 not_attempted: str | None = None) -> Callable[[Callable[..., None]], Question]:
        """Decorator: register a checker function as question ``name``.

        Words not given here come from the set's declared texts; a question with
        no title or no hint anywhere is a mistake in the set, said at import.
        """
        texts = self.texts.get(name, {})
        title = title or texts.get("title")
        hint = hint or texts.get("hint")
        not_attempted = not_attempted or texts.get("not_attempted")
        if not title or not hint:
            raise ValueError(f"{self.set_id}.{name} has no declared title or hint")

        def register(checker: Callable[..., None]) -> Question:
            q = Question(self.set_id, name, title, checker, hint)
            if not_attempted:
                q.not_attempted_text = not_attempted
            self.questions[name] = q
            return q

        return register

    def undeclared(self) -> list[str]:
        """Mismatches between the declared texts and the registered checks (empty when they agree)."""
        return ([f"{self.set_id}.{n} is declared but has no check" for n in self.texts
                 if n not in self.questions]
                + [f"{self.set_id}.{n} has a check but no declared texts" for n in self.questions
                   if self.texts and n not in self.texts])

    def namespace(self, name: str) -> str:
        return f"{self.set_id}.{name}"

    def table(self) -> "display.ScoreTable":
        rows = []
        for q in self.questions.values():
            latest = q.latest
            rows.append((q.name, q.title, latest.outcome.value if latest else "not run",
                         latest.message if latest and not latest.passed else ""))
        return display.ScoreTable(self.set_id, self.title, rows)

    def score(self) -> None:
        """Show the score table of this notebook's session."""
        display.show(self.table())
