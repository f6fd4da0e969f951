"""Bad option values and hostile inputs through the command line: each is one line on
standard error starting ``paralign: error:``, exit status 2, no traceback, and no output
file changed (the breaks of issue #24, kept as regression tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fake_encoder import HashingEncoder

import paralign
from paralign.aligner import AlignerConfig
from paralign.cli import main
from paralign.errors import FormatError, InputError
from paralign.export import export

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "texts"
LONE = "1962-10-31_castro-to-khrushchev"  # a translation alone: built without an encoder
BILINGUAL = "1962-12-02_mikoyan-kennedy-conversations"

ES = [f"La frase número {i} habla de la casa y del perro." for i in range(20)]
EN = [f"Sentence number {i} speaks of the house and the dog." for i in range(20)]
BEFORE = b"an output the user already has\n"


pytestmark = pytest.mark.usefixtures("no_cache")


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path, Path]:
    """A presegmented pair and an output file that already holds something."""
    src, tgt, out = tmp_path / "es.txt", tmp_path / "en.txt", tmp_path / "out.xml"
    src.write_text("\n".join(ES) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(EN) + "\n", encoding="utf-8")
    out.write_bytes(BEFORE)
    return src, tgt, out


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    """Run ``paralign ARGV`` in this process: exit status, stdout, stderr."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error(code: int, err: str, *, status: int = 2) -> str:
    """The promise: one line ``paralign: error: …``, the exit status, no traceback."""
    assert code == status, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("paralign: error: "), err
    return lines[0]


def align_argv(src, tgt, out, *options: str) -> list[str]:
    return ["align", src, tgt, "--src-lang", "es", "--tgt-lang", "en", "-o", out, *options]


# ------------------------------------------------------------------ option bounds


@pytest.mark.parametrize(
    "value", ["17", "128", "200", "1000", "100000", "1", "0", "-3", "x", "8.5"]
)
def test_max_bead_out_of_bounds_is_one_line(capsys, pair, fake_model, value):
    src, tgt, out = pair
    code, _, err = cli(capsys, *align_argv(src, tgt, out, "--presegmented", "--max-bead", value))
    line = assert_one_error(code, err)
    assert "--max-bead" in line
    if value.isdigit() and int(value) > 16:
        assert "at most 16" in line and "max_bead²" in line and "int8" in line
    assert out.read_bytes() == BEFORE


def test_max_bead_is_bounded_for_review_too(capsys, pair, fake_model, tmp_path):
    src, tgt, _ = pair
    html = tmp_path / "r.html"
    code, _, err = cli(capsys, "review", src, tgt, "-o", html, "--max-bead", "100000")
    assert "at most 16" in assert_one_error(code, err)
    assert not html.exists()


def test_the_largest_max_bead_allowed_aligns(capsys, pair, fake_model):
    # 16 gives 122 bead shapes, the most an int8 code holds; 17 was an OverflowError
    src, tgt, out = pair
    code, _, err = cli(capsys, *align_argv(src, tgt, out, "--presegmented", "--max-bead", "16"))
    assert code == 0, err
    assert out.read_bytes() != BEFORE


@pytest.mark.parametrize("value", [17, 200, 100000, 1, True, "8", 8.0])
def test_the_api_refuses_max_bead_out_of_bounds(value):
    with pytest.raises(InputError, match="max_bead must be"):
        paralign.align(ES, EN, src_lang="es", tgt_lang="en", model=HashingEncoder(), max_bead=value)


def test_the_api_refuses_a_config_with_max_bead_out_of_bounds():
    config = AlignerConfig(max_bead=100000)
    with pytest.raises(InputError, match="int8"):
        paralign.align(ES, EN, src_lang="es", tgt_lang="en", model=HashingEncoder(), config=config)


@pytest.mark.parametrize("value", ["0", "0.0001", "-1", "nan", "inf", "1e400", "-inf", "x", "0K"])
def test_max_size_out_of_bounds_is_one_line(capsys, pair, value):
    src, tgt, out = pair
    code, _, err = cli(capsys, *align_argv(src, tgt, out, "--max-size", value))
    assert "--max-size" in assert_one_error(code, err)
    assert out.read_bytes() == BEFORE


