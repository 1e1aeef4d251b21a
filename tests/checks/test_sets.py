"""What every registered exercise set must have, and every attempt at every question, checked directly.

Per-set files (``test_exNN_*.py``) hold only what is specific to one set.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from paramlab.grading.registry import load_set, set_ids

from attempts import NOT_ATTEMPTED, PASSED, WRONG

SETS = set_ids()
HERE = Path(__file__).parent
ATTEMPT_MODULES = {s: importlib.import_module(f"attempts_{s}") for s in SETS if (HERE / f"attempts_{s}.py").exists()}


def _all_attempts():
    for set_id, module in ATTEMPT_MODULES.items():
        for attempt in module.ATTEMPTS:
            yield pytest.param(set_id, attempt, id=f"{set_id}.{attempt.question}: {attempt.did}")


def test_every_set_is_registered():
    assert SETS == [f"ex{n:02d}" for n in range(1, 14)]


@pytest.mark.parametrize("set_id", SETS)
def test_every_question_has_a_title_a_hint_and_says_not_attempted_for_placeholders(set_id):
    exercise_set = load_set(set_id)
    assert exercise_set.title and len(exercise_set.questions) >= 4
    for question in exercise_set.questions.values():
        assert question.title.strip() and question.hint_text.strip(), question.name
        untouched = question.evaluate(**{name: ... for name in question.arguments})
        assert untouched.outcome.value == NOT_ATTEMPTED, (question.name, untouched.message)


@pytest.mark.parametrize("set_id", SETS)
def test_the_declared_words_and_the_checks_are_the_same_questions(set_id):
    exercise_set = load_set(set_id)
    assert exercise_set.texts, f"{set_id} declares no question texts"
    assert exercise_set.undeclared() == []
    assert list(exercise_set.texts) == list(exercise_set.questions)  # the same order, too


@pytest.mark.parametrize("set_id", SETS)
def test_every_question_has_a_right_answer_and_three_wrong_ones_tried(set_id):
    assert set_id in ATTEMPT_MODULES, f"no attempts_{set_id}.py in {HERE}"
    questions = load_set(set_id).questions
    attempts = ATTEMPT_MODULES[set_id].ATTEMPTS
    assert {a.question for a in attempts} <= set(questions), "an attempt names no question of the set"
    for name in questions:
        verdicts = [a.verdict for a in attempts if a.question == name]
        assert verdicts.count(PASSED) >= 1, f"{set_id}.{name}: no right answer tried"
        assert verdicts.count(WRONG) >= 3, f"{set_id}.{name}: fewer than three wrong answers tried"


@pytest.mark.parametrize("set_id, attempt", list(_all_attempts()))
def test_the_attempt_gets_its_verdict_and_message(set_id, attempt):
    module = ATTEMPT_MODULES[set_id]
    question = load_set(set_id).questions[attempt.question]
    result = question.evaluate(**attempt.answers(module.data()))
    assert result.outcome.value == attempt.verdict, result.message
    assert attempt.says in result.message


@pytest.mark.slow
def test_a_sample_of_the_attempts_graded_by_the_real_command_gets_the_same_verdicts(tmp_path):
    """The attempts of set 01, built into notebooks and graded by `paramlab grade` (all sets: grade_attempts.py)."""
    import json

    import grade_attempts

    out = tmp_path / "attempts.json"
    assert grade_attempts.main(["ex01", "--out", str(out)]) == 0, out.read_text()
    result = json.loads(out.read_text())
    tried = ATTEMPT_MODULES["ex01"].ATTEMPTS
    assert result["counts"]["right"] == [sum(a.verdict == PASSED for a in tried)] * 2
    assert result["counts"]["wrong"] == [sum(a.verdict == WRONG for a in tried)] * 2
