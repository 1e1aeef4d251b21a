"""``make bench``: how long the course takes to execute, build and grade on this machine.

Prints, per notebook (chapters, solutions, exercises), the median of three
executions in a fresh kernel; then the cold build (empty cache) and the warm
build (nothing changed) of the whole book; then the median of five
``paramlab grade`` runs on one exercise and on one solution notebook, and one
``paramlab grade --jobs 2`` run over all exercises and over all solutions. Nothing is written into the
course's folders: notebooks are executed from memory and the cold build goes
to a temporary folder.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jupytext
from nbclient import NotebookClient

from paramlab.pairs import paired_sources
from paramlab.kernels import IsolatedAsyncKernelManager

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3
GRADE_RUNS = 5
CHAPTER_MAX, CHAPTER_MEDIAN = 15.0, 5.0  # seconds, from COURSE.md's budgets


def _execute_seconds(md: Path) -> float:
    nb = jupytext.read(md)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            kernel_manager_class=IsolatedAsyncKernelManager,
                            resources={"metadata": {"path": str(md.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def _timed(command: list[str], cwd: Path) -> tuple[float, int]:
    start = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, run.returncode


def _is_chapter(md: Path) -> bool:
    """A numbered page of the book (``book/NN_*.md``): the pages COURSE.md's budget is about."""
    return md.parent.name == "book" and md.match("[0-9][0-9]_*.md")


def _chapter_summary(seconds: list[float]) -> str:
    """The chapters' figures against COURSE.md's budget (CHAPTER_MAX each, CHAPTER_MEDIAN median)."""
    slowest, middle = max(seconds), statistics.median(seconds)
    within = "within" if slowest <= CHAPTER_MAX and middle <= CHAPTER_MEDIAN else "OVER"
    return (f"  {len(seconds)} chapters: median {middle:.2f} s (budget {CHAPTER_MEDIAN:g} s), "
            f"slowest {slowest:.2f} s (budget {CHAPTER_MAX:g} s): {within} budget")


def main() -> int:
    print(f"Execution time per notebook (median of {RUNS}, fresh kernel each):")
    chapters = []
    for md in paired_sources(ROOT):
        times = [_execute_seconds(md) for _ in range(RUNS)]
        name = str(md.relative_to(ROOT))
        print(f"  {name:<52} {statistics.median(times):6.2f} s   (min {min(times):.2f}, max {max(times):.2f})")
        if _is_chapter(md):
            chapters.append(statistics.median(times))
    print(_chapter_summary(chapters))
    jb = str(Path(sys.executable).with_name("jupyter-book"))
    with tempfile.TemporaryDirectory(prefix="paramlab-bench-") as tmp:
        copy = Path(tmp) / "course"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__"))
        pre, _ = _timed([sys.executable, "-m", "paramlab.prebuild", "--root", str(copy)], copy)
        cold, code = _timed([jb, "build", ".", "-W", "-n", "--keep-going", "-q"], copy)
        print(f"Whole book, cold (every page executed), as `make book` runs it: {pre + cold:6.1f} s "
              f"(prebuild {pre:.1f} s with 2 workers + build {cold:.1f} s; exit {code})")
        warm_times = []
        for _ in range(RUNS):
            warm, code = _timed([jb, "build", ".", "-W", "-n", "--keep-going", "-q"], copy)
            warm_times.append(warm)
        print(f"Whole book, warm (nothing changed, median of {RUNS}): {statistics.median(warm_times):6.1f} s"
              f"  (exit {code})")
    paramlab = str(Path(sys.executable).with_name("paramlab"))
    here = Path(tempfile.gettempdir())
    for folder in ("exercises", "solutions"):
        notebook = sorted((ROOT / folder).glob("*.ipynb"))[0]
        times = [_timed([paramlab, "grade", str(notebook)], here)[0] for _ in range(GRADE_RUNS)]
        print(f"paramlab grade {notebook.relative_to(ROOT)} (median of {GRADE_RUNS}): "
              f"{statistics.median(times):5.2f} s   (min {min(times):.2f}, max {max(times):.2f})")
    for folder in ("exercises", "solutions"):
        notebooks = sorted((ROOT / folder).glob("*.ipynb"))
        seconds, code = _timed([paramlab, "grade", "--jobs", "2", *map(str, notebooks)], here)
        print(f"paramlab grade --jobs 2, the {len(notebooks)} notebooks of {folder}/: {seconds:5.1f} s (exit {code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