@pytest.mark.parametrize("option", ["--max-size", "--max-mib"])
@pytest.mark.parametrize("value", ["0", "nan", "inf", "-2", "1e-9", "1e400"])
def test_xml_size_limits_out_of_bounds_are_one_line(capsys, tmp_path, option, value):
    tei = TEXTS / BILINGUAL / f"{BILINGUAL}.tei.xml"
    out = tmp_path / "out.tsv"
    out.write_bytes(BEFORE)
    for argv in (
        ["convert", tei, "-f", "tsv", "-o", out, option, value],
        ["validate", tei, option, value],
    ):
        code, _, err = cli(capsys, *argv)
        assert_one_error(code, err)
    assert out.read_bytes() == BEFORE


@pytest.mark.parametrize("value", ["nan", "-0.1", "1.5", "inf", "x"])
def test_confidence_and_severity_out_of_bounds_are_one_line(capsys, pair, tmp_path, value):
    src, tgt, _ = pair
    tei = TEXTS / BILINGUAL / f"{BILINGUAL}.tei.xml"
    code, _, err = cli(capsys, "convert", tei, "-f", "tsv", "--min-confidence", value)
    assert "--min-confidence" in assert_one_error(code, err)
    code, _, err = cli(
        capsys, "review", src, tgt, "-o", tmp_path / "r.html", "--min-severity", value
    )
    assert "--min-severity" in assert_one_error(code, err)


