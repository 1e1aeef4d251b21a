"""``paramlab grade``'s run of one notebook: learner code in a kernel, verdicts out of its reach.

The notebook is executed cell by cell in a fresh kernel (private IPC sockets,
:mod:`paramlab.kernels`). At each question's check cell the kernel does not
run the check: it sends the values the check names (:func:`capture.pack`),
and this process, which has imported the exercise set before any learner
code ran and reads the values with an allow-list (:func:`capture.unpack`),
decides the verdict with the set's own ``Question.evaluate``. Nothing is read
back from files the kernel could write. The facts of the run become records
(:mod:`paramlab.grading.records`, in memory) and the one scorer
(:func:`report.score_notebook`) turns them into the notebook's score, which
also marks edited and deleted check cells.
"""

from __future__ import annotations

import os
import queue
import time
from pathlib import Path

from . import capture
from .core import ExerciseSet
from .outcomes import Outcome
from .records import Record
from .registry import load_set
from .report import NotebookScore, canonical_check_cells, code_cells, infer_set, score_notebook

__all__ = ["grade_notebook"]

_CAPTURE = "__import__('paramlab.grading.capture', fromlist=['pack']).pack({{{names}}})"


def _kernel_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARAMLAB_")}
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(name, "1")  # tiny fits on few cores are much slower with contending threads
    return env


class _Kernel:
    """A kernel started for one notebook, running one cell at a time."""

    def __init__(self, cwd: Path) -> None:
        from ..kernels import IsolatedKernelManager

        self.manager = IsolatedKernelManager(kernel_name="python3")
        self.manager.start_kernel(cwd=str(cwd), env=_kernel_env())
        self.client = None

    def ready(self, timeout: float = 60) -> None:
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=timeout)

    def run(self, code: str, timeout: float) -> tuple[str, str | None, str | None]:
        """(how it ended: "ok", "error", "timeout" or "died"; the error line; the captured values' payload)."""
        msg_id = self.client.execute(code, store_history=True, allow_stdin=False, stop_on_error=False)
        deadline = time.monotonic() + timeout
        error = payload = None
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.manager.interrupt_kernel()
                self._drain(msg_id, 5)
                return "timeout", None, None
            try:
                msg = self.client.get_iopub_msg(timeout=min(1.0, left))
            except queue.Empty:
                if not self.manager.is_alive():
                    return "died", "the kernel died while running this cell", None
                continue
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "error":
                error = f"{content.get('ename', 'Error')}: {content.get('evalue', '')}".strip()
            elif kind == "display_data" and capture.MIME in content.get("data", {}):
                payload = content["data"][capture.MIME]
            elif kind == "status" and content.get("execution_state") == "idle":
                return ("error" if error else "ok"), error, payload

    def _drain(self, msg_id: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                msg = self.client.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if msg.get("parent_header", {}).get("msg_id") == msg_id and msg["msg_type"] == "status" \
                    and msg["content"].get("execution_state") == "idle":
                return
        self.manager.shutdown_kernel(now=True)  # it does not answer an interrupt: nothing more runs

    def close(self) -> None:
        if self.client is not None:
            self.client.stop_channels()
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)
        self.manager.cleanup_resources()


def _verdict(exercise_set: ExerciseSet, question: str, payload: str | None) -> tuple[str, str]:
    if payload is None:
        return Outcome.ERROR.value, "the check cell sent no values: was paramlab or its capture replaced?"
    try:
        values = capture.unpack(payload)
    except capture.Refused as refused:
        return Outcome.ERROR.value, str(refused)
    result = exercise_set.questions[question].evaluate(**values)
    return result.outcome.value, result.message


def grade_notebook(path: Path, *, timeout: float = 60, limit: float = 600) -> NotebookScore:
    """The score of one learner notebook; ``timeout`` bounds one cell, ``limit`` the whole notebook."""
    path = Path(path).resolve()
    try:
        cells = code_cells(path)
    except (OSError, ValueError, TypeError, AttributeError) as error:
        score = NotebookScore(str(path), None)
        score.problems.append(f"the notebook could not be read ({type(error).__name__}: {error})")
        return score
    set_id = infer_set(path, cells)
    try:
        exercise_set = load_set(set_id) if set_id else None
    except KeyError:
        exercise_set = None
    except Exception as error:  # noqa: BLE001 - e.g. the set needs torch and torch is missing here
        score = NotebookScore(str(path), set_id)
        score.problems.append(f"the exercise set {set_id} could not be loaded here "
                              f"({type(error).__name__}: {error})")
        return score
    if exercise_set is None:  # the scorer says why
        return score_notebook(path, [], find_set=load_set)
    kernel = _Kernel(path.parent)  # starts while the set's questions are read
    checks = canonical_check_cells(cells, exercise_set)
    key = str(path)
    records: list[Record] = []
    start = time.monotonic()
    try:
        kernel.ready()
        for index, source in cells:
            left = limit - (time.monotonic() - start)
            if left <= 0:
                records.append(Record.failed_cell(key, index, f"the notebook's time limit of {limit:g} s was reached"))
                break
            question = checks.get(index)
            code = _CAPTURE.format(names=", ".join(f"{a!r}: {a}" for a in exercise_set.questions[question].arguments)) \
                if question else source
            ended, error, payload = kernel.run(code, min(timeout, left))
            if ended == "timeout":
                records.append(Record.failed_cell(key, index, f"Timeout of {timeout:g} seconds exceeded executing cell"
                                                  if left > timeout else
                                                  f"the notebook's time limit of {limit:g} s was reached in this cell"))
                break
            records.append(Record.failed_cell(key, index, error) if error else Record.ran_cell(key, index))
            if ended == "died":
                break
            if question and ended == "ok":
                outcome, message = _verdict(exercise_set, question, payload)
                records.append(Record.check(key, set_id, question, outcome, message))
    except RuntimeError as error:  # the kernel did not start or died
        records.append(Record.failed_cell(key, -1, f"the kernel stopped: {error}"))
    finally:
        kernel.close()
    return score_notebook(path, records, find_set=lambda _set_id: exercise_set)
