"""Kernel start-up that cannot collide, for every place that starts kernels side by side.

jupyter_client picks a kernel's five TCP ports by binding port 0, closing the
socket and writing the number into the connection file; the kernel binds them
later. Its cache of ports handed out lives in one process only, so two
processes starting kernels at the same moment (prebuild's workers, two
graders) can be given the same port: the second kernel dies with
``ZMQError: Address already in use`` and its client waits for a reply that
never comes ("Kernel didn't respond in 60 seconds").

Here each kernel talks over IPC (Unix domain sockets) in a folder of its own,
so no port is chosen at all. jupyter_client's default IPC prefix is
``kernel-ipc`` in the working directory, the same for every kernel started
there, so the prefix is set explicitly to a fresh temporary folder. A kernel
that still fails to start is retried once by :func:`execute_notebook`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

from jupyter_client.manager import AsyncKernelManager, KernelManager

__all__ = ["IsolatedAsyncKernelManager", "IsolatedKernelManager", "KernelStartFailed", "execute_notebook",
           "patch_nbval"]


class KernelStartFailed(RuntimeError):
    """A kernel could not be started or did not answer, twice."""


class _PrivateIpc:
    """Mixin: the kernel listens on IPC sockets in a folder of its own, removed at shutdown.

    On Windows, which has no Unix domain sockets in ZeroMQ, it keeps TCP.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._ipc_folder = None
        if os.name != "nt":
            # A short path: Unix socket paths are limited to about 100 bytes.
            self._ipc_folder = tempfile.mkdtemp(prefix="plk-", dir="/tmp" if os.path.isdir("/tmp") else None)
            self.transport = "ipc"
            self.ip = f"{self._ipc_folder}/k"

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        # jupyter_client's shutdown awaits this coroutine directly, not cleanup_resources()
        await super()._async_cleanup_resources(restart=restart)  # type: ignore[misc]
        if not restart and self._ipc_folder:
            shutil.rmtree(self._ipc_folder, ignore_errors=True)


class IsolatedKernelManager(_PrivateIpc, KernelManager):
    """A blocking ``KernelManager`` with private IPC sockets (what nbval uses)."""


class IsolatedAsyncKernelManager(_PrivateIpc, AsyncKernelManager):
    """The asynchronous manager nbclient expects (its timeouts apply), with private IPC sockets."""


def execute_notebook(nb, *, cwd: str | None, timeout: int | None, allow_errors: bool = False,
                     startup_timeout: int = 60, kernel_manager_class: type = IsolatedAsyncKernelManager,
                     retries: int = 1):
    """Execute ``nb`` in place as jupyter-cache does, starting its kernel without collisions.

    Returns jupyter-cache's ``ExecutionResult`` (``err`` holds a cell's failure).
    A failure to start or reach the kernel is retried ``retries`` times; after
    that it raises :class:`KernelStartFailed`, naming the last error.
    """
    from jupyter_cache.executors.utils import single_nb_execution

    last: BaseException | None = None
    for _attempt in range(retries + 1):
        try:
            return single_nb_execution(nb, cwd=cwd, timeout=timeout, allow_errors=allow_errors,
                                       meta_override=True, startup_timeout=startup_timeout,
                                       kernel_manager_class=kernel_manager_class)
        except Exception as error:  # noqa: BLE001 - cell failures are returned, not raised
            last = error
            for cell in nb.cells:  # a half-run attempt must not leak outputs into the retry
                if cell.cell_type == "code":
                    cell.outputs = []
                    cell.execution_count = None
    raise KernelStartFailed(f"{type(last).__name__}: {last}".strip()) from last


def patch_nbval() -> None:
    """Make nbval start its kernels like :class:`IsolatedKernelManager`, retrying a failed start once.

    nbval has no option for the kernel manager: it calls
    ``nbval.kernel.start_new_kernel``, which builds a ``KernelManager`` by the
    name imported into ``nbval.kernel``. Both names are replaced here; if nbval
    renames them this raises, and ``tests/test_kernels.py`` fails loudly.
    """
    import nbval.kernel as nbval_kernel

    original = nbval_kernel.start_new_kernel
    if getattr(original, "_paramlab", False):
        return
    if not isinstance(nbval_kernel.KernelManager, type) or not issubclass(nbval_kernel.KernelManager,
                                                                          KernelManager):
        raise RuntimeError("nbval.kernel.KernelManager is no longer jupyter_client's: update paramlab.kernels")

    def start_new_kernel(*args: Any, **kwargs: Any):
        try:
            return original(*args, **kwargs)
        except RuntimeError:  # "Kernel didn't respond" / "Kernel died": once more, then give up
            return original(*args, **kwargs)

    start_new_kernel._paramlab = True  # type: ignore[attr-defined]
    nbval_kernel.KernelManager = IsolatedKernelManager
    nbval_kernel.start_new_kernel = start_new_kernel
