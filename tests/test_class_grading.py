"""A teacher grades a folder of submissions: good, wrong, broken and forging notebooks, one command.

`paramlab grade --jobs 2 --out DIR submissions/` must grade every notebook in its own kernel, keep
going past broken files, decide every verdict outside the learner's kernel, and write a gradebook
that is read back here file by file."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import ROOT, run_paramlab

EXERCISE = ROOT / "exercises" / "01_parameters_vs_hyperparameters.ipynb"
SOLUTION = ROOT / "solutions" / "01_parameters_vs_hyperparameters.ipynb"
QUIZ = ROOT / "solutions" / "13_cheat_sheet_and_interview.ipynb"

pytestmark = pytest.mark.slow


def code(source: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source}


def notebook(base: Path, *, replace: dict[str, str] | None = None, before_first_check: str | None = None,
             drop: str | None = None) -> dict:
    """``base`` with code cells replaced (marker -> new source), one cell added before the first
    check cell, or the cell holding ``drop`` removed."""
    data = json.loads(base.read_text())
    cells = []
    added = False
    for cell in data["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and drop and drop in source:
            continue
        if cell["cell_type"] == "code" and before_first_check and not added and ".check(" in source:
            cells.append(code(before_first_check))
            added = True
        for marker, new in (replace or {}).items():
            if cell["cell_type"] == "code" and marker in source:
                cell = {**cell, "source": new}
        cells.append(cell)
    data["cells"] = cells
    return data


FORGE_EVALUATE = """from paramlab.grading.core import Question
from paramlab.grading.outcomes import Outcome, Result
Question.evaluate = lambda self, **answers: Result(self.set_id, self.name, self.title, Outcome.PASSED, "well done")
Question.check = lambda self, **answers: print("passed")
"""
FORGE_RECORDS = """import json, os
for q in ("q1", "q2", "q3", "q4", "q5"):
    target = os.environ.get("PARAMLAB_RESULTS") or "results.jsonl"
    with open(target, "a") as f:
        f.write(json.dumps({"kind": "check", "notebook": os.path.abspath("01_records.ipynb"), "set": "ex01",
                            "question": q, "outcome": "passed", "message": "well done"}) + "\\n")
print("PARAMLAB_RESULTS" in os.environ)
"""
FORGE_PICKLE = """import base64, os, pickle
import paramlab.grading.capture as capture
from IPython.display import display
class Payload:
    def __reduce__(self):
        return (os.system, ("touch PWNED",))
capture.pack = lambda values: display({capture.MIME: base64.b64encode(pickle.dumps({k: Payload() for k in values})).decode()}, raw=True)
"""
FORGE_CLASS = """class Always(int):
    def __eq__(self, other):
        return True
    __hash__ = int.__hash__
