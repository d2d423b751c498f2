"""Worker processes that end with the build that started them.

A build forks workers (PDF rendering, the privacy check's readers). If the build is
killed, its workers must not live on: they let go of the build lock they inherited, so
that the next build can start, and they receive SIGTERM when their parent dies.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal

PR_SET_PDEATHSIG = 1  # Linux prctl: a signal for the child when its parent dies


def end_with_parent(inherited: int, parent: int) -> None:
    """In a freshly forked worker: close the inherited build lock (`inherited`, -1 for none)
    and ask to be ended when `parent` (the build's pid) dies; exit now if it already has."""
    if inherited >= 0:
        os.close(inherited)
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the build died before the request above took effect
        os._exit(1)


def cores() -> int:
    """The cores this process may run on (a container's or a CI runner's share, not the host's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
