"""Running jobs on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

Each pair is one task (:meth:`distributed.Client.submit` of :func:`~.job.run_job`):
its input files' bytes travel with it and its output files' bytes come back, so the
workers need no file system in common with this machine or with each other. The
scheduler does the rest with its own mechanisms: a task whose worker dies is run
again on another worker (up to the scheduler's ``allowed-failures``, then it is
reported failed here), a task that raises is retried ``retries`` times, and
:class:`distributed.as_completed` hands back the results as they come. A few more
tasks than the cluster has threads are in flight, so the inputs are read as the run
goes.

Every worker, one that starts during the run too, is set up for it first
(:class:`~.worker_setup.WorkerSetup`: the encoder loaded, its share of the cores). Each
worker process keeps the encoder it loaded (:func:`~.job.encoder_for`) and its own
embedding cache: ``$PARALIGN_CACHE`` or ``~/.cache/paralign`` on the worker's
machine, as the worker's environment says.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterable

from ..errors import ParalignError
from .job import Job, Result, run_job, unexpected
from .settings import FAILED

Handler = Callable[[Result], None]

#: tasks in flight per worker thread
IN_FLIGHT_PER_THREAD = 2


def connect(scheduler: object):
    """A :class:`distributed.Client` for an address (or the client given), and whether
    this call made it (and so closes it)."""
    try:
        from distributed import Client
    except ImportError:
        raise ParalignError(
            "--scheduler needs Dask's distributed package: pip install 'paralign[dask]'"
        ) from None
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        # how long to wait is Dask's setting: distributed.comm.timeouts.connect (30 s)
        return Client(str(scheduler), set_as_default=False), True
    except (OSError, TimeoutError, ValueError) as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise ParalignError(f"cannot reach the Dask scheduler at {scheduler}: {detail}") from None


def run_on_cluster(
    jobs: Iterable[Job],
    handle: Handler,
    scheduler: object,
    *,
    model: str,
    cache: bool = True,
    retries: int = 1,
) -> None:
    """Run the jobs as tasks on the cluster; ``handle`` gets each result here."""
    from distributed import as_completed

    client, own = connect(scheduler)
    from .worker_setup import WorkerSetup

    # every worker loads the encoder and takes its share of the cores now, as the local
    # workers do in their initializer, and so does a worker that starts during the run
    setup = WorkerSetup(model, cache)
    try:
        with contextlib.suppress(Exception):  # a worker it fails on loads with its first pair
            client.register_plugin(setup, name=setup.name)
        threads = sum(client.nthreads().values()) or 1
        window = threads * IN_FLIGHT_PER_THREAD
        pending = iter(jobs)
        running: dict[object, Job] = {}
        queue = as_completed(loop=client.loop)

        def submit_next() -> None:
            job = next(pending, None)
            if job is not None:
                key = f"paralign-{job.name}-{uuid.uuid4().hex[:8]}"
                future = client.submit(run_job, job, key=key, retries=retries, pure=False)
                running[future] = job
                queue.add(future)

        for _ in range(window):
            submit_next()
        try:
            for future in queue:
                job = running.pop(future)
                handle(_result(future, job))
                future.release()
                submit_next()
        except BaseException:
            client.cancel(list(running))
            raise
    finally:
        with contextlib.suppress(Exception):  # the cluster outlives the run; its set-up does not
            client.unregister_worker_plugin(setup.name)
        if own:
            client.close()


def _result(future, job: Job) -> Result:
    """The task's result, or a failed one that says why the task did not finish."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        error = "the Dask workers running it died every time (killed, or out of memory?)"
    except Exception as exc:  # the task raised on every try: report it, go on
        return unexpected(job, exc)
    return Result(job.name, FAILED, error=error, digest=job.digest)
