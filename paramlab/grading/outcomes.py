"""What a check can conclude: the outcomes and one check's result (no dependencies)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["Outcome", "Result"]


class Outcome(str, Enum):
    PASSED = "passed"
    NOT_ATTEMPTED = "not attempted"
    WRONG = "wrong"
    ERROR = "error"
    # decided by the scorer, not by a check: no cell calls the check / its cell never ran /
    # its cell is not the check cell the exercise gives (the check's arguments were changed)
    MISSING = "missing"
    NOT_RUN = "not run"
    EDITED = "edited"


@dataclass
class Result:
    """One check's outcome."""

    set_id: str
    question: str
    title: str
    outcome: Outcome
    message: str

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASSED

    def line(self) -> str:
        return f"{self.set_id}.{self.question} {self.outcome.value}: {self.message}"
