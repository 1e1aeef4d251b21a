"""Grading: the check API, the pytest plugin and the ``paramlab grade`` command."""
from .answers import expect_close, expect_hashed
from .core import CheckFailed, ExerciseSet, Outcome, Question, Result, VacuousCheck, Wrong, is_placeholder, mode
from .hashing import canonical, digest

__all__ = ["CheckFailed", "ExerciseSet", "Outcome", "Question", "Result", "VacuousCheck", "Wrong",
           "expect_close", "expect_hashed", "is_placeholder", "mode", "canonical", "digest"]
