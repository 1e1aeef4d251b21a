"""`paramlab grade` as a learner meets it: right, wrong and broken notebooks, bad paths.

Every graded notebook is hashed before and after: grading never writes to it."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_paramlab

EXERCISE = ROOT / "exercises" / "01_parameters_vs_hyperparameters.ipynb"
SOLUTION = ROOT / "solutions" / "01_parameters_vs_hyperparameters.ipynb"

pytestmark = pytest.mark.slow


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edited(tmp: Path, name: str, edit) -> Path:
    """A copy of the untouched exercise with one learner edit applied to its cells."""
    data = json.loads(EXERCISE.read_text())
    edit(data["cells"])
    path = tmp / name
    path.write_text(json.dumps(data, indent=1))
    return path


def replace_in_cell(marker: str, new_source: str):
    def edit(cells):
        cell = next(c for c in cells if c["cell_type"] == "code" and marker in "".join(c["source"]))
        cell["source"] = new_source
    return edit


def delete_cell(marker: str):
    def edit(cells):
        cells[:] = [c for c in cells if not (c["cell_type"] == "code" and marker in "".join(c["source"]))]
    return edit


def code_sources(path: Path) -> list[str]:
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


def section(stdout: str, path: Path) -> str:
    """The part of the report about one notebook."""
    start = stdout.index(str(path))
    end = stdout.find("score:", start)
    return stdout[start:stdout.find("\n", end)]


def row(report: str, question: str) -> str:
    """The line of one question in a notebook's report (fails when there is none)."""
    lines = [line for line in report.splitlines() if line.strip().startswith(question + " ")]
    assert len(lines) == 1, report
    return lines[0]


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """Five learner notebooks graded in one run (one kernel each)."""
    tmp = tmp_path_factory.mktemp("learner")
    notebooks = {
        "syntax": edited(tmp, "01_syntax.ipynb", replace_in_cell("n_learned = ...", "n_learned = (31\n")),
        "undefined": edited(tmp, "01_undefined.ipynb",
                            replace_in_cell("n_learned = ...", "n_learned = n_features + 1\n")),
        "deleted": edited(tmp, "01_deleted.ipynb", delete_cell("ex01.q3.check(")),
        "wrong": edited(tmp, "01_wrong.ipynb",
                        replace_in_cell("hyperparameter_names = ...", "hyperparameter_names = {'C', 'coef_'}\n")),
        "replaced": edited(tmp, "01_replaced.ipynb",
                           replace_in_cell("hyperparameter_names = ...",
                                           "hyperparameter_names = set()\nex01.q2.check = lambda **answers: None\n")),
    }
    before = {k: sha(p) for k, p in notebooks.items()}
    run = run_paramlab("grade", *map(str, notebooks.values()), cwd=tmp)
    after = {k: sha(p) for k, p in notebooks.items()}
    return notebooks, run, before, after


def test_untouched_exercise_scores_zero_with_a_not_attempted_line_per_question(tmp_path):
    before = sha(EXERCISE)
    run = run_paramlab("grade", str(EXERCISE), cwd=tmp_path)
    assert run.returncode == 1
    assert "score: 0/5" in run.stdout
    assert run.stdout.count("not attempted") == 5
    assert sha(EXERCISE) == before


def test_solution_scores_full_marks(tmp_path):
    run = run_paramlab("grade", str(SOLUTION), cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "score: 5/5" in run.stdout


def test_grading_never_modifies_the_learners_notebooks(broken):
    _, _, before, after = broken
    assert before == after


def test_broken_notebooks_give_a_clear_report_and_a_failing_exit(broken):
    _, run, _, _ = broken
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "total: " in run.stdout


@pytest.mark.parametrize("name, question, pieces, score", [
    ("syntax", "q1", ("SyntaxError", " error "), "0/5"),
    ("undefined", "q1", ("NameError: name 'n_features' is not defined", " error "), "0/5"),
    ("deleted", "q3", ("missing", "was the check cell deleted?"), "0/5"),
    ("wrong", "q2", (" wrong ", "learned, not set"), "0/5"),
    ("replaced", "q2", (" wrong ", "not right yet"), "0/5"),  # the grader's own check decides
])
def test_each_broken_notebook_is_reported_against_its_question(broken, name, question, pieces, score):
    notebooks, run, _, _ = broken
    report = section(run.stdout, notebooks[name])
    line = row(report, question)
    assert all(piece in line for piece in pieces), line
    assert "did not run" not in line
    assert f"score: {score}" in report


def test_a_cell_that_never_ends_times_out(tmp_path):
    notebook = edited(tmp_path, "01_loop.ipynb", replace_in_cell("n_learned = ...", "while True:\n    pass\n"))
    before = sha(notebook)
    run = run_paramlab("grade", "--timeout", "3", str(notebook), cwd=tmp_path, timeout=120)
    assert run.returncode == 1
    assert "Timeout of 3 seconds" in run.stdout
    loop_cell = next(c for c, line in enumerate(l for l in code_sources(notebook)) if "while True" in line)
    report = section(run.stdout, notebook)
    assert f"Cell {loop_cell} (`while True:`)" in row(report, "q1"), report  # nbval's numbering, as pytest's
    assert "Traceback" not in run.stdout + run.stderr
    assert sha(notebook) == before


@pytest.mark.parametrize("name, content, message", [
    ("notes.txt", "hello", "not a Jupyter notebook"),
    ("01_notes.md", "# hi", "grade the paired .ipynb instead"),
    ("01_broken.ipynb", '{"cells": [', "not a valid notebook: the JSON is broken"),
    ("01_empty.ipynb", "[]", "not a valid notebook"),
    ("missing.ipynb", None, "no such file"),
])
def test_paths_that_are_not_notebooks_are_refused_clearly(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    run = run_paramlab("grade", str(path), cwd=tmp_path)
    assert run.returncode == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    if content is not None:
        assert path.read_text() == content


def test_no_arguments_explains_the_usage(tmp_path):
    run = run_paramlab("grade", cwd=tmp_path)
    assert run.returncode == 2 and "paramlab grade exercises/01_" in run.stderr
