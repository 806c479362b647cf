"""A Papermill engine that keeps one warm Jupyter kernel per process.

Starting a kernel and importing pandas, matplotlib and jamlik costs seconds per notebook; a
batch of 1,450 notebooks pays it once per worker instead. Before every notebook the kernel's
state is reset (user namespace, figures, execution counter), and the kernel is replaced every
``JAMLIK_KERNEL_RUNS`` notebooks (default 200) and whenever the notebook itself changes, so the
outputs are those of a fresh kernel. The one exception: from one of jamlik's own notebooks, as
shipped, to another (a batch's themes one after the other): they leave nothing behind but the
library's caches of the store, so the kernel goes on, and a kommun's five themes start one kernel
per worker instead of one per theme. An edited notebook, before or after, still gets a new kernel.
Registered as the ``papermill.engine`` entry point ``jamlik_warm``.

A kernel that dies (killed, out of memory) is dropped: the notebook it ran fails with
nbclient's ``DeadKernelError``, whatever stage it died in, and the next notebook gets a fresh
kernel. One that dies between notebooks only costs a restart.

The kernel's client (its channels) is kept with the kernel too: a new client waits for the kernel
to answer and then for its IOPub channel to stay quiet for 0,2 s (jupyter_client's
``wait_for_ready``), which idled a core for 0,2 s per notebook. nbclient matches every message to
the request it answers, so what an earlier notebook left on the channels is ignored.
"""

import atexit
import hashlib
import logging
import os
import queue
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat
from jupyter_client import AsyncKernelManager, BlockingKernelClient
from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError

log = logging.getLogger(__name__)

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
RESET_TIMEOUT = 60  # seconds; the reset takes well under one


def restart_every() -> int:
    # a warm kernel grows by about 0,2 MB a notebook (730 MB after 10, 736 MB after 50); a restart
    # costs some 5 s of start-up, imports and the store, so a national batch restarts rarely
    return int(os.environ.get("JAMLIK_KERNEL_RUNS", "200"))


@dataclass
class _Warm:
    manager: AsyncKernelManager
    notebook: str  # hash of the notebook the kernel last ran
    cwd: str | None = None
    runs: int = 0
    client: object = None  # the kernel's AsyncKernelClient, ready, from its first notebook on


class KernelPool:
    """This process's warm kernel (one per process: a worker runs one notebook at a time)."""

    def __init__(self):
        self.warm: _Warm | None = None
        self.started = 0  # kernels started in this process, for tests and benchmarks
        atexit.register(self.shutdown)

    def kernel_for(self, kernel_name: str, notebook_key: str, cwd: str | None) -> AsyncKernelManager:
        warm = self.warm
        if not (self._reusable(notebook_key, cwd) and self._reset_ok()):
            warm = self._start(kernel_name, notebook_key, cwd)
        warm.notebook = notebook_key
        warm.runs += 1
        return warm.manager

    def client_for(self, start_timeout: float):
        """The warm kernel's client, its channels started and the kernel answering."""
        warm = self.warm
        if warm.client is None:
            client = warm.manager.client()
            client.start_channels()
            try:
                run_sync(client.wait_for_ready)(timeout=start_timeout)
            except Exception:
                client.stop_channels()
                raise
            client.allow_stdin = False
            warm.client = client
        return warm.client

    def ready(self, kernel_name: str, notebook_key: str, cwd: str | None, start_timeout: float):
        """The warm kernel (``kernel_for``) and its client (``client_for``). A new kernel that dies
        before it answers is started once more: two workers starting kernels at the same moment can
        pick the same free port, and the second then stops with "Address already in use"."""
        manager = self.kernel_for(kernel_name, notebook_key, cwd)
        try:
            return manager, self.client_for(start_timeout)
        except Exception:
            if self.alive():
                raise
            log.warning("a new kernel died before it answered; starting another", exc_info=True)
            self.shutdown()
        return self.kernel_for(kernel_name, notebook_key, cwd), self.client_for(start_timeout)

    def alive(self) -> bool:
        return self.warm is not None and run_sync(self.warm.manager.is_alive)()

    def _reusable(self, notebook_key: str, cwd: str | None = None) -> bool:
        warm = self.warm
        if warm is None or warm.runs >= restart_every() or warm.cwd != cwd:
            return False
        same = warm.notebook == notebook_key or {warm.notebook, notebook_key} <= shipped_keys()
        return same and self.alive()

    def _start(self, kernel_name: str, notebook_key: str, cwd: str | None) -> _Warm:
        self.shutdown()
        manager = AsyncKernelManager(kernel_name=kernel_name)
        run_sync(manager.start_kernel)(cwd=cwd, extra_arguments=KERNEL_ARGUMENTS)
        self.warm = _Warm(manager, notebook_key, cwd)
        self.started += 1
        return self.warm

    def _reset_ok(self) -> bool:
        """Reset the warm kernel; a kernel that dies or fails meanwhile is replaced, not fatal:
        the notebook has not started yet."""
        try:
            self._reset(self.warm.manager)
            return True
        except Exception:
            log.warning("resetting the warm kernel failed; starting a fresh one", exc_info=True)
            return False

    @staticmethod
    def _reset(manager: AsyncKernelManager) -> None:
        client = BlockingKernelClient()
        client.load_connection_info(manager.get_connection_info())
        # the shell channel only: the reply is all we read and the process tells whether the kernel
        # lives; a heartbeat thread stopped just after its start spins until zmq runs out of sockets
        client.start_channels(iopub=False, stdin=False, hb=False, control=False)
        try:
            msg_id = client.execute(RESET, silent=True, store_history=False, allow_stdin=False)
            reply = _reply(client, manager, msg_id)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"resetting the kernel failed: {reply['content']}")
        finally:
            client.stop_channels()

    def shutdown(self) -> None:
        if self.warm is not None:
            if self.warm.client is not None:
                self.warm.client.stop_channels()
            try:
                run_sync(self.warm.manager.shutdown_kernel)(now=True)
            except Exception:  # a kernel that is already gone needs no shutdown
                pass
            self.warm = None


