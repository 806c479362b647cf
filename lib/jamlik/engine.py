"""A Papermill engine that keeps one warm Jupyter kernel per process.

Starting a kernel and importing pandas, matplotlib and jamlik costs seconds per notebook; a
batch of 1,450 notebooks pays it once per worker instead. Before every notebook the kernel's
state is reset (user namespace, figures, execution counter), and the kernel is replaced every
``JAMLIK_KERNEL_RUNS`` notebooks (default 50) and whenever the notebook itself changes, so the
outputs are those of a fresh kernel. Registered as the ``papermill.engine`` entry point
``jamlik_warm``.
"""

import atexit
import hashlib
import os
from dataclasses import dataclass
from functools import cache

import nbformat
from jupyter_client import AsyncKernelManager, BlockingKernelClient
from jupyter_core.utils import run_sync

ENGINE = "jamlik_warm"
# quiet start-up; no IPython history: batch kernels gain nothing from it, parallel kernels would
# share one SQLite file, and a reset execution counter would collide with earlier line numbers
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR", "--HistoryManager.enabled=False"]
# As ``%reset -f`` (which collects garbage twice), figures closed first so one collection frees
# them; what survives it is the kernel's own state, frozen so later collections skip it.
RESET = """\
import matplotlib.pyplot as _plt
_plt.close("all")
del _plt
get_ipython().reset(new_session=False)
__import__("gc").freeze()
get_ipython().execution_count = 1
"""


def restart_every() -> int:
    return int(os.environ.get("JAMLIK_KERNEL_RUNS", "50"))


@dataclass
class _Warm:
    manager: AsyncKernelManager
    notebook: str  # hash of the notebook the kernel last ran
    runs: int = 0


class KernelPool:
    """This process's warm kernel (one per process: a worker runs one notebook at a time)."""

    def __init__(self):
        self.warm: _Warm | None = None
        self.started = 0  # kernels started in this process, for tests and benchmarks
        atexit.register(self.shutdown)

    def kernel_for(self, kernel_name: str, notebook_key: str, cwd: str | None) -> AsyncKernelManager:
        warm = self.warm
        stale = (warm is None or warm.notebook != notebook_key or warm.runs >= restart_every()
                 or not run_sync(warm.manager.is_alive)())
        if stale:
            self.shutdown()
            manager = AsyncKernelManager(kernel_name=kernel_name)
            run_sync(manager.start_kernel)(cwd=cwd, extra_arguments=KERNEL_ARGUMENTS)
            self.warm = warm = _Warm(manager, notebook_key)
            self.started += 1
        else:
            self._reset(warm.manager)
        warm.runs += 1
        return warm.manager

    @staticmethod
    def _reset(manager: AsyncKernelManager) -> None:
        client = BlockingKernelClient()
        client.load_connection_info(manager.get_connection_info())
        client.start_channels()
        try:
            reply = client.execute_interactive(RESET, silent=True, store_history=False, timeout=60)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"resetting the kernel failed: {reply['content']}")
        finally:
            client.stop_channels()

    def shutdown(self) -> None:
        if self.warm is not None:
            try:
                run_sync(self.warm.manager.shutdown_kernel)(now=True)
            except Exception:  # a kernel that is already gone needs no shutdown
                pass
            self.warm = None


POOL = KernelPool()


def notebook_key(nb) -> str:
    """What identifies a notebook's code: its cells without outputs or injected parameters."""
    cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    return hashlib.sha256("\x1e".join(c.source for c in cells).encode()).hexdigest()


@cache
def _engine_class():
    # papermill.engines loads its entry points (this module) while it is being imported, so
    # the class is made on first use rather than at import time
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine
    from papermill.utils import merge_kwargs, remove_args

    class WarmKernelEngine(NBClientEngine):
        """Papermill engine ``jamlik_warm``: like nbclient, but on this process's warm kernel."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
            manager = POOL.kernel_for(kernel_name, notebook_key(nb_man.nb), kwargs.get("cwd"))
            safe = remove_args(["timeout", "startup_timeout", "input_path", "cwd", "extra_arguments"], **kwargs)
            options = merge_kwargs(safe, timeout=execution_timeout or kwargs.get("timeout"),
                                   startup_timeout=start_timeout, kernel_name=kernel_name, log_output=log_output,
                                   stdout_file=stdout_file, stderr_file=stderr_file)
            client = PapermillNotebookClient(nb_man, km=manager, **options)
            try:
                return client.execute()
            finally:
                if client.kc is not None:
                    client.kc.stop_channels()

    return WarmKernelEngine


def __getattr__(name):
    if name == "WarmKernelEngine":
        return _engine_class()
    raise AttributeError(name)


def read_notebook_key(path) -> str:
    return notebook_key(nbformat.read(path, as_version=4))
