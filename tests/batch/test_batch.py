"""``paralign batch`` on this machine: real pairs, real worker processes, real files."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import add_bad_pairs, align_one, write_collection
from hypothesis import given
from hypothesis import strategies as st

import paralign
from paralign.batch import COLUMNS, JOURNAL, SUMMARY_JSON, SUMMARY_TSV, Pair, Row, run_pairs
from paralign.batch.collection import from_folders
from paralign.batch.runner import digest
from paralign.batch.settings import Settings
from paralign.cli import main

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "texts"
LANGS = {"src_lang": "es", "tgt_lang": "en"}


@pytest.fixture
def collection(tmp_path):
    return write_collection(tmp_path / "in")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_two_workers_write_the_bytes_of_one_align_per_pair_even_when_one_is_killed(
    collection, tmp_path
):
    src, tgt, names = collection
    out = tmp_path / "out"
    pairs = from_folders(src, tgt, out, Settings(**LANGS))
    killed = []

    def kill_a_worker(row):
        for pid in worker_pids()[:1]:
            if not killed:
                os.kill(pid, signal.SIGKILL)  # the pairs it held are run again in a new pool
                killed.append(pid)

    result = run_pairs(pairs, out, workers=2, on_result=kill_a_worker)
    assert result.workers == 2 and killed
    assert [(r.name, r.status) for r in result.rows] == [(n, "done") for n in names]
    for name in names:
        align_one(src / f"{name}.txt", tgt / f"{name}.txt", tmp_path / f"{name}.xml")
        assert (out / f"{name}.xml").read_bytes() == (tmp_path / f"{name}.xml").read_bytes()


def test_formats_of_several_files_and_the_review(tmp_path):
    src, tgt, names = write_collection(tmp_path / "in", parts=1)
    result = paralign.batch(
        tmp_path / "out", src_dir=src, tgt_dir=tgt, workers=0, format="moses", review=True, **LANGS
    )
    name = names[0]
    align_one(src / f"{name}.txt", tgt / f"{name}.txt", tmp_path / name, fmt="moses")
    for lang in ("es", "en"):
        made = tmp_path / "out" / f"{name}.{lang}"
        assert made.read_bytes() == (tmp_path / f"{name}.{lang}").read_bytes()
    html = (tmp_path / "out" / f"{name}.review.html").read_text(encoding="utf-8")
    assert "<html" in html.lower() and f"{name}.txt" in html
    row = result.rows[0]
    assert row.findings is not None and row.findings >= 0
    assert set(row.outputs) == {f"{name}.es", f"{name}.en", f"{name}.review.html"}


def test_bad_pairs_are_reported_and_never_stop_the_others(collection, tmp_path, capsys):
    src, tgt, names = collection
    bad = add_bad_pairs(src, tgt)
    (src / "huge.txt").write_text("Una frase larga. " * 4000, encoding="utf-8")  # 68 KiB
    (tgt / "huge.txt").write_text("A long sentence. " * 4000, encoding="utf-8")
    bad["huge"] = "over the 40 KiB size limit"
    out = tmp_path / "out"
    argv = ["batch", "--src-dir", str(src), "--tgt-dir", str(tgt), "-o", str(out)]
    argv += ["--max-size", "40K", "--workers", "0", "-q"]
    status = main([*argv, "--src-lang", "es", "--tgt-lang", "en"])
    assert status == 1  # some pair failed
    rows = {r["name"]: r for r in read_tsv(out / SUMMARY_TSV)}
    assert sorted(rows) == sorted(names + list(bad))
    for name, words in bad.items():
        assert rows[name]["status"] == "failed" and words in rows[name]["error"]
        assert "\n" not in rows[name]["error"]
        assert not list(out.glob(f"{name}.*"))
    for name in names:
        row = rows[name]
        assert row["status"] == "done" and not row["error"]
        assert int(row["src_sentences"]) > 0 and int(row["tgt_sentences"]) > 0
        assert (row["src_lang"], row["tgt_lang"]) == ("es", "en")
        assert (row["src_detected"], row["tgt_detected"]) == ("es", "en")
        assert 0 < float(row["mean_confidence"]) <= 1 and 0 <= float(row["doubtful_share"]) <= 1
        shapes = dict(s.split(":") for s in row["shapes"].split())
        assert sum(int(n) for n in shapes.values()) == int(row["beads"])
        assert row["outputs"] == f"{name}.xml"
    report = json.loads((out / SUMMARY_JSON).read_text(encoding="utf-8"))
    assert report["pairs"] == len(rows) and report["failed"] == len(bad)
    assert [r["name"] for r in report["rows"]] == list(rows)


def test_a_rerun_redoes_only_what_changed(collection, tmp_path):
    src, tgt, names = collection
    out = tmp_path / "out"
    first = paralign.batch(out, src_dir=src, tgt_dir=tgt, workers=0, **LANGS)
    assert first.counts() == {"done": 3}
    kept = {n: os.stat(out / f"{n}.xml").st_mtime_ns for n in names}
    again = paralign.batch(out, src_dir=src, tgt_dir=tgt, workers=0, **LANGS)
    assert again.counts() == {"unchanged": 3}
    assert again.rows[0].beads == first.rows[0].beads  # the row is kept
    assert {n: os.stat(out / f"{n}.xml").st_mtime_ns for n in names} == kept
    # an input changed, an output removed, an output damaged: those three are redone
    with open(src / f"{names[0]}.txt", "a", encoding="utf-8") as fh:
        fh.write("Una frase más al final.\n")
    (out / f"{names[1]}.xml").unlink()
    (out / f"{names[2]}.xml").write_bytes(b"<TEI")
    third = paralign.batch(out, src_dir=src, tgt_dir=tgt, workers=0, **LANGS)
    assert third.counts() == {"done": 3}
    # other settings: every pair is redone
    fourth = paralign.batch(out, src_dir=src, tgt_dir=tgt, workers=0, max_bead=4, **LANGS)
    assert fourth.counts() == {"done": 3}


def test_an_interrupted_run_resumes_with_what_was_unfinished(collection, tmp_path):
    src, tgt, names = collection
    out = tmp_path / "out"
    pairs = from_folders(src, tgt, out, Settings(**LANGS))
    seen = []

    def interrupt(row):
        seen.append(row.name)
        raise KeyboardInterrupt  # Ctrl-C as the first pair is settled

    with pytest.raises(KeyboardInterrupt):
        run_pairs(pairs, out, workers=0, on_result=interrupt)
    assert seen == [names[0]]
    assert sorted(p.name for p in out.iterdir()) == [JOURNAL, f"{names[0]}.xml"]
    resumed = paralign.batch(out, src_dir=src, tgt_dir=tgt, workers=0, **LANGS)
    assert [r.status for r in resumed.rows] == ["unchanged", "done", "done"]


def test_a_killed_run_leaves_no_partial_output(collection, tmp_path):
    src, tgt, names = collection
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "paralign", "batch", "--src-dir", str(src)]
    argv += ["--tgt-dir", str(tgt), "-o", str(out), "--src-lang", "es", "--tgt-lang", "en"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([*argv, "--workers", "1", "-q"], env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not (out / JOURNAL).is_file() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers, at once
        proc.wait()
    journal = (out / JOURNAL).read_text(encoding="utf-8").splitlines()
    finished = {json.loads(line)["name"] for line in journal}
    assert finished
    for path in out.iterdir():  # whatever is there is whole: no temporary file, no half file
        assert not path.name.endswith(".tmp")
        if path.suffix == ".xml":
            assert path.stem in finished and path.read_bytes().rstrip().endswith(b"</TEI>")
    resumed = paralign.batch(out, src_dir=src, tgt_dir=tgt, workers=0, **LANGS)
    assert {r.name for r in resumed.rows if r.status == "unchanged"} == finished
    assert not resumed.failed


def test_a_manifest_with_relative_paths_and_per_pair_settings(collection, tmp_path):
    src, tgt, names = collection
    folder = src.parent
    (folder / "pairs.tsv").write_text(
        "source\ttarget\tsrc_lang\ttgt_lang\toutput\tformat\n"
        f"es/{names[0]}.txt\ten/{names[0]}.txt\tes\ten\tletters/first.xml\t\n"
        f"es/{names[1]}.txt\ten/{names[1]}.txt\tes\ten\t\ttmx\n"
        f"../outside.txt\ten/{names[2]}.txt\tes\ten\tthird\t\n"
        f"es/{names[2]}.txt\ten/{names[2]}.txt\tes\ten\t../../escape\t\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = paralign.batch(out, manifest=folder / "pairs.tsv", workers=0)
    rows = {r.name: r for r in result.rows}
    assert rows["first"].outputs == ["letters/first.xml"]
    assert (out / "letters" / "first.xml").is_file()
    assert rows[names[1]].outputs == [f"{names[1]}.tmx"]
    assert rows["third"].status == "failed" and "leaves its folder" in rows["third"].error
    assert rows["escape"].status == "failed" and "output" in rows["escape"].error
    align_one(src / f"{names[1]}.txt", tgt / f"{names[1]}.txt", tmp_path / "ref.tmx", fmt="tmx")
    assert (out / f"{names[1]}.tmx").read_bytes() == (tmp_path / "ref.tmx").read_bytes()


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_manifest_kinds(collection, tmp_path, kind):
    src, tgt, names = collection
    folder = src.parent
    if kind == "csv":
        text = "name,source,target,max_bead\n" + "".join(
            f"{n},es/{n}.txt,en/{n}.txt,4\n" for n in names
        )
    else:
        text = "".join(
            json.dumps({"name": n, "source": f"es/{n}.txt", "target": f"en/{n}.txt"}) + "\n"
            for n in names
        )
    (folder / f"pairs.{kind}").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = paralign.batch(out, manifest=folder / f"pairs.{kind}", workers=0, **LANGS)
    assert [r.name for r in result.rows] == names and not result.failed


def test_a_manifest_with_an_unknown_column_is_refused(tmp_path, capsys):
    (tmp_path / "m.csv").write_text("source,target,colour\na.txt,b.txt,red\n", encoding="utf-8")
    status = main(["batch", "--manifest", str(tmp_path / "m.csv"), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert status == 2 and err.startswith("paralign: error: ") and "'colour'" in err
    assert len(err.strip().splitlines()) == 1


def test_patterns_pair_files_by_name(tmp_path):
    src, tgt, names = write_collection(tmp_path / "in")
    for name in names:  # the target files get another suffix
        (tgt / f"{name}.txt").rename(tgt / f"{name}.en.txt")
    patterns = {"src": f"{src}/{{name}}.txt", "tgt": f"{tgt}/{{name}}.en.txt"}
    result = paralign.batch(tmp_path / "out", workers=0, **patterns, **LANGS)
    assert [r.name for r in result.rows] == names and not result.failed


def test_the_corpus_runner_writes_build_corpus_tei(tmp_path, capsys):
    lone = "1962-10-31_castro-to-khrushchev"
    corpus = tmp_path / "texts"
    shutil.copytree(TEXTS / lone, corpus / lone)
    result = paralign.batch(tmp_path / "out", corpus=corpus, workers=0)
    assert result.rows[0].status == "done" and result.rows[0].src_sentences == 51
    committed = (TEXTS / lone / f"{lone}.tei.xml").read_bytes()
    assert (tmp_path / "out" / f"{lone}.tei.xml").read_bytes() == committed
    # build-corpus: the same runner, each TEI in its document folder, no summary
    (corpus / lone / f"{lone}.tei.xml").unlink()
    assert main(["build-corpus", str(corpus), "--workers", "0"]) == 0
    assert (corpus / lone / f"{lone}.tei.xml").read_bytes() == committed
    assert f"{lone}: translation, 51 en sentences -> " in capsys.readouterr().out
    assert sorted(p.name for p in corpus.iterdir()) == [lone]


def worker_pids() -> list[int]:
    """The worker processes this process started (spawned interpreters)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == os.getpid() and b"spawn_main" in cmdline:
            pids.append(int(entry.name))
    return pids


