"""Running jobs on this machine: in this process, or in worker processes.

The workers are started with the ``spawn`` method (a fresh interpreter: no lock or
thread of the parent is inherited) and each loads the encoder once, in its
initializer. A few more jobs than workers are in flight at any time, so the input
files are read as the run goes, not all at once. Ctrl-C reaches only this process
(the workers ignore it); the workers are then stopped and nothing more is written.

A worker that dies (killed, out of memory) breaks the pool: a new pool is started
and the jobs that were in flight run again, each at most ``retries`` more times;
a job still unfinished then is reported failed.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ..encoders import Encoder
from .job import Job, Result, preload, run_job, unexpected
from .settings import FAILED

Handler = Callable[[Result], None]

#: jobs in flight per worker: one running, one waiting (the worker never idles)
IN_FLIGHT_PER_WORKER = 2
#: what a job's error line says when its worker died under it every time
DIED = "its worker process died while aligning it (killed, or out of memory?)"


def run_in_process(jobs: Iterable[Job], handle: Handler, encoder: Encoder | None = None) -> None:
    """Run every job here, one after the other (``workers=0``)."""
    for job in jobs:
        try:
            result = run_job(job, encoder)
        except Exception as exc:  # a bug, not bad input: the pair fails, the others go on
            result = unexpected(job, exc)
        handle(result)


def run_in_workers(
    jobs: Iterable[Job],
    handle: Handler,
    workers: int,
    *,
    model: str,
    cache: bool = True,
    retries: int = 1,
) -> None:
    """Run the jobs in ``workers`` worker processes; ``handle`` gets each result here."""
    context = multiprocessing.get_context("spawn")
    pending: Iterator[Job] = iter(jobs)
    retry: list[Job] = []
    attempts: dict[str, int] = {}
    window = max(1, workers) * IN_FLIGHT_PER_WORKER
    while True:
        pids = context.SimpleQueue()
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(model, cache, pids, workers),
        )
        running: dict[Future, Job] = {}
        broken = False
        try:
            while True:
                while len(running) < window:
                    job = retry.pop() if retry else next(pending, None)
                    if job is None:
                        break
                    attempts[job.name] = attempts.get(job.name, 0) + 1
                    running[pool.submit(run_job, job)] = job
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    job = running.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        broken = True
                        retry.append(job)
                        continue
                    except Exception as exc:  # raised in the worker: this pair fails
                        result = unexpected(job, exc)
                    handle(result)
                if broken:
                    break
        except BaseException:
            _stop(pool, pids)
            raise
        if not broken:
            pool.shutdown(wait=True)
            return
        retry.extend(running.values())  # in flight when the pool broke: run them again
        _stop(pool, pids)
        for job in [j for j in retry if attempts.get(j.name, 0) > retries]:
            retry.remove(job)
            handle(Result(job.name, FAILED, error=DIED, digest=job.digest))


def _start_worker(model: str, cache: bool, pids, workers: int) -> None:
    """A worker's first act: ignore Ctrl-C (the parent stops the run), say its process
    id, take its share of the cores, load the encoder."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pids.put(os.getpid())
    preload(model, cache, workers)


def _stop(pool: ProcessPoolExecutor, pids) -> None:
    """Stop a pool now: pending jobs cancelled, its worker processes ended."""
    pool.shutdown(wait=False, cancel_futures=True)
    while not pids.empty():
        with contextlib.suppress(OSError, EOFError):
            os.kill(pids.get(), signal.SIGTERM)
    pool.shutdown(wait=True)
