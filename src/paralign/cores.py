"""The cores this process runs its threads on, and giving it a share of them.

A process aligns with threads of its own (the encoder's forward pass, the block
composition) and with the BLAS libraries' thread pools (numpy's and scipy's
OpenBLAS, each one thread per core it sees). A batch worker beside others takes
its share of the machine's cores with :func:`use_cores`, so that two workers on two
cores run one thread each instead of each spinning a thread on every core.
"""

from __future__ import annotations

import os

from threadpoolctl import threadpool_limits

#: the environment variable that gives this process its share of the cores (a batch
#: worker beside others sets it: two workers on two cores take one each)
CPUS_VARIABLE = "PARALIGN_CPUS"
#: what the BLAS and OpenMP libraries read when they load (those not loaded yet)
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def cpu_count() -> int:
    """The cores this process uses: ``$PARALIGN_CPUS`` where it is set to a number,
    else those it may run on."""
    share = os.environ.get(CPUS_VARIABLE, "").strip()
    if share.isdigit() and int(share) > 0:
        return int(share)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def use_cores(n: int) -> None:
    """Run this process's threads on ``n`` cores from now on: paralign's own threads
    (``$PARALIGN_CPUS``) and every BLAS or OpenMP thread pool, those loaded already
    and those loaded later."""
    n = max(1, n)
    os.environ[CPUS_VARIABLE] = str(n)
    for name in THREAD_VARIABLES:
        os.environ[name] = str(n)
    threadpool_limits(n)


__all__ = ["CPUS_VARIABLE", "cpu_count", "use_cores"]