def test_no_collection_or_two_are_refused(tmp_path, capsys):
    assert main(["batch", "-o", str(tmp_path)]) == 2
    assert "give one collection" in capsys.readouterr().err
    argv = ["batch", "--corpus", "texts", "--manifest", "m.csv", "-o", str(tmp_path)]
    assert main(argv) == 2


@given(
    name=st.text(min_size=1, max_size=20),
    error=st.text(max_size=60),
    shapes=st.dictionaries(st.sampled_from(["1-1", "2-1", "1-0", "0-1"]), st.integers(0, 99)),
)
def test_a_summary_row_is_one_tsv_line_of_every_column(name, error, shapes):
    row = Row(name=name, status="failed", error=error, shapes=shapes, seconds=1.5)
    cells = row.cells()
    assert len(cells) == len(COLUMNS)
    assert all("\t" not in c and "\n" not in c and "\r" not in c for c in cells)
    line = "\t".join(cells)
    assert len(line.split("\t")) == len(COLUMNS)


@given(data=st.binary(max_size=40), other=st.binary(max_size=40), max_bead=st.integers(2, 9))
def test_the_content_hash_changes_with_the_bytes_and_the_settings(data, other, max_bead):
    pair = Pair("p", "texts", Path("a.txt"), Path("b.txt"), Path("out"), "p", Settings())
    inputs = {"src": ("a.txt", data), "tgt": ("b.txt", data)}
    assert digest(pair, inputs) == digest(pair, dict(inputs))
    changed = {"src": ("a.txt", other), "tgt": ("b.txt", data)}
    assert (digest(pair, changed) == digest(pair, inputs)) == (data == other)
    tuned = Pair(
        "p", "texts", Path("a.txt"), Path("b.txt"), Path("out"), "p", Settings(max_bead=max_bead)
    )
    assert (digest(tuned, inputs) == digest(pair, inputs)) == (max_bead == Settings().max_bead)
