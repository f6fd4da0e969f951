"""``paralign batch --scheduler``: a real Dask scheduler with two worker processes.

The cluster is a :class:`distributed.LocalCluster` started here on 127.0.0.1 and
closed after the tests; nothing is mocked.
"""

from __future__ import annotations

import contextlib
import os
import time

import pytest
from batch_helpers import add_bad_pairs, align_one, outputs, write_collection

import paralign
from paralign.batch import run_pairs
from paralign.batch.collection import from_folders
from paralign.batch.settings import Settings
from paralign.cli import main

distributed = pytest.importorskip("distributed", reason="the 'dask' extra is not installed")
dask = pytest.importorskip("dask")

LANGS = {"src_lang": "es", "tgt_lang": "en"}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as running:
        yield running


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    return write_collection(tmp_path_factory.mktemp("dask") / "in")


def test_the_cluster_writes_the_bytes_of_the_local_runner_and_of_align(
    cluster, collection, tmp_path, capsys
):
    src, tgt, names = collection
    argv = ["batch", "--src-dir", str(src), "--tgt-dir", str(tgt), "--src-lang", "es"]
    argv += ["--tgt-lang", "en", "-q"]
    assert (
        main([*argv, "-o", str(tmp_path / "dask"), "--scheduler", cluster.scheduler_address]) == 0
    )
    assert main([*argv, "-o", str(tmp_path / "local"), "--workers", "2"]) == 0
    on_cluster, local = outputs(tmp_path / "dask"), outputs(tmp_path / "local")
    assert on_cluster == local and sorted(on_cluster) == [f"{n}.xml" for n in names]
    for name in names:
        align_one(src / f"{name}.txt", tgt / f"{name}.txt", tmp_path / "ref.xml")
        assert on_cluster[f"{name}.xml"] == (tmp_path / "ref.xml").read_bytes()


def test_bad_pairs_on_the_cluster_and_a_rerun_that_skips_what_is_done(cluster, tmp_path):
    src, tgt, names = write_collection(tmp_path / "in")
    bad = add_bad_pairs(src, tgt)
    out = tmp_path / "out"
    address = cluster.scheduler_address
    first = paralign.batch(out, src_dir=src, tgt_dir=tgt, scheduler=address, **LANGS)
    rows = {r.name: r for r in first.rows}
    assert {n for n, r in rows.items() if r.status == "failed"} == set(bad)
    for name, words in bad.items():
        assert words in rows[name].error
    assert all(rows[n].status == "done" for n in names)
    again = paralign.batch(out, src_dir=src, tgt_dir=tgt, scheduler=address, **LANGS)
    assert {r.name for r in again.rows if r.status == "unchanged"} == set(names)


def test_a_worker_killed_mid_run_and_every_pair_is_done_or_reported(cluster, tmp_path):
    src, tgt, names = write_collection(tmp_path / "in", parts=6)
    out = tmp_path / "out"
    pairs = from_folders(src, tgt, out, Settings(**LANGS))
    killed = []
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:

        def kill_a_busy_worker(row):
            if killed:
                return
            busy = [w for w, tasks in client.processing().items() if tasks]
            if busy:
                killed.append(busy[0])
                with contextlib.suppress(Exception):  # the worker dies under the call
                    client.run(os._exit, 1, workers=busy[:1], wait=False)

        result = run_pairs(pairs, out, scheduler=client, on_result=kill_a_busy_worker)
    assert killed
    assert [r.name for r in result.rows] == names
    for row in result.rows:
        assert row.status == "done" or (row.status == "failed" and row.error)
    done = [r for r in result.rows if r.status == "done"]
    assert done and all((out / f"{r.name}.xml").is_file() for r in done)


def worker_probe():
    """A function for ``client.run`` (made here, so that it travels by value): how many
    of eight 1 MiB blocks the worker maps on their own (``None`` without glibc's
    ``mallinfo2``), and the cores paralign's threads take there."""

    def probe() -> dict:
        import ctypes
        import ctypes.util
        import os

        class Mallinfo2(ctypes.Structure):
            _fields_ = [
                (n, ctypes.c_size_t)
                for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks")
                + ("fsmblks", "uordblks", "fordblks", "keepcost")
            ]

        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        mapped = None
        if hasattr(libc, "mallinfo2"):
            libc.mallinfo2.restype = Mallinfo2
            before = libc.mallinfo2().hblks
            blocks = [bytearray(1 << 20) for _ in range(8)]
            mapped = libc.mallinfo2().hblks - before
            del blocks
        return {"mapped": mapped, "cpus": os.environ.get("PARALIGN_CPUS")}

    return probe


def test_a_worker_that_ran_a_batch_serves_large_arrays_from_its_heap(cluster, tmp_path):
    """Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_`` (64 KiB), which fixes
    glibc's mmap threshold at 128 KiB: every array above it then costs an ``mmap`` and
    fresh pages (a pair ~40% slower). Once a batch has run there, a 1 MiB block comes
    from the heap, as in a plain process."""
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        untuned = client.run(worker_probe())
        if any(p["mapped"] is None for p in untuned.values()):
            pytest.skip("the C library is not glibc 2.33 or later (no mallinfo2)")
        src, tgt, _ = write_collection(tmp_path / "in", parts=1)
        paralign.batch(tmp_path / "out", src_dir=src, tgt_dir=tgt, scheduler=client, **LANGS)
        tuned = client.run(worker_probe())
    assert {p["mapped"] for p in tuned.values()} == {0}, tuned


def test_a_worker_that_starts_mid_run_is_set_up_like_the_others(cluster, tmp_path):
    """An adaptive cluster grows, a nanny restarts a worker that died: the new worker
    takes its share of the cores (three workers on this machine now) and serves large
    arrays from its heap before its first pair, as the workers there at the start."""
    src, tgt, names = write_collection(tmp_path / "in", parts=4)
    out = tmp_path / "out"
    pairs = from_folders(src, tgt, out, Settings(**LANGS))
    found: dict = {}
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        before = set(client.scheduler_info()["workers"])

        def add_a_worker(row):
            if found:
                return
            cluster.scale(len(before) + 1)
            client.wait_for_workers(len(before) + 1, timeout=120)
            new = [w for w in client.scheduler_info()["workers"] if w not in before]
            # the run waits here, so its set-up stays registered while the worker starts
            deadline = time.monotonic() + 120
            while True:
                found.update(client.run(worker_probe(), workers=new)[new[0]])
                if found["cpus"] is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.5)

        try:
            result = run_pairs(pairs, out, scheduler=client, on_result=add_a_worker)
        finally:
            cluster.scale(len(before))
            client.wait_for_workers(len(before), timeout=120)
    assert [r.status for r in result.rows] == ["done"] * len(names)
    cores = max(1, len(os.sched_getaffinity(0)) // (len(before) + 1))
    assert found["cpus"] == str(cores), found
    assert found["mapped"] in (0, None), found


def test_an_unreachable_scheduler_is_one_error_line(tmp_path, capsys):
    src, tgt, _ = write_collection(tmp_path / "in", parts=1)
    argv = ["batch", "--src-dir", str(src), "--tgt-dir", str(tgt), "-o", str(tmp_path / "o")]
    argv += ["--src-lang", "es", "--tgt-lang", "en", "--scheduler", "tcp://127.0.0.1:9"]
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err[0]
