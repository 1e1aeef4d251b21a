"""Every grading outcome, every mode, the hashing and the recorded results."""

import json

import pytest

from paramlab.grading import answers, core
from paramlab.grading.core import CheckFailed, ExerciseSet, Outcome, VacuousCheck, Wrong
from paramlab.grading.hashing import canonical, digest

demo = ExerciseSet("ex99", "demo set")


@demo.question("q1", "double it", hint="multiply by two")
def q1(answer, x):
    if answer != 2 * x:
        raise Wrong("answer should be twice x")


@demo.question("q2", "divide", hint="x / y")
def q2(answer, y):
    if answer != 1 / y:  # raises ZeroDivisionError for y == 0: the learner's value broke the check
        raise Wrong("no")


@pytest.fixture(autouse=True)
def interactive(monkeypatch):
    monkeypatch.delenv("PARAMLAB_GRADING", raising=False)
    monkeypatch.delenv("PARAMLAB_RESULTS", raising=False)
    for q in demo.questions.values():
        q.results.clear()


def test_passed():
    assert q1.evaluate(answer=4, x=2).outcome is Outcome.PASSED


def test_not_attempted_when_a_placeholder_remains():
    assert q1.evaluate(answer=..., x=2).outcome is Outcome.NOT_ATTEMPTED
    assert q1.evaluate(answer=[1, ...], x=2).outcome is Outcome.NOT_ATTEMPTED
    assert q1.evaluate(answer={"a": ...}, x=2).outcome is Outcome.NOT_ATTEMPTED


def test_wrong_carries_the_checkers_message():
    result = q1.evaluate(answer=5, x=2)
    assert result.outcome is Outcome.WRONG and result.message == "answer should be twice x"


def test_error_when_the_learners_value_raises_inside_the_check():
    result = q2.evaluate(answer=1, y=0)
    assert result.outcome is Outcome.ERROR
    assert "ZeroDivisionError" in result.message


def test_error_names_the_expected_call_when_arguments_are_wrong():
    result = q1.evaluate(answr=4, x=2)
    assert result.outcome is Outcome.ERROR
    assert "ex99.q1.check(answer=answer, x=x)" in result.message


def test_interactive_mode_never_raises_and_reports(capsys):
    q1.check(answer=5, x=2)
    q1.check(answer=..., x=2)
    out = capsys.readouterr().out
    assert "[wrong]" in out and "[not attempted]" in out and "hint()" in out


def test_strict_mode_raises_one_plain_message(monkeypatch):
    monkeypatch.setenv("PARAMLAB_GRADING", "strict")
    with pytest.raises(CheckFailed) as info:
        q1.check(answer=5, x=2)
    rendered = info.value._render_traceback_()
    assert rendered == ["CheckFailed: ex99.q1 wrong: answer should be twice x"]
    assert "\x1b[" not in rendered[0]
    q1.check(answer=4, x=2)  # passing does not raise


def test_expect_fail_mode_accepts_failures_and_flags_vacuous_checks(monkeypatch, capsys):
    monkeypatch.setenv("PARAMLAB_GRADING", "expect-fail")
    q1.check(answer=..., x=2)
    assert "expected failure" in capsys.readouterr().out
    with pytest.raises(VacuousCheck, match="vacuous"):
        q1.check(answer=4, x=2)


def test_unknown_mode_falls_back_to_interactive(monkeypatch):
    monkeypatch.setenv("PARAMLAB_GRADING", "nonsense")
    assert core.mode() == "interactive"


def test_outcomes_are_recorded_as_json_lines(monkeypatch, tmp_path):
    results = tmp_path / "r.jsonl"
    monkeypatch.setenv("PARAMLAB_RESULTS", str(results))
    monkeypatch.setenv("PARAMLAB_NOTEBOOK", "/x/nb.ipynb")
    q1.check(answer=4, x=2)
    q1.check(answer=..., x=2)
    lines = [json.loads(line) for line in results.read_text().splitlines()]
    assert [(r["question"], r["outcome"]) for r in lines] == [("q1", "passed"), ("q1", "not attempted")]
    assert lines[0]["notebook"] == "/x/nb.ipynb"


def test_score_table_counts_the_latest_outcome_of_each_question():
    q1.check(answer=5, x=2)
    q1.check(answer=4, x=2)
    table = demo.table()
    assert table.passed == 1
    assert "total: 1/2" in repr(table)
    assert "not run" in repr(table)
    assert "<table" in table._repr_html_()


