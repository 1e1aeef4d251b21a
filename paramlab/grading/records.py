"""The records of a grading run: one type, one writer, one reader.

A run appends JSON lines to the file named by ``PARAMLAB_RESULTS``:

* a **check** record, written by the kernel each time a check runs
  (``Question.check``): which notebook, set and question, the outcome and its
  message;
* a **cell** record, written by the pytest plugin for each notebook cell that
  ran (nbval's cell number; for a cell that raised, the telling line of its
  error), so a learner's ``NameError`` or ``SyntaxError`` is reported against
  its question, and a check cell that ran without recording a check (its
  check was replaced) is told apart from one that never ran.

:func:`append` is the only writer and :func:`read` the only reader; the scorer
(:mod:`paramlab.grading.report`) turns a run's records into scores.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

__all__ = ["Record", "append", "read"]


@dataclass(frozen=True)
class Record:
    """One line of a run: ``kind`` is ``"check"`` or ``"cell"``; the other fields belong to one kind."""

    kind: str
    notebook: str
    set: str = ""
    question: str = ""
    outcome: str = ""
    message: str = ""
    cell: int = -1
    error: str = ""

    @classmethod
    def check(cls, notebook: str, set_id: str, question: str, outcome: str, message: str) -> "Record":
        return cls("check", notebook, set=set_id, question=question, outcome=outcome, message=message)

    @classmethod
    def failed_cell(cls, notebook: str, cell: int, error: str) -> "Record":
        return cls("cell", notebook, cell=cell, error=error)

    @classmethod
    def ran_cell(cls, notebook: str, cell: int) -> "Record":
        return cls("cell", notebook, cell=cell)


_FIELDS = {f.name for f in fields(Record)}


def append(path: str | Path, record: Record) -> None:
    """Append ``record`` to the run's file (one JSON line; the file is created when missing)."""
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(asdict(record)) + "\n")


def read(path: str | Path) -> list[Record]:
    """Every record of the run's file, in order; a missing file or a torn line reads as nothing."""
    path = Path(path)
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict) and "kind" in data and "notebook" in data:
            records.append(Record(**{k: v for k, v in data.items() if k in _FIELDS}))
    return records
