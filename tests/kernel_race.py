"""Start many kernels at once through prebuild's code path; print how many failed, as JSON.

Usage: python tests/kernel_race.py tcp|ipc N. ``tcp`` is nbclient's default
start-up (jupyter_client's ``AsyncKernelManager``, ports picked by binding port
0), ``ipc`` is paramlab.kernels'. Run it inside private network and PID namespaces
with a narrowed ephemeral port range (see tests/test_kernels.py) so that the
TCP race shows up at once. Each start runs in a process of its own with a hard
deadline: a start that hangs (a client wired to another kernel's port can wait
forever) counts as failed and is killed.

A start's error output goes to a file, not a pipe. Its kernel runs in a session
of its own, inherits that output and can outlive the killed start: ipykernel's
parent poller, when it starts after its parent died, stops the kernel only if
it was re-parented to PID 1, which a subreaper prevents. Reading a pipe that
such a kernel held open made a CI run wait until the test's 300 s limit.
"""

import json
import subprocess
import sys
import tempfile
import time

DEADLINE = 45  # seconds for all N starts together

ONE = """
import sys
import nbformat
from jupyter_client.manager import AsyncKernelManager
from paramlab.kernels import IsolatedAsyncKernelManager, KernelStartFailed, execute_notebook

nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
manager = AsyncKernelManager if sys.argv[1] == "tcp" else IsolatedAsyncKernelManager
try:
    result = execute_notebook(nb, cwd=None, timeout=20, startup_timeout=20, kernel_manager_class=manager,
                              retries=0)
except KernelStartFailed as error:
    sys.exit(str(error)[:200])
sys.exit(0 if result.err is None else f"cell: {result.err}"[:200])
"""


def main(mode: str, n: int) -> dict:
    logs = [tempfile.TemporaryFile(mode="w+") for _ in range(n)]
    starts = [subprocess.Popen([sys.executable, "-c", ONE, mode], stdout=subprocess.DEVNULL, stderr=log,
                               text=True) for log in logs]
    end = time.monotonic() + DEADLINE
    errors = []
    for process, log in zip(starts, logs):
        try:
            process.wait(timeout=max(0.1, end - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            errors.append(f"hung for more than {DEADLINE} s")
            continue
        if process.returncode != 0:
            log.seek(0)
            errors.append((log.read().strip().splitlines() or ["exit %d" % process.returncode])[-1])
    return {"mode": mode, "started": n, "failed": len(errors), "errors": sorted(set(errors))}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
