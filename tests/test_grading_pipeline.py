"""The grading pipeline's seams: records, the set registry, the dependency direction."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT, run_pytest_on
from paramlab.grading import records
from paramlab.grading.outcomes import Outcome
from paramlab.grading.records import Record
from paramlab.grading.registry import load_set, set_id_for
from paramlab.grading.report import NotebookScore, QuestionScore


def test_records_round_trip_through_the_one_writer_and_reader(tmp_path):
    path = tmp_path / "run.jsonl"
    written = [Record.check("/nb.ipynb", "ex01", "q1", "wrong", "not 31"),
               Record.failed_cell("/nb.ipynb", 3, "NameError: x")]
    for record in written:
        records.append(path, record)
    with open(path, "a") as handle:
        handle.write('{"torn": \n')  # a line cut short by a killed kernel is skipped, not fatal
    assert records.read(path) == written
    assert records.read(tmp_path / "absent.jsonl") == []


def test_the_registry_finds_the_course_sets_through_the_entry_point():
    assert load_set("ex01").set_id == "ex01"
    assert set_id_for("07_random_forests.ipynb") == "ex07" and set_id_for("notes.ipynb") is None
    with pytest.raises(KeyError, match="there is no exercise set ex99"):
        load_set("ex99")
    with pytest.raises(KeyError, match="not an exercise set name"):
        load_set("../etc")


def test_a_score_survives_the_trip_from_the_plugin_to_the_command():
    score = NotebookScore("a.ipynb", "ex01", "Title", [QuestionScore("q1", "t", Outcome.NOT_RUN, "m")], ["p"])
    assert NotebookScore.from_dict(score.to_dict()) == score


def test_the_grading_framework_imports_no_course():
    for module in sorted((ROOT / "paramlab" / "grading").glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.ImportFrom):
                name = ("." * node.level) + (node.module or "")
                assert "checks" not in name.split("."), f"{module.name} imports {name}"
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("paramlab.checks") for a in node.names), module.name


def test_nbval_still_collects_cells_as_the_class_the_plugin_recognises(tmp_path):
    """Loud when nbval changes: the plugin tells notebook cells apart by nbval.plugin.IPyNbCell."""
    import nbformat
    from nbval.plugin import IPyNbCell

    from paramlab.grading.plugin import _is_nbval_cell

    notebook = tmp_path / "one.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), notebook)
    run = run_pytest_on("--collect-only", "-q", "--nbval-lax", str(notebook), cwd=tmp_path)
    assert "one.ipynb::Cell 0" in run.stdout, run.stdout
    assert issubclass(IPyNbCell, __import__("pytest").Item)
    assert not _is_nbval_cell(object())


CANONICAL = "ex01.q3.check(n_nodes_shallow=n_nodes_shallow, n_nodes_deep=n_nodes_deep, effect=effect,\n" \
            "              X_train=X_train, y_train=y_train)"


@pytest.mark.parametrize("source, canonical", [
    (CANONICAL, True),
    ("# my check\n" + CANONICAL.replace(",\n              ", ", "), True),  # comments and layout do not matter
    (CANONICAL.replace("effect=effect", "effect='more nodes'"), False),
    (CANONICAL.replace("X_train=X_train", "X_train=X_val"), False),
    (CANONICAL.replace(", y_train=y_train", ""), False),
    (CANONICAL + "\nprint('done')", False),
    (CANONICAL.replace("ex01.q3", "ex01.q2"), False),
    ("ex01.q3.check(*args)", False),
    ("ex01.q3.check(", False),
])
def test_a_check_cell_counts_only_when_it_is_the_exercises_call(source, canonical):
    from paramlab.grading.report import is_canonical_check

    arguments = load_set("ex01").questions["q3"].arguments
    assert is_canonical_check(source, "ex01", "q3", arguments) is canonical


def test_every_check_cell_of_every_exercise_is_the_canonical_call():
    from paramlab.grading.report import canonical_check_cells, check_calls, code_cells, infer_set

    for notebook in sorted((ROOT / "exercises").glob("*.ipynb")):
        cells = code_cells(notebook)
        exercise_set = load_set(infer_set(notebook, cells))
        calls = check_calls(cells)
        assert set(calls) == set(exercise_set.questions), notebook.name
        assert sorted(canonical_check_cells(cells, exercise_set)) == sorted(calls.values()), notebook.name
