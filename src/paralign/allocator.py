"""How the C allocator (glibc's malloc) of a worker process hands out large blocks.

An alignment allocates many short-lived numpy arrays of a few hundred KB to a few MB.
A plain process serves them from its heap after the first few: glibc raises its mmap
threshold (up to 32 MiB) and its trim threshold (twice that) as large blocks are
freed. A Dask worker starts with ``MALLOC_TRIM_THRESHOLD_`` set by its nanny
(``distributed.nanny.pre-spawn-environ``: 64 KiB), and setting that variable turns
this adjustment off: every array above 128 KiB then gets its own ``mmap`` and fresh
pages, and every free trims the heap. A batch worker pair took 0.22-0.23 s there
against 0.15-0.17 s in a plain worker (60 pairs, one worker; docs/batch.md).
:func:`reuse_freed_memory` sets both thresholds to the ceilings a plain process
reaches by itself.
"""

from __future__ import annotations

import ctypes
import ctypes.util

#: glibc's ``mallopt`` parameters (malloc.h)
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
#: the largest mmap threshold glibc's own adjustment reaches on a 64-bit machine
MMAP_THRESHOLD = 32 * 1024**2
#: the trim threshold glibc's adjustment sets beside it (twice the mmap threshold)
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD


def reuse_freed_memory() -> bool:
    """Serve blocks up to 32 MiB from the heap and keep up to 64 MiB of freed memory
    for reuse, as a plain process does after its first large frees; ``False`` where
    the C library has no ``mallopt`` (not glibc) or refuses."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    # mallopt returns 1 on success, 0 on error
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )


__all__ = ["reuse_freed_memory"]
