"""Exercise notebooks generated from solution notebooks.

``solutions/NN_name.md`` is the single source of truth of an exercise set.
The exercise notebook is derived from it deterministically:

* a code cell tagged ``solution`` keeps its leading comment lines (the
  instruction) and each top-level assignment becomes ``name = ...``, a
  placeholder the learner replaces; every other statement is dropped;
* a cell tagged ``solution-only`` (an explanation of the answer) is dropped;
* in the first heading, "Solutions" becomes "Exercises", and MyST labels
  ``(solutions-...)=`` become ``(exercises-...)=``.

The exercise gets the setup cell of :mod:`paramlab.setup_cell` for its own
path; :mod:`paramlab.pairs` writes the ``.ipynb`` pairs.
"""

from __future__ import annotations

import ast
import copy
import re
from pathlib import Path

import jupytext
import nbformat

from ..pairs import Difference, ipynb_text, md_text
from ..setup_cell import setup_source, with_setup_cell

__all__ = ["exercise_from_solution", "generate_exercises", "stub_for"]

PLACEHOLDER_NOTE = "# Replace each ... below with your code."


def stub_for(source: str) -> str:
    """The exercise version of a solution cell: its instruction comments and ``name = ...`` stubs."""
    tree = ast.parse(source)
    lines = source.splitlines()
    first_code = tree.body[0].lineno - 1 if tree.body else len(lines)
    header = [line for line in lines[:first_code] if line.strip().startswith("#")]
    names: list[str] = []
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store) and sub.id not in names:
                    names.append(sub.id)
    if not names:
        raise ValueError("a cell tagged 'solution' must assign at least one name, e.g. `answer = ...`")
    body = [PLACEHOLDER_NOTE] + [f"{name} = ..." for name in names]
    return "\n".join(header + body)


def exercise_from_solution(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The exercise notebook derived from a solution notebook (a new object)."""
    nb = copy.deepcopy(notebook)
    cells = []
    heading_done = False
    for cell in nb.cells:
        tags = list(cell.metadata.get("tags", []))
        if "solution-only" in tags:
            continue
        if cell.cell_type == "code" and "solution" in tags:
            cell.source = stub_for(cell.source)
            tags.remove("solution")
            tags.append("exercise")
            cell.metadata["tags"] = tags
        if cell.cell_type == "markdown":
            cell.source = re.sub(r"^\((solutions)-", "(exercises-", cell.source, flags=re.M)
            cell.source = re.sub(r"\{ref\}`([^`<]*?)<solutions-", r"{ref}`\1<exercises-", cell.source)
            if not heading_done and re.search(r"^# ", cell.source, flags=re.M):
                cell.source = re.sub(r"^(# .*?)Solutions", r"\1Exercises", cell.source, count=1, flags=re.M)
                heading_done = True
        cells.append(cell)
    nb.cells = cells
    return nb


def generate_exercises(root: Path, check: bool = False) -> list[Difference]:
    """Write (or, with ``check``, only compare) ``exercises/*`` from ``solutions/*.md``."""
    differences: list[Difference] = []
    for solution in sorted((root / "solutions").glob("[0-9][0-9]_*.md")):
        exercise = exercise_from_solution(jupytext.read(solution))
        exercise_md = root / "exercises" / solution.name
        exercise = with_setup_cell(exercise, setup_source(root, exercise_md, exercise))
        targets = {
            root / "exercises" / solution.name: md_text(exercise),
            root / "exercises" / solution.with_suffix(".ipynb").name: ipynb_text(exercise),
        }
        for path, text in targets.items():
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == text:
                continue
            if check:
                differences.append(Difference(path, "missing" if current is None else
                                              f"differs from what {solution.relative_to(root)} generates"))
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return differences
