"""Crash safety: ``kill -9`` at moments spread over a run of ``align`` and of
``build-corpus`` leaves the old output intact or the new one whole, the next run
leaves no temporary file behind, and its output equals a clean run's, byte for byte.

The moments are fractions of the clean run's own wall time (so they fall in reading,
embedding, aligning and writing on a slow machine as on a fast one), shifted by a
seeded random jitter; the embedding cache is on, so kills inside its writes count too.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "texts"
BILINGUAL = "1962-12-02_mikoyan-kennedy-conversations"
LONE = "1962-10-31_castro-to-khrushchev"
#: where each run is killed, as fractions of a clean run's wall time
FRACTIONS = (0.3, 0.7, 0.95)
OLD = b"the output of an earlier run\n"


def start(argv: list, cache: Path | str) -> subprocess.Popen:
    env = {**os.environ, "PARALIGN_CACHE": str(cache), "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "paralign", *map(str, argv)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group: the kill reaches its workers too
    )


def finish(proc: subprocess.Popen) -> None:
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()


def timed(argv: list, cache: Path | str) -> float:
    began = time.monotonic()
    finish(start(argv, cache))
    return time.monotonic() - began


def kill_at(argv: list, cache: Path, after: float) -> bool:
    """Start a run and kill -9 its process group after ``after`` seconds; whether it
    was still running then."""
    proc = start(argv, cache)
    try:
        proc.wait(timeout=after)
        proc.communicate()
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return True


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_align_killed_at_any_moment(tmp_path):
    from sample_pair import write_sample_pair

    src, tgt = write_sample_pair(tmp_path)
    argv = [
        "align", src, tgt, "--src-lang", "es", "--tgt-lang", "en", "-q", "-f", "moses", "-o",
    ]  # fmt: skip
    # moses: two files, so a kill between them would show as one new and one old
    clean_dir = tmp_path / "clean"
    took = timed([*argv, clean_dir / "pair"], "off")
    clean = {p.name: p.read_bytes() for p in clean_dir.iterdir()}
    assert len(clean) == 2

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    cache = tmp_path / "cache"
    rng = random.Random(24)
    for fraction in FRACTIONS:
        for name in clean:
            (out_dir / name).write_bytes(OLD)
        kill_at([*argv, out_dir / "pair"], cache, took * fraction * rng.uniform(0.85, 1.15))
        found = {name: (out_dir / name).read_bytes() for name in clean}
        # the old outputs intact, or the new ones whole: never a mix, never a part
        assert found == dict.fromkeys(clean, OLD) or found == clean, fraction
        finish(start([*argv, out_dir / "pair"], cache))
        assert {p.name: p.read_bytes() for p in out_dir.iterdir() if p.name in clean} == clean
        assert temp_files(out_dir) == []


def test_build_corpus_killed_at_any_moment(tmp_path):
    clean_root = tmp_path / "clean"
    for name in (BILINGUAL, LONE):
        shutil.copytree(TEXTS / name, clean_root / name)
        (clean_root / name / f"{name}.tei.xml").unlink()
    took = timed(["build-corpus", clean_root, "-q"], "off")
    clean = {
        name: (clean_root / name / f"{name}.tei.xml").read_bytes() for name in (BILINGUAL, LONE)
    }

    cache = tmp_path / "cache"
    rng = random.Random(24)
    for k, fraction in enumerate(FRACTIONS):
        root = tmp_path / f"run{k}"
        for name in (BILINGUAL, LONE):
            shutil.copytree(TEXTS / name, root / name)
            (root / name / f"{name}.tei.xml").unlink()
        # one document had a TEI already (an old one); the other none yet
        (root / LONE / f"{LONE}.tei.xml").write_bytes(OLD)
        kill_at(["build-corpus", root, "-q"], cache, took * fraction * rng.uniform(0.85, 1.15))
        bilingual = root / BILINGUAL / f"{BILINGUAL}.tei.xml"
        assert not bilingual.exists() or bilingual.read_bytes() == clean[BILINGUAL]
        assert (root / LONE / f"{LONE}.tei.xml").read_bytes() in (OLD, clean[LONE])
        finish(start(["build-corpus", root, "-q"], cache))
        for name in (BILINGUAL, LONE):
            assert (root / name / f"{name}.tei.xml").read_bytes() == clean[name], (fraction, name)
        assert temp_files(root) == []


@pytest.mark.parametrize("pid_alive", [False])
def test_a_temp_file_left_by_a_killed_writer_is_removed_by_the_next_write(tmp_path, pid_alive):
    from paralign.files import write_file

    target = tmp_path / "out.xml"
    # what a writer killed between its write and its rename leaves: a process id that
    # no longer runs (the highest pid the system can give is far above any used one)
    leftover = tmp_path / f".out.xml.{2**22 - 3}.abcd1234.tmp"
    leftover.write_bytes(b"half a file")
    write_file(target, b"whole\n")
    assert target.read_bytes() == b"whole\n"
    assert temp_files(tmp_path) == []
