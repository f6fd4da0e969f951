"""Writing files (paralign.files) through the commands: whole files or none, the
permissions the umask gives, missing folders made, one clear line for every failure.

The tests run as root in CI, where a folder's permission bits do not stop a write,
so an unwritable place is one the kernel refuses to everyone: a path below a
regular file, a symbolic link loop, /sys, and /dev/full for standard output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fake_encoder import HashingEncoder

from paralign import pipeline
from paralign.cli import main
from paralign.files import WriteError, write_file, write_files

TEXTS = Path(__file__).resolve().parents[1] / "texts"
ES = "Mikoyan habló extensamente de su visita a Cuba.\nKennedy no hizo comentario alguno.\n"
EN = "Mikoyan spoke extensively on his visit to Cuba.\nKennedy made no comment.\n"


pytestmark = pytest.mark.usefixtures("no_cache")


@pytest.fixture
def pair(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """Two presegmented files, aligned with the fast hashing encoder."""
    monkeypatch.setattr(pipeline, "load_encoder", lambda *a, **k: HashingEncoder())
    src, tgt = tmp_path / "es.txt", tmp_path / "en.txt"
    src.write_text(ES, encoding="utf-8")
    tgt.write_text(EN, encoding="utf-8")
    return src, tgt


def align(capsys, pair, *options: str) -> tuple[int, str, str]:
    src, tgt = pair
    argv = ["align", str(src), str(tgt), "--src-lang", "es", "--tgt-lang", "en"]
    code = main([*argv, "--presegmented", "-q", *options])
    out, err = capsys.readouterr()
    return code, out, err


def with_umask(mask: int, fn):
    old = os.umask(mask)
    try:
        return fn()
    finally:
        os.umask(old)


def test_a_path_below_a_regular_file_is_one_line(capsys, pair, tmp_path):
    (tmp_path / "plain").write_text("a file, not a folder\n")
    out = tmp_path / "plain" / "out.xml"
    code, _, err = align(capsys, pair, "-o", str(out))
    assert code == 2
    assert err == f"paralign: error: cannot write {out}: not a directory\n"


def test_a_symbolic_link_loop_is_one_line(capsys, pair, tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    for out in (tmp_path / "loop", tmp_path / "loop" / "out.xml"):
        code, _, err = align(capsys, pair, "-o", str(out))
        assert code == 2
        assert err == f"paralign: error: cannot write {out}: too many levels of symbolic links\n"


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux /sys")
def test_a_folder_nobody_may_write_is_one_line(capsys, pair):
    out = Path("/sys/paralign-out.xml")
    code, _, err = align(capsys, pair, "-o", str(out))
    assert code == 2
    assert err == f"paralign: error: cannot write {out}: permission denied\n"
    assert not out.exists()


def test_missing_folders_are_created(capsys, pair, tmp_path):
    out = tmp_path / "new" / "deeper" / "out.txt"
    code, _, err = align(capsys, pair, "-f", "vecalign", "-o", str(out))
    assert (code, err) == (0, "")
    assert out.read_text().startswith("[0]:[0]:")
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.txt"]


def test_a_multi_file_format_into_new_folders(capsys, pair, tmp_path):
    code, _, _ = align(capsys, pair, "-f", "xces", "-o", str(tmp_path / "out" / "pair.xml"))
    assert code == 0
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == ["en.txt", "es.txt", "out/en/pair.xml", "out/es/pair.xml", "out/pair.xml"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_file_gets_the_mode_the_umask_gives(capsys, pair, tmp_path, umask, mode):
    out = tmp_path / "out.xml"
    code, _, _ = with_umask(umask, lambda: align(capsys, pair, "-o", str(out)))
    assert code == 0
    assert out.stat().st_mode & 0o777 == mode


def test_build_corpus_output_follows_the_umask(tmp_path):
    folder = "1962-10-31_castro-to-khrushchev"
    shutil.copytree(TEXTS / folder, tmp_path / folder)
    target = tmp_path / folder / f"{folder}.tei.xml"
    target.unlink()
    done = subprocess.run(
        [sys.executable, "-m", "paralign", "build-corpus", "-q", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert done.returncode == 0, done.stderr
    assert target.stat().st_mode & 0o777 == 0o644
    assert target.read_bytes() == (TEXTS / folder / f"{folder}.tei.xml").read_bytes()


def test_a_killed_writes_temporary_files_are_removed_by_the_next_write(capsys, pair, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = tmp_path / "out.xml"
    stale = tmp_path / f".out.xml.{dead.pid}.k1ll3d00.tmp"  # a process that no longer runs
    old = tmp_path / ".out.xml.abcdefgh.tmp"  # an earlier version's name, hours old
    live = tmp_path / f".out.xml.{os.getpid()}.runn1ng0.tmp"  # a write in progress
    other = tmp_path / f".out.xml.bak.{dead.pid}.k1ll3d00.tmp"  # another file's
    for path in (stale, old, live, other):
        path.write_text("half a file")
    os.utime(old, (1, 1))
    code, _, _ = align(capsys, pair, "-o", str(out))
    assert code == 0
    assert sorted(p.name for p in tmp_path.glob(".*")) == sorted([live.name, other.name])


def test_a_failed_multi_file_write_leaves_nothing_behind(tmp_path):
    (tmp_path / "plain").write_text("x")
    (tmp_path / "kept.txt").write_text("before")
    outputs = {
        tmp_path / "kept.txt": b"after",
        tmp_path / "new" / "a" / "one.txt": b"1",
        tmp_path / "new" / "b" / "two.txt": b"2",
        tmp_path / "plain" / "three.txt": b"3",
    }
    with pytest.raises(WriteError) as info:
        write_files(outputs)
    assert str(info.value) == f"cannot write {tmp_path / 'plain' / 'three.txt'}: not a directory"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.txt", "plain"]
    assert (tmp_path / "kept.txt").read_text() == "before"


def test_writing_through_a_symbolic_link_keeps_the_link(tmp_path):
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    write_file(tmp_path / "link.txt", b"new")
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text() == "new"


# Standard output


@pytest.fixture
def tei_file(capsys, pair, tmp_path) -> Path:
    out = tmp_path / "pair.xml"
    assert align(capsys, pair, "-o", str(out))[0] == 0
    return out


def convert_to_stdout(tei: Path, redirect: str) -> subprocess.CompletedProcess:
    """``paralign convert TEI -f tsv`` with standard output redirected by the shell."""
    command = f'"{sys.executable}" -m paralign convert "{tei}" -f tsv {redirect}'
    return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_is_one_line(tei_file):
    done = convert_to_stdout(tei_file, "> /dev/full")
    assert done.returncode == 2
    assert done.stderr == (
        "paralign: error: cannot write to standard output: no space left on device\n"
    )


def test_a_closed_standard_output_is_one_line(tei_file):
    done = convert_to_stdout(tei_file, ">&-")
    assert done.returncode == 2
    assert done.stderr == "paralign: error: cannot write to standard output: it is closed\n"


def test_a_reader_that_goes_away_is_one_line(tei_file):
    done = convert_to_stdout(tei_file, "| true")
    # the shell's status is the reader's; the error line is paralign's
    assert "Traceback" not in done.stderr
    assert done.stderr in ("", "paralign: error: cannot write to standard output: broken pipe\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_printed_reports_on_a_full_standard_output_are_one_line(tmp_path):
    folder = "1962-10-31_castro-to-khrushchev"
    shutil.copytree(TEXTS / folder, tmp_path / folder)
    command = f'"{sys.executable}" -m paralign build-corpus "{tmp_path}" > /dev/full'
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == (
        "paralign: error: cannot write to standard output: no space left on device\n"
    )
