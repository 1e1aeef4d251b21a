"""What is specific to exercise set 09 (the shared properties and the attempts are in test_sets.py)."""

from pathlib import Path

from paramlab.checks import ex09

from attempts_ex09 import best_pair, moons_split


def test_q3_recomputes_from_the_learners_own_split():
    other = moons_split(seed=5)
    C, gamma = best_pair(other, other["moons_X_val"], other["moons_y_val"])
    own = moons_split()
    assert (C, gamma) != best_pair(own, own["moons_X_val"], own["moons_y_val"])
    assert ex09.q3.evaluate(best_C=C, best_gamma=gamma, **other).passed


def test_q4_formula_is_in_the_hint_not_in_the_exercise_instructions():
    exercise = (Path(__file__).resolve().parents[2] / "exercises" / "09_support_vector_machines.md").read_text()
    question = exercise[exercise.index("## Question 4"):]
    assert "exp(-gamma" not in question
    assert "exp(-gamma" in ex09.q4.hint_text