def test_hint_is_shown(capsys):
    q1.hint()
    assert "multiply by two" in capsys.readouterr().out


@pytest.mark.parametrize("a, b", [
    ({"C", "max_iter"}, ["max_iter ", "c"]),
    ("More  Nodes", "more nodes"),
    ((64, 20), (64, 20)),
])
def test_canonical_forms_ignore_case_spacing_and_order(a, b):
    assert canonical(a) == canonical(b)
    assert digest("ns", a) == digest("ns", b)


def test_digests_are_salted_by_question_and_hide_the_answer():
    assert digest("ex01.q2", "learned") != digest("ex01.q3", "learned")
    import hashlib
    assert digest("ex01.q2", "learned") != hashlib.sha256(b"learned").hexdigest()  # salted, not a bare hash


def test_exact_case_keeps_the_case_of_names_only_when_asked():
    assert digest("ns", "LogisticRegression__C") == digest("ns", "logisticregression__c")
    assert digest("ns", "LogisticRegression__C", exact_case=True) != \
        digest("ns", "logisticregression__c", exact_case=True)
    assert digest("ns", [" C", "max_iter"], exact_case=True) == digest("ns", ("max_iter", "C"), exact_case=True)
    assert canonical((64, 20)) != canonical((20, 64))


def test_canonical_refuses_what_it_cannot_compare():
    with pytest.raises(TypeError):
        canonical({"a": 1})
    with pytest.raises(TypeError):
        canonical([1.5, "x"])


def test_expect_hashed_uses_the_specific_message_for_a_known_wrong_answer():
    with pytest.raises(Wrong, match="specific"):
        answers.expect_hashed("b", "ns", [digest("ns", "a")], "choice", {digest("ns", "b"): "specific"})
    answers.expect_hashed("A ", "ns", [digest("ns", "a")], "choice")


def test_expect_close_tolerates_rounding_only():
    answers.expect_close(0.1 + 0.2, 0.3, "x")
    with pytest.raises(Wrong, match="x"):
        answers.expect_close(0.31, 0.3, "x")
    with pytest.raises(Wrong, match="number"):
        answers.expect_close("abc", 0.3, "x")


def test_validation_choice_names_the_part_that_chose_and_refits_lazily():
    from paramlab.grading.answers import expect_validation_choice

    def never():
        raise AssertionError("the test and training winners must not be computed for a right answer")

    assert expect_validation_choice(3, 3, never, never, "depth", "deeper trees look better") is True
    with pytest.raises(Wrong, match="best on the TEST part"):
        expect_validation_choice(5, 3, lambda: 5, never, "depth", "deeper trees look better")
    with pytest.raises(Wrong, match="TRAINING part, where deeper trees look better"):
        expect_validation_choice(8, 3, 5, lambda: 8, "depth", "deeper trees look better")
    assert expect_validation_choice(1, 3, 5, 8, "depth", "deeper trees look better") is False


def test_a_declared_set_takes_its_words_from_its_toml_file(tmp_path):
    texts = tmp_path / "ex98.toml"
    texts.write_text('id = "ex98"\ntitle = "declared"\n\n[questions.q1]\ntitle = "add one"\n'
                     'hint = """\\\nx plus \\\none"""\nnot_attempted = "fill in x"\n')
    declared = ExerciseSet.declared(texts)

    @declared.question("q1")
    def add_one(answer, x):
        if answer != x + 1:
            raise Wrong("answer should be x + 1")

    assert (declared.set_id, declared.title) == ("ex98", "declared")
    assert (add_one.title, add_one.hint_text) == ("add one", "x plus one")
    assert add_one.evaluate(answer=..., x=1).message == "fill in x"
    assert add_one.evaluate(answer=2, x=1).outcome is Outcome.PASSED
    assert declared.undeclared() == []


def test_a_question_without_declared_words_is_refused_and_a_mismatch_is_listed(tmp_path):
    texts = tmp_path / "ex97.toml"
    texts.write_text('id = "ex97"\ntitle = "t"\n[questions.q1]\ntitle = "a"\nhint = "b"\n')
    declared = ExerciseSet.declared(texts)
    with pytest.raises(ValueError, match="ex97.q2 has no declared title or hint"):
        declared.question("q2")
    assert declared.undeclared() == ["ex97.q1 is declared but has no check"]
    declared.question("q3", "an inline title", hint="an inline hint")(lambda answer: None)
    assert declared.undeclared() == ["ex97.q1 is declared but has no check",
                                     "ex97.q3 has a check but no declared texts"]
