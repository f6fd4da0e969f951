"""The set-up of every Dask worker of a batch run, one that joins or restarts mid-run too.

A :class:`WorkerSetup` is registered with the cluster for the length of a run
(:meth:`distributed.Client.register_plugin`): Dask runs its ``setup`` on every worker
there and on every worker that starts later (an adaptive cluster growing, a nanny
restarting a worker that died), before that worker takes a task. ``setup`` is
:func:`~.job.preload`: the encoder loaded and warmed up, every thread pool held to the
worker's share of its machine's cores, the allocator as in a plain process. Importing
this module needs Dask's ``distributed`` package (the ``dask`` extra).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping

from distributed import WorkerPlugin
from distributed.comm import get_address_host

from .job import preload


def threads_on(workers: Mapping[str, Mapping], host: str) -> int:
    """The task threads of the workers on ``host`` (from the scheduler's worker info)."""
    return sum(int(w.get("nthreads", 1)) for w in workers.values() if w.get("host") == host)


class WorkerSetup(WorkerPlugin):
    """:func:`~.job.preload` on each worker, with its machine's share of the cores."""

    def __init__(self, model: str, cache: bool = True) -> None:
        self.model = model
        self.cache = cache
        #: one name per run: two runs on one cluster each keep (and remove) their own
        self.name = f"paralign-batch-{uuid.uuid4().hex[:12]}"

    async def setup(self, worker) -> None:
        """Load the encoder and take this machine's share of the cores: the cores
        divided by the task threads of the workers the scheduler knows on it now."""
        info = await worker.scheduler.identity()
        host = get_address_host(worker.address)
        beside = threads_on(info.get("workers", {}), host) or worker.state.nthreads
        # off the event loop, which keeps answering the scheduler while the model loads
        await asyncio.to_thread(preload, self.model, self.cache, max(1, beside))