def test_a_usage_error_is_one_line_through_a_real_process(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "paralign", "align", "a", "b", "--max-bead", "many"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert_one_error(result.returncode, result.stderr)
    assert "--max-bead" in result.stderr


# ------------------------------------------------------------------ encodings


NOT_TEXT = ["base64", "rot13", "hex", "zlib", "uu", "bz2", "quopri", "undefined", "idna"]


@pytest.mark.parametrize("encoding", [*NOT_TEXT, "no-such-codec"])
def test_split_bilingual_refuses_an_encoding_that_is_not_a_text_encoding(
    capsys, tmp_path, encoding
):
    out = tmp_path / "split"
    source = TEXTS / BILINGUAL / "transcription.txt"
    code, _, err = cli(capsys, "split-bilingual", source, "--encoding", encoding, "-o", out)
    line = assert_one_error(code, err)
    assert repr(encoding) in line
    assert not out.exists()


def corpus_copy(tmp_path: Path, name: str = LONE) -> Path:
    """A corpus folder holding a copy of one seed document; returns the document folder."""
    folder = tmp_path / "corpus" / name
    shutil.copytree(TEXTS / name, folder)
    return folder


def set_source(folder: Path, key: str, value: str) -> None:
    """Set one key of the metadata file's [source] table (a TOML basic string)."""
    meta = folder / "metadata.toml"
    lines = meta.read_text(encoding="utf-8").splitlines()
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    kept = [line for line in lines if not line.startswith(f"{key} =")]
    at = kept.index("[source]") + 1
    kept.insert(at, f'{key} = "{escaped}"')
    meta.write_text("\n".join(kept) + "\n", encoding="utf-8")


def tei_of(folder: Path) -> Path:
    return folder / f"{folder.name}.tei.xml"


@pytest.mark.parametrize("encoding", NOT_TEXT)
def test_build_corpus_refuses_a_metadata_encoding_that_is_not_a_text_encoding(
    capsys, tmp_path, encoding
):
    folder = corpus_copy(tmp_path)
    set_source(folder, "encoding", encoding)
    before = tei_of(folder).read_bytes()
    code, _, err = cli(capsys, "build-corpus", folder.parent, "-q")
    line = assert_one_error(code, err)
    assert "[source] encoding" in line and repr(encoding) in line
    assert tei_of(folder).read_bytes() == before


# ------------------------------------------------------------------ metadata.toml


@pytest.mark.parametrize(
    "content",
    [
        '[source]\ntranscription = "transcripción.txt"\n'.encode("latin-1"),
        b"\x00\x01\x02\xff\xfe binary \x00" * 20,
        b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
        b"a = " + b"{b = " * 5000 + b"1" + b"}" * 5000 + b"\n",
        b"[record]\ntitle = 3\n",
        b"[source\n",
    ],
    ids=["latin-1", "binary", "nested-arrays", "nested-tables", "not-a-string", "bad-toml"],
)
def test_a_bad_metadata_file_is_one_line(capsys, tmp_path, content):
    folder = corpus_copy(tmp_path)
    (folder / "metadata.toml").write_bytes(content)
    before = tei_of(folder).read_bytes()
    code, _, err = cli(capsys, "build-corpus", folder.parent, "-q")
    assert "metadata.toml" in assert_one_error(code, err)
    assert tei_of(folder).read_bytes() == before


@pytest.mark.parametrize(
    "name",
    ["/etc/hostname", "../../../x.txt", "../outside.txt", "sub/../../outside.txt", "C:\\x.txt"],
)
def test_build_corpus_refuses_a_transcription_outside_its_folder(capsys, tmp_path, name):
    folder = corpus_copy(tmp_path)
    # a file the path would reach: its words must never get into the published TEI
    (tmp_path / "corpus" / "outside.txt").write_text("SECRET " * 200, encoding="utf-8")
    set_source(folder, "transcription", name)
    before = tei_of(folder).read_bytes()
    code, _, err = cli(capsys, "build-corpus", folder.parent, "-q")
    line = assert_one_error(code, err)
    assert "[source] transcription" in line
    assert tei_of(folder).read_bytes() == before


def test_build_corpus_refuses_a_link_out_of_the_folder(capsys, tmp_path):
    folder = corpus_copy(tmp_path)
    outside = tmp_path / "outside.txt"
    shutil.copy(folder / "transcription.txt", outside)
    (folder / "transcription.txt").unlink()
    (folder / "transcription.txt").symlink_to(outside)
    code, _, err = cli(capsys, "build-corpus", folder.parent, "-q")
    assert "symbolic link" in assert_one_error(code, err)


def test_a_transcription_in_a_sub_folder_is_fine(capsys, tmp_path):
    folder = corpus_copy(tmp_path)
    (folder / "raw").mkdir()
    (folder / "transcription.txt").rename(folder / "raw" / "t.txt")
    set_source(folder, "transcription", "raw/t.txt")
    code, _, err = cli(capsys, "build-corpus", folder.parent, "-q")
    assert code == 0, err


# ------------------------------------------------------------------ XML messages, dates


def test_a_libxml2_message_with_a_newline_is_one_line(capsys, tmp_path):
    ebcdic = tmp_path / "ebcdic.xml"
    ebcdic.write_bytes(b"\x4c\x6f\xa7\x94\x93\x40")  # '<?xml ' in EBCDIC
    for argv in (["validate", ebcdic], ["convert", ebcdic, "-f", "tsv"]):
        code, _, err = cli(capsys, *argv)
        assert "EBCDIC, line 1" in assert_one_error(code, err)


def test_a_text_node_over_libxml2s_limit_is_one_line(capsys, tmp_path):
    huge = tmp_path / "huge.xml"
    huge.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n' * 1
        + "<text>"
        + "a" * 10_000_100
        + "</text></TEI>",
        encoding="utf-8",
    )
    code, _, err = cli(capsys, "validate", huge)
    assert "XML_PARSE_HUGE" in assert_one_error(code, err)


@pytest.mark.parametrize("date", ["2020-13-45", "2019-02-29", "1962-00", "1962-12-32", "0000"])
def test_convert_refuses_an_impossible_date(capsys, tmp_path, date):
    tei = TEXTS / BILINGUAL / f"{BILINGUAL}.tei.xml"
    out = tmp_path / "out.tmx"
    out.write_bytes(BEFORE)
    code, _, err = cli(capsys, "convert", tei, "-f", "tmx", "-o", out, "--date", date)
    assert "--date" in assert_one_error(code, err)
    assert out.read_bytes() == BEFORE


def test_build_corpus_refuses_an_impossible_date(capsys, tmp_path):
    folder = corpus_copy(tmp_path)
    before = tei_of(folder).read_bytes()
    code, _, err = cli(capsys, "build-corpus", folder.parent, "--date", "1962-13-45")
    assert "--date" in assert_one_error(code, err)
    assert tei_of(folder).read_bytes() == before


