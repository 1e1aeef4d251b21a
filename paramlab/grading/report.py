"""Score a notebook from the records of its grading run (:mod:`paramlab.grading.records`).

Each question of the notebook's set gets one outcome: the recorded check's, or
``missing`` (no cell calls its check), ``edited`` (its check cell is not the
call the exercise gives: ``exNN.qK.check(a=a, b=b)``), ``error`` (its check
cell raised) or ``not run`` (its check cell never ran). The set is found through the registry
(:mod:`paramlab.grading.registry`); the notebook is only read, to list its
check calls. :mod:`paramlab.grading.display` renders the scores.
"""

from __future__ import annotations

import ast
import json
import re
from typing import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .core import ExerciseSet
from .outcomes import Outcome
from .records import Record
from .registry import load_set, set_id_for

__all__ = ["QuestionScore", "NotebookScore", "check_calls", "canonical_check_cells", "is_canonical_check",
           "score_notebook", "strip_ansi"]

CHECK_CALL = re.compile(r"\b(ex\d\d)\.(q\d+)\.check\s*\(")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class QuestionScore:
    name: str
    title: str
    status: Outcome
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.status is Outcome.PASSED


@dataclass
class NotebookScore:
    path: str
    set_id: str | None
    title: str = ""
    questions: list[QuestionScore] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(q.passed for q in self.questions)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def all_passed(self) -> bool:
        return self.total > 0 and self.passed == self.total

    def to_dict(self) -> dict:
        return {"path": self.path, "set_id": self.set_id, "title": self.title, "problems": self.problems,
                "questions": [{"name": q.name, "title": q.title, "status": q.status.value, "message": q.message}
                              for q in self.questions]}

    @classmethod
    def from_dict(cls, data: dict) -> "NotebookScore":
        questions = [QuestionScore(q["name"], q["title"], Outcome(q["status"]), q["message"])
                     for q in data["questions"]]
        return cls(data["path"], data["set_id"], data["title"], questions, list(data["problems"]))


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


def check_calls(cells: list[tuple[int, str]]) -> dict[str, int]:
    """Question name -> index of the first code cell that calls its check."""
    found: dict[str, int] = {}
    for index, source in cells:
        for _set, question in CHECK_CALL.findall(source):
            found.setdefault(question, index)
    return found


def is_canonical_check(source: str, set_id: str, question: str, arguments: list[str]) -> bool:
    """Whether ``source`` is exactly the exercise's check cell: ``set.question.check(a=a, ...)``,
    each argument once, passed by its own name, and nothing else in the cell (comments aside)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr) or not isinstance(tree.body[0].value, ast.Call):
        return False
    call = tree.body[0].value
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "check" and isinstance(func.value, ast.Attribute)
            and func.value.attr == question and isinstance(func.value.value, ast.Name)
            and func.value.value.id == set_id) or call.args:
        return False
    given = [(k.arg, k.value.id if isinstance(k.value, ast.Name) else None) for k in call.keywords]
    return sorted(given) == sorted((a, a) for a in arguments)


def canonical_check_cells(cells: list[tuple[int, str]], exercise_set: ExerciseSet) -> dict[int, str]:
    """Cell index -> question, for each question's check cell that is exactly the exercise's."""
    found = {}
    for question, index in check_calls(cells).items():
        q = exercise_set.questions.get(question)
        if q is not None and is_canonical_check(dict(cells)[index], exercise_set.set_id, question, q.arguments):
            found[index] = question
    return found


def code_cells(notebook_path: Path) -> list[tuple[int, str]]:
    """(nbval cell number, source) for every code cell, read without modifying the file."""
    data = json.loads(notebook_path.read_text(encoding="utf-8"))
    cells = [c for c in data.get("cells", []) if c.get("cell_type") == "code"]
    out = []
    for index, cell in enumerate(cells):
        source = cell.get("source", "")
        out.append((index, "".join(source) if isinstance(source, list) else source))
    return out


def infer_set(notebook_path: Path, cells: list[tuple[int, str]]) -> str | None:
    for _index, source in cells:
        match = CHECK_CALL.search(source) or re.search(r"import\s+(ex\d\d)\b", source)
        if match:
            return match.group(1)
    return set_id_for(notebook_path.name)


def score_notebook(notebook_path: Path, records: list[Record],
                   find_set: Callable[[str], ExerciseSet] = load_set) -> NotebookScore:
    """The score of one notebook from the run's records."""
    cells = code_cells(notebook_path)
    set_id = infer_set(notebook_path, cells)
    key = str(notebook_path.resolve())
    mine = [r for r in records if r.notebook == key]
    result = NotebookScore(str(notebook_path), set_id)
    if set_id is None:
        result.problems.append("this notebook calls no paramlab check and its name does not start with NN_")
        return result
    try:
        exercise_set = find_set(set_id)
    except KeyError as exc:
        result.problems.append(str(exc.args[0]))
        return result
    result.title = exercise_set.title
    calls = check_calls(cells)
    checks = {r.question: r for r in mine if r.kind == "check" and r.set == set_id}
    ran = {r.cell: r for r in mine if r.kind == "cell"}
    sources = dict(cells)

    def where(cell: int) -> str:  # nbval's numbering, as in pytest's own lines ("Cell 6")
        if cell < 0:
            return "the kernel"
        first = next((line.strip() for line in sources.get(cell, "").splitlines()
                      if line.strip() and not line.strip().startswith("#")), "")
        return f"Cell {cell} (`{first[:50]}`)" if first else f"Cell {cell}"

    failed = sorted(cell for cell, rec in ran.items() if rec.error)
    canonical = canonical_check_cells(cells, exercise_set)

    def previous_check(cell: int) -> int:
        return max((c for c in calls.values() if c < cell), default=-1)

    for name, question in exercise_set.questions.items():
        def score(outcome: Outcome, message: str) -> None:
            result.questions.append(QuestionScore(name, question.title, outcome, message))

        call = f"{set_id}.{name}.check({', '.join(f'{a}={a}' for a in question.arguments)})"
        if name not in calls:
            score(Outcome.MISSING, f"no cell calls {set_id}.{name}.check(...): was the check cell deleted? "
                                   f"Restore it: {call}")
        elif calls[name] not in canonical:
            score(Outcome.EDITED, f"{where(calls[name])} is not the check cell the exercise gives; "
                                  f"restore it exactly: {call}")
        elif name in checks:
            score(Outcome(checks[name].outcome), checks[name].message)
        elif calls[name] in ran and ran[calls[name]].error:
            earlier = [c for c in failed if previous_check(calls[name]) < c < calls[name]]
            cause = f" ({where(earlier[-1])} failed first: {ran[earlier[-1]].error})" if earlier else ""
            score(Outcome.ERROR, ran[calls[name]].error + cause)
        elif calls[name] in ran:
            score(Outcome.ERROR, f"its check cell ran but no check was recorded: {set_id} or "
                                 f"{set_id}.{name}.check was replaced; run the check cell as the exercise gives it")
        else:
            before = [c for c in failed if c < calls[name]]
            why = f"{where(before[-1])} failed first: {ran[before[-1]].error}" if before else \
                "the run stopped before it"
            score(Outcome.NOT_RUN, f"its check cell, {where(calls[name])}, did not run: {why}")
    check_cells = set(calls.values())
    for cell in failed:
        if cell not in check_cells:
            result.problems.append(f"{where(cell)} failed: {ran[cell].error}")
    return result