def _reply(client: BlockingKernelClient, manager: AsyncKernelManager, msg_id: str) -> dict:
    """The kernel's reply to ``msg_id``. A dead kernel never replies, so its process is checked
    every second rather than waiting out the whole timeout."""
    deadline = time.monotonic() + RESET_TIMEOUT
    while time.monotonic() < deadline:
        if not run_sync(manager.is_alive)():
            raise DeadKernelError("Kernel died during the reset")
        try:
            reply = client.get_shell_msg(timeout=1)
        except queue.Empty:
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply
    raise TimeoutError(f"the kernel did not reset within {RESET_TIMEOUT} s")


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
            safe = remove_args(["timeout", "startup_timeout", "input_path", "cwd", "extra_arguments"], **kwargs)
            options = merge_kwargs(safe, timeout=execution_timeout or kwargs.get("timeout"),
                                   startup_timeout=start_timeout, kernel_name=kernel_name, log_output=log_output,
                                   stdout_file=stdout_file, stderr_file=stderr_file)
            try:
                manager, ready = POOL.ready(kernel_name, notebook_key(nb_man.nb), kwargs.get("cwd"), start_timeout)
                client = PapermillNotebookClient(nb_man, km=manager, **options)
                client.kc = ready  # nbclient keeps a client it did not make
                return client.execute()
            except Exception as exc:
                # nbclient says "DeadKernelError" only mid-cell; a kernel dead while starting
                # (RuntimeError) or between cells is the same failure to the caller
                if POOL.alive():
                    raise
                POOL.shutdown()  # the next notebook starts a fresh kernel
                if isinstance(exc, DeadKernelError):
                    raise
                raise DeadKernelError("Kernel died") from exc

    return WarmKernelEngine


def __getattr__(name):
    if name == "WarmKernelEngine":
        return _engine_class()
    raise AttributeError(name)


def read_notebook_key(path) -> str:
    return notebook_key(nbformat.read(path, as_version=4))


SHIPPED = Path(__file__).resolve().parent.parent / "workspace" / "notebooks"


@cache
def shipped_keys() -> frozenset[str]:
    """The keys of jamlik's own notebooks as the package ships them."""
    return frozenset(read_notebook_key(p) for p in sorted(SHIPPED.glob("*.ipynb")))
