"""Start many kernels at once through prebuild's code path; print how many failed, as JSON.

Usage: python tests/kernel_race.py tcp|ipc N. ``tcp`` is jupyter_client's default
start-up (ports picked by binding port 0), ``ipc`` is paramlab.kernels'. Run it
inside a private network namespace with a narrowed ephemeral port range (see
tests/test_kernels.py) so that the TCP race shows up at once.
"""

import json
import sys
from concurrent.futures import ProcessPoolExecutor

import nbformat
from jupyter_client.manager import AsyncKernelManager

from paramlab.kernels import IsolatedAsyncKernelManager, KernelStartFailed, execute_notebook


def one(mode: str) -> str | None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    manager = AsyncKernelManager if mode == "tcp" else IsolatedAsyncKernelManager  # nbclient's default vs ours
    try:
        result = execute_notebook(nb, cwd=None, timeout=30, startup_timeout=30, kernel_manager_class=manager,
                                  retries=0)
    except KernelStartFailed as error:
        return str(error)[:200]
    return None if result.err is None else f"cell: {result.err}"[:200]


if __name__ == "__main__":
    mode, n = sys.argv[1], int(sys.argv[2])
    with ProcessPoolExecutor(max_workers=n) as pool:
        errors = list(pool.map(one, [mode] * n))
    print(json.dumps({"mode": mode, "started": n, "failed": sum(e is not None for e in errors),
                      "errors": sorted({e for e in errors if e})}))
