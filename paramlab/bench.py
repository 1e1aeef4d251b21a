"""``make bench``: how long the course takes to execute, build and grade on this machine.

Prints, per notebook (chapters, solutions, exercises), the median of three
executions in a fresh kernel; then the cold build (empty cache) and the warm
build (nothing changed) of the whole book; then the median of three
``paramlab grade`` runs on one exercise notebook. Nothing is written into the
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


def main() -> int:
    print(f"Execution time per notebook (median of {RUNS}, fresh kernel each):")
    for md in paired_sources(ROOT):
        times = [_execute_seconds(md) for _ in range(RUNS)]
        name = str(md.relative_to(ROOT))
        print(f"  {name:<52} {statistics.median(times):6.2f} s   (min {min(times):.2f}, max {max(times):.2f})")
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
    exercise = sorted((ROOT / "exercises").glob("*.ipynb"))[0]
    grade_times = []
    for _ in range(RUNS):
        seconds, _code = _timed([str(Path(sys.executable).with_name("paramlab")), "grade", str(exercise)],
                                Path(tempfile.gettempdir()))
        grade_times.append(seconds)
    print(f"paramlab grade {exercise.relative_to(ROOT)} (median of {RUNS}): "
          f"{statistics.median(grade_times):5.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
