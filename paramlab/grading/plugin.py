"""paramlab's pytest plugin: grading modes for nbval and a score summary.

Registered through the ``pytest11`` entry point, so it is active whenever
paramlab is installed. It does nothing unless nbval runs notebooks
(``--nbval`` or ``--nbval-lax``); then it

* switches the kernel to strict grading (``PARAMLAB_GRADING=strict``), or to
  expect-fail grading with ``--paramlab-expect-fail``;
* runs the kernel in pytest's own environment (``--nbval-current-env``),
  without colours in tracebacks, with ``PYTHONHASHSEED=0``, started through
  :mod:`paramlab.kernels` (no port to collide on; a failed start retried once);
* records every check outcome and every cell that ran, and prints a score
  table per notebook at the end of the run.

This is the learner's own run (``pytest --nbval-lax``) and the course's CI:
the checks run in the learner's kernel, which can change them. ``paramlab
grade`` does not use this plugin: it decides verdicts outside the kernel
(:mod:`paramlab.grading.runner`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from .core import MODE_VARIABLE, NOTEBOOK_VARIABLE, RESULTS_VARIABLE
from . import records
from .display import format_scores
from .records import Record
from .report import CHECK_CALL, score_notebook, strip_ansi

_IPYTHON_CONFIG = "c.InteractiveShell.colors = 'nocolor'\nc.HistoryManager.enabled = False\n"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("paramlab", "paramlab grading")
    group.addoption("--paramlab-expect-fail", action="store_true", default=False,
                    help="grade untouched exercises: every check must fail (a passing check is vacuous)")
    group.addoption("--paramlab-results", action="store", default=None,
                    help="append check outcomes (JSON lines) to this file")


def _nbval_active(config: pytest.Config) -> bool:
    return bool(getattr(config.option, "nbval", False) or getattr(config.option, "nbval_lax", False))


def pytest_configure(config: pytest.Config) -> None:
    if not _nbval_active(config):
        return
    config.option.nbval_current_env = True
    from ..kernels import patch_nbval

    patch_nbval()  # IPC sockets in a private folder: graders started side by side cannot collide
    os.environ[MODE_VARIABLE] = "expect-fail" if config.option.paramlab_expect_fail else "strict"
    os.environ["PYTHONHASHSEED"] = "0"
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")  # small fits on few cores: threads only contend
    os.environ.setdefault("MPLBACKEND", "agg")
    workdir = Path(tempfile.mkdtemp(prefix="paramlab-grade-"))
    config.add_cleanup(lambda: shutil.rmtree(workdir, ignore_errors=True))
    ipython_dir = workdir / "ipython"
    (ipython_dir / "profile_default").mkdir(parents=True)
    for name in ("ipython_config.py", "ipython_kernel_config.py"):
        (ipython_dir / "profile_default" / name).write_text(_IPYTHON_CONFIG)
    os.environ["IPYTHONDIR"] = str(ipython_dir)
    if config.option.paramlab_results:
        os.environ[RESULTS_VARIABLE] = str(Path(config.option.paramlab_results).resolve())
    elif not os.environ.get(RESULTS_VARIABLE):  # xdist workers inherit the controller's file
        os.environ[RESULTS_VARIABLE] = str(workdir / "results.jsonl")
    config.stash[_NOTEBOOKS] = []


_NOTEBOOKS = pytest.StashKey[list]()


def _is_nbval_cell(item: pytest.Item) -> bool:
    """Whether ``item`` is one notebook cell collected by nbval (nbval has no public API for this:
    its class ``nbval.plugin.IPyNbCell``, tested in tests/test_grading_pipeline.py)."""
    try:
        from nbval.plugin import IPyNbCell
    except ImportError:  # nbval not installed: no notebook cells in this run
        return False
    return isinstance(item, IPyNbCell)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tell the kernel (started during the first cell's setup) which notebook it runs."""
    if _is_nbval_cell(item):
        os.environ[NOTEBOOK_VARIABLE] = str(Path(str(item.fspath)).resolve())


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    if not _nbval_active(config):
        return
    seen = config.stash[_NOTEBOOKS]
    for item in items:
        if _is_nbval_cell(item):
            path = str(Path(str(item.fspath)).resolve())
            if path not in seen:
                seen.append(path)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):  # noqa: ANN001
    """Record each notebook cell that ran (and why it failed), so the score can say why a question
    was not graded."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not _is_nbval_cell(item):
        return
    results = os.environ.get(RESULTS_VARIABLE)
    if not results:
        return
    notebook, cell = str(Path(str(item.fspath)).resolve()), int(getattr(item, "cell_num", -1))
    if report.failed:
        error = re.sub(r"^Cell \d+: ", "", _last_error_line(strip_ansi(str(report.longrepr))))
        records.append(results, Record.failed_cell(notebook, cell, error))
    elif report.passed:  # a skipped cell (after a time-out) did not run
        records.append(results, Record.ran_cell(notebook, cell))


def _last_error_line(text: str) -> str:
    """The most telling line of a failed cell's report: the exception, without the stack."""
    if "Timeout of" in text:
        for line in text.splitlines():
            if "Timeout of" in line:
                return line.strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if (": " in line and line.split(":")[0].replace(".", "").isidentifier()
                and (line.split(":")[0].endswith(("Error", "Exception", "Failed", "Check", "Interrupt"))
                     or line.startswith(("CheckFailed", "VacuousCheck")))):
            return line
    return lines[-1] if lines else "the cell failed"


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # noqa: ANN001
    if not _nbval_active(config) or hasattr(config, "workerinput"):
        return
    results = os.environ.get(RESULTS_VARIABLE)
    notebooks = list(config.stash.get(_NOTEBOOKS, []))
    if not results:
        return
    run = records.read(results)
    for record in run:  # under xdist the controller collects nothing: use what was recorded
        if record.notebook and record.notebook not in notebooks:
            notebooks.append(record.notebook)
    scores = [score_notebook(Path(notebook), run) for notebook in notebooks
              if CHECK_CALL.search(Path(notebook).read_text(encoding="utf-8"))]  # else a chapter: nothing graded
    if not scores:
        return
    mode = os.environ.get("PARAMLAB_GRADING", "strict")
    terminalreporter.section(f"paramlab score ({mode})")
    terminalreporter.write(format_scores(scores))
