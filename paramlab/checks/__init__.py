"""Graded exercise sets, one module per set: ``from paramlab.checks import ex01``.

The grader finds them through the ``paramlab.exercise_sets`` entry point in
``pyproject.toml`` (see :mod:`paramlab.grading.registry`); nothing here is imported
by the grading framework itself.
"""
