"""Grading many notebooks: find the submissions, grade each in its own kernel, N at a time.

A folder given to ``paramlab grade`` is searched for notebooks; a notebook at
``FOLDER/<learner>/.../NN_*.ipynb`` belongs to ``<learner>``, one directly in
``FOLDER`` (or given as a file) to the folder it is in. Each notebook is graded
by :func:`paramlab.grading.runner.grade_notebook` in a worker process of its
own pool slot, so a crash, a hang or a forged value in one submission cannot
change another's score; a worker that dies is replaced and the notebook it held
is reported, not lost.
"""

from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from .report import NotebookScore

__all__ = ["Submission", "find_submissions", "problem_with", "grade_all"]


@dataclass(frozen=True)
class Submission:
    learner: str
    path: Path


def problem_with(path: Path) -> str | None:
    """Why ``path`` cannot be graded, or None when it is a readable notebook."""
    if not path.exists():
        return "no such file"
    if path.suffix != ".ipynb":
        hint = " (grade the paired .ipynb instead)" if path.suffix == ".md" else ""
        return f"not a Jupyter notebook: expected a .ipynb file{hint}"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return "not a Jupyter notebook: the file is not text"
    except json.JSONDecodeError as exc:
        return f"not a valid notebook: the JSON is broken at line {exc.lineno}, column {exc.colno}"
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return "not a valid notebook: it has no list of cells"
    return None


def find_submissions(paths: list[Path]) -> list[Submission]:
    """Every notebook the paths name, with its learner, in a stable order (checkpoints skipped)."""
    found = []
    for path in paths:
        if path.is_dir():
            for notebook in sorted(path.rglob("*.ipynb")):
                relative = notebook.relative_to(path)
                if ".ipynb_checkpoints" in relative.parts:
                    continue
                learner = relative.parts[0] if len(relative.parts) > 1 else path.resolve().name
                found.append(Submission(learner, notebook))
        else:
            found.append(Submission(path.resolve().parent.name, path))
    return found


def _grade_one(path: str, timeout: float, limit: float) -> dict:
    from .runner import grade_notebook

    return grade_notebook(Path(path), timeout=timeout, limit=limit).to_dict()


def _unreadable(submission: Submission, why: str) -> NotebookScore:
    score = NotebookScore(str(submission.path), None)
    score.problems.append(why)
    return score


def grade_all(submissions: list[Submission], *, jobs: int = 1, timeout: float = 60,
              limit: float = 600) -> list[NotebookScore]:
    """The score of every submission, in order; unreadable files get a score with their problem."""
    scores: dict[int, NotebookScore] = {}
    todo = []
    for i, submission in enumerate(submissions):
        why = problem_with(submission.path)
        if why:
            scores[i] = _unreadable(submission, why)
        else:
            todo.append(i)
    if jobs <= 1 or len(todo) <= 1:
        from .runner import grade_notebook

        for i in todo:
            try:
                scores[i] = grade_notebook(submissions[i].path, timeout=timeout, limit=limit)
            except Exception as error:  # noqa: BLE001 - one submission's failure stays its own
                scores[i] = _unreadable(submissions[i], f"grading stopped: {type(error).__name__}: {error}")
        return [scores[i] for i in range(len(submissions))]
    context = multiprocessing.get_context("spawn")  # no state shared with this process or between workers
    while todo:
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=context) as pool:
            futures = {i: pool.submit(_grade_one, str(submissions[i].path), timeout, limit) for i in todo}
            broken = []
            for i, future in futures.items():
                try:
                    scores[i] = NotebookScore.from_dict(future.result())
                except BrokenProcessPool:
                    broken.append(i)
                except Exception as error:  # noqa: BLE001 - one submission's failure stays its own
                    scores[i] = _unreadable(submissions[i], f"grading stopped: {type(error).__name__}: {error}")
        if len(broken) == len(todo):  # the pool died on every one: grade them one by one, alone
            for i in broken:
                try:
                    with ProcessPoolExecutor(max_workers=1, mp_context=context) as alone:
                        scores[i] = NotebookScore.from_dict(
                            alone.submit(_grade_one, str(submissions[i].path), timeout, limit).result())
                except Exception as error:  # noqa: BLE001
                    scores[i] = _unreadable(submissions[i], f"grading stopped: {type(error).__name__}: {error}")
            broken = []
        todo = broken
    return [scores[i] for i in range(len(submissions))]