def test_the_api_refuses_an_impossible_date():
    alignment = paralign.align(ES[:3], EN[:3], src_lang="es", tgt_lang="en", model=HashingEncoder())
    with pytest.raises(FormatError, match="calendar"):
        export(alignment, "tmx", date="2020-13-45")
    assert b'when="2020-02-29"' in export(alignment, "tei", date="2020-02-29")


@pytest.mark.parametrize("date", ["2020-13-45", "2019-02-29", "1962-12-00"])
def test_validate_calls_a_tei_with_an_impossible_date_invalid(capsys, tmp_path, date):
    good = (TEXTS / LONE / f"{LONE}.tei.xml").read_text(encoding="utf-8")
    assert 'when="1962-10-31"' in good
    bad = tmp_path / "bad.xml"
    bad.write_text(good.replace('when="1962-10-31"', f'when="{date}"', 1), encoding="utf-8")
    code, out, err = cli(capsys, "validate", bad)
    assert code == 1, out + err
    assert "Invalid attribute when for element date" in out
    code, _, _ = cli(capsys, "validate", TEXTS / LONE / f"{LONE}.tei.xml")
    assert code == 0


# ------------------------------------------------------------------ score


GOLD = "[0]:[0]\n[1]:[1]\n[2, 3]:[2]\n[4]:[]\n"


@pytest.mark.parametrize(
    ("test", "what"),
    [
        ("[0]:[0]\n[]:[]\n[1]:[1]\n", "empty"),
        ("[0]:[0]\n[0]:[0]\n[0]:[0]\n", "twice"),
        ("[0]:[0]\n[1]:[1]\n[1, 2]:[2]\n", "overlaps"),
        ("[0]:[0]\n[2, 3]:[2]\n[1]:[1]\n", "out of order"),
        ("[0, 0]:[0]\n", "twice"),
    ],
)
def test_score_refuses_what_is_not_an_alignment(capsys, tmp_path, test, what):
    gold, test_file = tmp_path / "gold.align", tmp_path / "test.align"
    gold.write_text(GOLD, encoding="utf-8")
    test_file.write_text(test, encoding="utf-8")
    code, out, err = cli(capsys, "score", gold, test_file)
    assert what in assert_one_error(code, err)
    assert out == ""


def test_score_accepts_a_gold_with_crossing_beads(capsys, tmp_path):
    # Text+Berg's hand alignment has crossing beads and a sentence in two beads
    gold, test_file = tmp_path / "gold.align", tmp_path / "test.align"
    gold.write_text("[0]:[1]\n[1]:[0]\n[2, 3]:[2]\n[3]:[3]\n", encoding="utf-8")
    test_file.write_text("[0]:[0]\n[1]:[1]\n[2, 3]:[2]\n", encoding="utf-8")
    code, out, err = cli(capsys, "score", gold, test_file)
    assert code == 0, err
    assert "precision" in out
    gold.write_text("[]:[]\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", gold, test_file)
    assert "empty" in assert_one_error(code, err)


# ------------------------------------------------------------------ counts, file modes


@pytest.mark.parametrize(
    "argv",
    [
        ["batch", "in", "-o", "out", "--workers", "100000"],
        ["batch", "in", "-o", "out", "--workers", "-1"],
        ["batch", "in", "-o", "out", "--retries", "1000000"],
        ["build-corpus", "texts", "--workers", "100000"],
        ["validate", "x.xml", "--max-errors", "-1"],
        ["validate", "x.xml", "--max-errors", "many"],
    ],
)
def test_counts_out_of_bounds_are_one_line(capsys, tmp_path, argv):
    code, _, err = cli(capsys, *argv)
    assert_one_error(code, err)
    assert not (tmp_path / "out").exists()


def test_build_corpus_writes_its_tei_with_the_umask_mode(capsys, tmp_path):
    # it wrote 0600 files (mkstemp's mode) before the one writer
    folder = corpus_copy(tmp_path)
    tei_of(folder).unlink()
    old = os.umask(0o022)
    try:
        code, _, err = cli(capsys, "build-corpus", folder.parent, "-q")
    finally:
        os.umask(old)
    assert code == 0, err
    assert tei_of(folder).stat().st_mode & 0o777 == 0o644