n_learned = Always(0)
"""


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    subs = root / "submissions"
    learners = {
        "alice": {"01_parameters_vs_hyperparameters.ipynb": notebook(SOLUTION),
                  "13_cheat_sheet_and_interview.ipynb": notebook(QUIZ)},
        "bob": {"01_parameters_vs_hyperparameters.ipynb": notebook(
            EXERCISE, replace={"hyperparameter_names = ...": "hyperparameter_names = {'C', 'coef_'}\n"})},
        "carol": {"01_broken.ipynb": '{"cells": [', "notes.ipynb": "[]",
                  "01_parameters_vs_hyperparameters.ipynb": notebook(EXERCISE, drop="ex01.q3.check(")},
        "dave": {"01_evaluate.ipynb": notebook(EXERCISE, before_first_check=FORGE_EVALUATE),
                 "01_records.ipynb": notebook(EXERCISE, before_first_check=FORGE_RECORDS),
                 "01_edited.ipynb": notebook(SOLUTION, replace={
                     "ex01.q4.check(": "ex01.q4.check(best_depth=best_depth, X_train=X_train, y_train=y_train,\n"
                                       "              X_val=X_test, y_val=y_test, X_test=X_test, y_test=y_test)"})},
        "eve": {"01_pickle.ipynb": notebook(SOLUTION, before_first_check=FORGE_PICKLE),
                "01_class.ipynb": notebook(SOLUTION, replace={"n_learned = model": FORGE_CLASS}),
                "01_exit.ipynb": notebook(SOLUTION, replace={"hyperparameter_names = {": "import os\nos._exit(0)\n"}),
                "01_loop.ipynb": notebook(SOLUTION, replace={"hyperparameter_names = {": "while True:\n    pass\n"})},
    }
    for learner, files in learners.items():
        for name, content in files.items():
            path = subs / learner / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content if isinstance(content, str) else json.dumps(content))
    before = {p: p.read_bytes() for p in subs.rglob("*") if p.is_file()}
    out = root / "gradebook"
    run = run_paramlab("grade", "--jobs", "2", "--timeout", "10", "--out", str(out), str(subs), cwd=root, timeout=600)
    after = {p: p.read_bytes() for p in subs.rglob("*") if p.is_file() and p in before}
    rows = list(csv.DictReader((out / "gradebook.csv").open()))
    return {"root": root, "run": run, "out": out, "rows": rows, "unchanged": before == after}


def outcome(classroom, learner, notebook_name, question):
    found = [r for r in classroom["rows"] if r["learner"] == learner and Path(r["notebook"]).name == notebook_name
             and r["question"] == question]
    assert len(found) == 1, (learner, notebook_name, question, classroom["run"].stdout)
    return found[0]["outcome"], found[0]["message"]


def test_the_run_keeps_going_past_broken_files_and_never_writes_a_submission(classroom):
    run = classroom["run"]
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "01_broken.ipynb: not a valid notebook: the JSON is broken" in run.stderr
    assert "notes.ipynb: not a valid notebook" in run.stderr
    assert classroom["unchanged"]
    assert not list(classroom["root"].rglob("PWNED")), "a forged pickle ran code in the grader"


@pytest.mark.parametrize("learner, name, expected", [
    ("alice", "01_parameters_vs_hyperparameters.ipynb", ["passed"] * 5),
    ("alice", "13_cheat_sheet_and_interview.ipynb", None),  # every question passed, however many
    ("bob", "01_parameters_vs_hyperparameters.ipynb", ["not attempted", "wrong"] + ["not attempted"] * 3),
    ("carol", "01_parameters_vs_hyperparameters.ipynb", ["not attempted"] * 2 + ["missing"] + ["not attempted"] * 2),
    ("dave", "01_evaluate.ipynb", ["not attempted"] * 5),      # replaced Question.evaluate and .check: no effect
    ("dave", "01_records.ipynb", ["not attempted"] * 5),       # forged records: nothing reads them
    ("dave", "01_edited.ipynb", ["passed"] * 3 + ["edited", "passed"]),  # X_val=X_test in the check cell
    ("eve", "01_pickle.ipynb", ["error"] * 5),                 # a crafted pickle is refused, never run
    ("eve", "01_class.ipynb", ["error"] + ["passed"] * 4),     # a value of the notebook's own class
    ("eve", "01_exit.ipynb", ["passed"] + ["not run"] * 4),  # the kernel exits: nothing after it runs
    ("eve", "01_loop.ipynb", ["passed"] + ["not run"] * 4),  # a cell that never ends
])
def test_every_submission_gets_the_verdicts_it_earned(classroom, learner, name, expected):
    mine = [r for r in classroom["rows"] if r["learner"] == learner and Path(r["notebook"]).name == name]
    got = [r["outcome"] for r in mine]
    if expected is None:
        assert got and set(got) == {"passed"}, mine
    else:
        assert got == expected, mine


def test_the_forging_attempts_are_reported_for_what_they_are(classroom):
    assert "restore it exactly: ex01.q4.check(" in outcome(classroom, "dave", "01_edited.ipynb", "q4")[1]
    assert "not graded" in outcome(classroom, "eve", "01_pickle.ipynb", "q1")[1]
    assert "__main__.Always" in outcome(classroom, "eve", "01_class.ipynb", "q1")[1]
    assert "(`import os`) failed first: the kernel died" in outcome(classroom, "eve", "01_exit.ipynb", "q2")[1]
    loop = outcome(classroom, "eve", "01_loop.ipynb", "q3")[1]
    assert "did not run: Cell" in loop and "(`while True:`) failed first: Timeout of 10 seconds" in loop


def test_the_gradebook_json_agrees_with_the_csv(classroom):
    data = json.loads((classroom["out"] / "gradebook.json").read_text())
    assert set(data["learners"]) == {"alice", "bob", "carol", "dave", "eve"}
    for learner, entry in data["learners"].items():
        mine = [r for r in classroom["rows"] if r["learner"] == learner]
        assert entry["total"] == len(mine) and entry["score"] == sum(int(r["points"]) for r in mine)
    assert data["learners"]["bob"]["score"] == 0 and data["learners"]["alice"]["score"] == data["learners"]["alice"]["total"]


def test_broken_files_are_in_the_gradebook_with_their_problem(classroom):
    broken = [r for r in classroom["rows"] if Path(r["notebook"]).name == "01_broken.ipynb"]
    assert len(broken) == 1 and broken[0]["outcome"] == "error" and "JSON is broken" in broken[0]["message"]


def test_junit_xml_has_one_case_per_question_and_a_failure_for_each_wrong_one(classroom):
    tree = ElementTree.parse(classroom["out"] / "junit.xml").getroot()
    suites = {s.get("name"): s for s in tree.iter("testsuite")}
    bob = suites["bob/01_parameters_vs_hyperparameters.ipynb"]
    assert bob.get("tests") == "5" and bob.get("failures") == "1" and bob.get("skipped") == "4"
    assert [c.get("name").split()[0] for c in bob.iter("testcase")] == ["q1", "q2", "q3", "q4", "q5"]
    alice = suites["alice/01_parameters_vs_hyperparameters.ipynb"]
    assert alice.get("failures") == alice.get("errors") == alice.get("skipped") == "0"
    assert len(tree.findall("testsuite")) == len({(r["learner"], r["notebook"]) for r in classroom["rows"]})


def test_gradescope_results_have_a_test_per_question(classroom):
    for learner in ("alice", "bob", "carol", "dave", "eve"):
        results = json.loads((classroom["out"] / "gradescope" / learner / "results.json").read_text())
        mine = [r for r in classroom["rows"] if r["learner"] == learner]
        assert len(results["tests"]) == results["max_score"] == len(mine)
        assert results["score"] == sum(t["score"] for t in results["tests"]) == sum(int(r["points"]) for r in mine)
        assert {t["status"] for t in results["tests"]} <= {"passed", "failed"}


def test_the_class_table_has_one_line_per_notebook_and_a_total_per_learner(classroom):
    stdout = classroom["run"].stdout
    assert stdout.count(" total ") == 5
    assert "bob" in stdout and "q2 wrong" in stdout


def test_one_learner_per_ci_job_as_github_classroom_runs_it(tmp_path):
    """GitHub Classroom runs one command per learner repository; its exit status is the verdict."""
    repo = tmp_path / "learner-repo"
    (repo / "exercises").mkdir(parents=True)
    shutil.copy(SOLUTION, repo / "exercises" / SOLUTION.name)
    run = run_paramlab("grade", "exercises/", "--out", "grading", cwd=repo, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "score: 5/5" in run.stdout
    results = json.loads((repo / "grading" / "gradescope" / "exercises" / "results.json").read_text())
    assert results["score"] == results["max_score"] == 5
    shutil.copy(EXERCISE, repo / "exercises" / SOLUTION.name)
    assert run_paramlab("grade", "exercises/", cwd=repo, timeout=300).returncode == 1
