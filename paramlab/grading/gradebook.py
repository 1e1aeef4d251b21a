"""The gradebook of a class run: CSV and JSON for people, JUnit XML for CI, Gradescope's results.json.

Written by ``paramlab grade --out DIR`` after every kernel of the run has
stopped, each file whole or not at all (written beside, then renamed):

* ``gradebook.csv``: one row per learner, notebook and question (learner, set,
  notebook, question, title, outcome, points, message); a notebook that could
  not be graded gets one row with its problem;
* ``gradebook.json``: the same, grouped by learner, with each learner's total;
* ``junit.xml``: one test suite per graded notebook, one test case per question
  (``failure`` for wrong, ``error`` for error / missing / edited / not run,
  ``skipped`` for not attempted);
* ``gradescope/<learner>/results.json``: Gradescope's autograder format, one
  test per question worth one point.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

from .batch import Submission
from .outcomes import Outcome
from .report import NotebookScore

__all__ = ["rows", "write_gradebook", "COLUMNS"]

COLUMNS = ("learner", "set", "notebook", "question", "title", "outcome", "points", "message")


def rows(graded: list[tuple[Submission, NotebookScore]]) -> list[dict[str, str]]:
    """One row per question of each notebook (one per notebook that could not be graded)."""
    out = []
    for submission, score in graded:
        base = {"learner": submission.learner, "set": score.set_id or "", "notebook": str(submission.path)}
        for q in score.questions:
            out.append({**base, "question": q.name, "title": q.title, "outcome": q.status.value,
                        "points": "1" if q.passed else "0", "message": "" if q.passed else q.message})
        if not score.questions:
            out.append({**base, "question": "", "title": "", "outcome": Outcome.ERROR.value, "points": "0",
                        "message": "; ".join(score.problems) or "nothing to grade"})
    return out


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _csv(table: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return buffer.getvalue()


def _by_learner(table: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in table:
        grouped[row["learner"]].append(row)
    return dict(grouped)


def _json(table: list[dict[str, str]]) -> str:
    learners = {}
    for learner, mine in _by_learner(table).items():
        learners[learner] = {"score": sum(int(r["points"]) for r in mine), "total": len(mine),
                             "questions": [{k: r[k] for k in COLUMNS if k != "learner"} for r in mine]}
    return json.dumps({"learners": learners}, indent=1) + "\n"


_JUNIT = {Outcome.WRONG.value: "failure", Outcome.NOT_ATTEMPTED.value: "skipped"}


def _junit(graded: list[tuple[Submission, NotebookScore]]) -> str:
    suites = ElementTree.Element("testsuites", name="paramlab grade")
    for submission, score in graded:
        suite = ElementTree.SubElement(suites, "testsuite", name=f"{submission.learner}/{Path(submission.path).name}")
        cases = [(q.name, q.title, q.status.value, q.message) for q in score.questions] or \
            [("notebook", "", Outcome.ERROR.value, "; ".join(score.problems) or "nothing to grade")]
        counts = defaultdict(int)
        for name, title, outcome, message in cases:
            case = ElementTree.SubElement(suite, "testcase", name=f"{name} {title}".strip(),
                                          classname=f"{submission.learner}.{score.set_id or 'notebook'}")
            if outcome != Outcome.PASSED.value:
                tag = _JUNIT.get(outcome, "error")
                counts[tag] += 1
                ElementTree.SubElement(case, tag, message=f"{outcome}: {message}")
        suite.set("tests", str(len(cases)))
        for tag, attribute in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
            suite.set(attribute, str(counts[tag]))
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _gradescope(mine: list[dict[str, str]]) -> str:
    tests = [{"name": f"{r['set']} {r['question']}: {r['title']}".strip(), "score": int(r["points"]),
              "max_score": 1, "status": "passed" if r["points"] == "1" else "failed",
              "output": f"{r['outcome']}: {r['message']}" if r["message"] else r["outcome"]} for r in mine]
    return json.dumps({"score": sum(t["score"] for t in tests), "max_score": len(tests), "tests": tests},
                      indent=1) + "\n"


def write_gradebook(folder: Path, graded: list[tuple[Submission, NotebookScore]]) -> list[Path]:
    """Write every gradebook file into ``folder``; returns their paths."""
    table = rows(graded)
    written = [folder / "gradebook.csv", folder / "gradebook.json", folder / "junit.xml"]
    _write(written[0], _csv(table))
    _write(written[1], _json(table))
    _write(written[2], _junit(graded))
    for learner, mine in _by_learner(table).items():
        path = folder / "gradescope" / learner / "results.json"
        _write(path, _gradescope(mine))
        written.append(path)
    return written
