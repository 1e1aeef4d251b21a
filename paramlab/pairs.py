"""Jupytext pairs: every MyST notebook source beside its ``.ipynb``, in step, without outputs.

``book/``, ``exercises/`` and ``solutions/`` hold MyST markdown notebooks (the
sources) and their ``.ipynb`` pairs (what Colab, Binder and downloads open).
:func:`sync_pairs` (``paramlab sync``) refreshes each source's setup cell and
rewrites its pair; :func:`out_of_sync` (``paramlab sync --check``, the tests)
reports what is not in step.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

from .book import is_notebook_source
from .setup_cell import setup_cell_problem, setup_source, with_setup_cell_md

__all__ = ["PAIRED_DIRS", "Difference", "md_text", "ipynb_text", "paired_sources", "out_of_sync", "sync_pairs"]


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


PAIRED_DIRS = ("book", "exercises", "solutions")


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
