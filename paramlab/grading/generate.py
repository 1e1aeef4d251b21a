"""Exercise notebooks generated from solution notebooks, and jupytext pairs kept in sync.

``solutions/NN_name.md`` is the single source of truth of an exercise set.
The exercise notebook is derived from it deterministically:

* a code cell tagged ``solution`` keeps its leading comment lines (the
  instruction) and each top-level assignment becomes ``name = ...``, a
  placeholder the learner replaces; every other statement is dropped;
* a cell tagged ``solution-only`` (an explanation of the answer) is dropped;
* in the first heading, "Solutions" becomes "Exercises", and MyST labels
  ``(solutions-...)=`` become ``(exercises-...)=``.

Each MyST file is paired with an ``.ipynb`` without outputs (jupytext), and
every notebook starts with the setup cell of :mod:`paramlab.setup_cell`.
"""

from __future__ import annotations

import ast
import hashlib
import copy
import re
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

from ..setup_cell import setup_cell_problem, setup_source, with_setup_cell, with_setup_cell_md

__all__ = ["exercise_from_solution", "generate_exercises", "ipynb_text", "md_text", "stub_for",
           "sync_pairs", "out_of_sync"]

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


def md_text(notebook: nbformat.NotebookNode) -> str:
    return jupytext.writes(notebook, fmt="md:myst")


def ipynb_text(notebook: nbformat.NotebookNode) -> str:
    """The paired ``.ipynb`` text: same cells, no outputs, no execution counts."""
    nb = copy.deepcopy(notebook)
    for index, cell in enumerate(nb.cells):
        # Deterministic ids (jupytext draws random ones), so a re-sync changes nothing.
        cell["id"] = hashlib.sha1(f"{index}:{cell.cell_type}:{cell.source}".encode()).hexdigest()[:12]
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return jupytext.writes(nb, fmt="ipynb")


@dataclass
class Difference:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


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


PAIRED_DIRS = ("book", "exercises", "solutions")


def is_notebook_source(md: Path) -> bool:
    """True for a MyST *notebook* (front matter with a kernelspec); plain pages are not paired."""
    text = md.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return False
    end = text.find("\n---", 3)
    return end > 0 and "kernelspec:" in text[:end]


def paired_sources(root: Path) -> list[Path]:
    return [md for folder in PAIRED_DIRS for md in sorted((root / folder).glob("*.md"))
            if md.name.lower() != "readme.md" and is_notebook_source(md)]


def out_of_sync(root: Path) -> list[Difference]:
    """Every pair whose ``.ipynb`` does not match its ``.md`` or holds outputs."""
    problems: list[Difference] = []
    for md in paired_sources(root):
        nb = jupytext.read(md)
        problem = setup_cell_problem(nb, setup_source(root, md, nb))
        if problem:
            problems.append(Difference(md, problem))
        ipynb = md.with_suffix(".ipynb")
        if not ipynb.exists():
            problems.append(Difference(ipynb, f"missing: run `make sync` to pair {md.name}"))
            continue
        stored = nbformat.reads(ipynb.read_text(encoding="utf-8"), as_version=4)
        if any(c.get("outputs") for c in stored.cells if c.cell_type == "code"):
            problems.append(Difference(ipynb, "holds outputs: notebooks are committed without outputs"))
        if ipynb.read_text(encoding="utf-8") != ipynb_text(jupytext.read(md)):
            problems.append(Difference(ipynb, f"out of sync with {md.name}: run `make sync`"))
    for folder in PAIRED_DIRS:
        for ipynb in sorted((root / folder).glob("*.ipynb")):
            if not ipynb.with_suffix(".md").exists():
                problems.append(Difference(ipynb, "has no .md source"))
    return problems


def sync_pairs(root: Path) -> list[Path]:
    """Refresh each source's setup cell, rewrite each ``.ipynb`` from its ``.md``; returns what changed."""
    changed = []
    for md in paired_sources(root):
        source = md.read_text(encoding="utf-8")
        fresh = with_setup_cell_md(source, setup_source(root, md, jupytext.reads(source, fmt="md:myst")))
        if fresh != source:
            md.write_text(fresh, encoding="utf-8")
            changed.append(md)
        ipynb = md.with_suffix(".ipynb")
        text = ipynb_text(jupytext.reads(fresh, fmt="md:myst"))
        if not ipynb.exists() or ipynb.read_text(encoding="utf-8") != text:
            ipynb.write_text(text, encoding="utf-8")
            changed.append(ipynb)
    return changed
