"""Turn the recorded outcomes of a grading run into per-notebook score tables.

Records come from two places, both appended as JSON lines to the file named by
``PARAMLAB_RESULTS``: the kernel writes one per check call, and the pytest
plugin writes one per notebook cell that raised (so a learner's ``NameError``
or ``SyntaxError`` is reported against its question, and a check cell that was
deleted is reported as missing). Nothing here reads or writes the notebook
except to list which check calls it contains.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import load_set, set_id_for

__all__ = ["QuestionScore", "NotebookScore", "read_records", "check_calls", "score_notebook", "format_scores"]

CHECK_CALL = re.compile(r"\b(ex\d\d)\.(q\d+)\.check\s*\(")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class QuestionScore:
    name: str
    title: str
    status: str
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "passed"


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


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


def read_records(path: Path) -> list[dict]:
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return records


def check_calls(cells: list[tuple[int, str]]) -> dict[str, int]:
    """Question name -> index of the first code cell that calls its check."""
    found: dict[str, int] = {}
    for index, source in cells:
        for _set, question in CHECK_CALL.findall(source):
            found.setdefault(question, index)
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


def score_notebook(notebook_path: Path, records: list[dict]) -> NotebookScore:
    """The score of one notebook from the run's records."""
    cells = code_cells(notebook_path)
    set_id = infer_set(notebook_path, cells)
    key = str(notebook_path.resolve())
    mine = [r for r in records if r.get("notebook") == key]
    result = NotebookScore(str(notebook_path), set_id)
    if set_id is None:
        result.problems.append("this notebook calls no paramlab check and its name does not start with NN_")
        return result
    try:
        exercise_set = load_set(set_id)
    except KeyError as exc:
        result.problems.append(str(exc.args[0]))
        return result
    result.title = exercise_set.title
    calls = check_calls(cells)
    checks = {r["question"]: r for r in mine if r.get("kind", "check") == "check" and r.get("set") == set_id}
    cell_errors = {r["cell"]: r for r in mine if r.get("kind") == "cell"}
    for name, question in exercise_set.questions.items():
        if name in checks:
            rec = checks[name]
            result.questions.append(QuestionScore(name, question.title, rec["outcome"], rec.get("message", "")))
        elif name not in calls:
            result.questions.append(QuestionScore(
                name, question.title, "missing",
                f"no cell calls {set_id}.{name}.check(...): was the check cell deleted?"))
        elif calls[name] in cell_errors:
            err = cell_errors[calls[name]]
            result.questions.append(QuestionScore(name, question.title, "error", err["error"]))
        else:
            result.questions.append(QuestionScore(name, question.title, "not run",
                                                  "its check cell did not run (an earlier cell timed out?)"))
    check_cells = set(calls.values())
    sources = dict(cells)
    for cell, err in sorted(cell_errors.items()):
        if cell not in check_cells:
            first = next((line.strip() for line in sources.get(cell, "").splitlines()
                          if line.strip() and not line.strip().startswith("#")), "")
            where = f"code cell {cell + 1} (`{first[:50]}`)" if first else f"code cell {cell + 1}"
            result.problems.append(f"{where} failed: {err['error']}")
    return result


def format_scores(scores: list[NotebookScore]) -> str:
    """Plain-text tables, one per notebook, and a total."""
    lines: list[str] = []
    grand_passed = grand_total = 0
    for score in scores:
        header = f"{score.path}" + (f"  [{score.set_id}: {score.title}]" if score.title else "")
        lines.append(header)
        width = max((len(q.title) for q in score.questions), default=10)
        for q in score.questions:
            message = f"  {q.message}" if q.message and not q.passed else ""
            lines.append(f"  {q.name:<4} {q.title:<{width}}  {q.status:<13}{message}")
        for problem in score.problems:
            lines.append(f"  ! {problem}")
        lines.append(f"  score: {score.passed}/{score.total}")
        lines.append("")
        grand_passed += score.passed
        grand_total += score.total
    if len(scores) > 1:
        lines.append(f"total: {grand_passed}/{grand_total}")
    return "\n".join(lines).rstrip() + "\n"
