"""From a raw transcription to TEI and review, through the doors a user uses.

Seed 001 (texts/1962-12-02_mikoyan-kennedy-conversations) is a raw archival
transcription: catalogue record, the Spanish memo with its letterhead repeated on
every page, page numbers and words broken across pages, then the English
translation. ``paralign align`` and ``paralign review`` take it as it is (the file,
its folder, or the two halves) and clean it as ``build-corpus`` does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree
from sample_pair import TRANSCRIPTION, sample_pair, write_sample_pair

from paralign import align
from paralign.cli import main
from paralign.inputs import read_inputs
from paralign.tei import read_tei

FOLDER = TRANSCRIPTION.parent
CORPUS_TEI = FOLDER / f"{FOLDER.name}.tei.xml"
TEI = "{http://www.tei-c.org/ns/1.0}"
LETTERHEAD = "MISION PERMANENTE"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sentences(path: Path) -> list[str]:
    root = etree.parse(str(path)).getroot()
    return [" ".join("".join(s.itertext()).split()) for s in root.iter(f"{TEI}s")]


def links(path: Path) -> list[tuple[str, str | None]]:
    root = etree.parse(str(path)).getroot()
    group = next(root.iter(f"{TEI}linkGrp"))
    return [(el.get("target"), el.get("type")) for el in group]


@pytest.fixture(scope="module")
def from_raw(tmp_path_factory) -> Path:
    """``paralign align transcription.txt`` (languages left to detection)."""
    out = tmp_path_factory.mktemp("raw") / "seed001.tei.xml"
    assert main(["align", str(TRANSCRIPTION), "-o", str(out), "-q"]) == 0
    return out


def test_the_raw_transcription_aligns_as_build_corpus_does(from_raw):
    # the same sentences and the same beads as the committed corpus file: 56 Spanish
    # sentences (not 81), no letterhead inside a sentence, no 1-0 bead
    assert sentences(from_raw) == sentences(CORPUS_TEI)
    assert links(from_raw) == links(CORPUS_TEI)
    texts = read_tei(from_raw).src.texts
    assert len(texts) == 56
    assert not any(LETTERHEAD in t for t in texts)
    root = etree.parse(str(from_raw)).getroot()
    es = next(t for t in root.iter(f"{TEI}text") if t.get(XML_LANG) == "es")
    # the furniture is in the TEI as the corpus files have it
    for tag in ("fw", "pb", "lb"):
        assert list(es.iter(f"{TEI}{tag}")), tag
    assert any(fw.text and LETTERHEAD in fw.text for fw in es.iter(f"{TEI}fw"))
    assert all(t != "1-0" for _, t in links(from_raw))


def test_the_folder_and_the_two_halves_give_the_same_sentences(capsys, tmp_path, from_raw):
    out = tmp_path / "folder.xml"
    code, _, err = run_main(capsys, "align", str(FOLDER), "-o", str(out))
    assert code == 0, err
    assert sentences(out) == sentences(from_raw)
    es, en = write_sample_pair(tmp_path)
    halves = tmp_path / "halves.xml"
    code, _, err = run_main(capsys, "align", str(es), str(en), "-o", str(halves), "-q")
    assert code == 0, err
    assert sentences(halves) == sentences(from_raw)
    assert links(halves) == links(from_raw)


def test_no_clean_leaves_the_letterhead_in_the_sentences(capsys, tmp_path):
    out = tmp_path / "plain.xml"
    code, _, err = run_main(capsys, "align", str(TRANSCRIPTION), "--no-clean", "-o", str(out))
    assert code == 0, err
    assert any(LETTERHEAD in t for t in read_tei(out).src.texts)


def test_omitted_languages_are_detected_and_said(capsys, tmp_path):
    out = tmp_path / "pair.xml"
    code, _, err = run_main(capsys, "align", str(TRANSCRIPTION), "-o", str(out))
    assert code == 0, err
    line = next(ln for ln in err.splitlines() if "languages:" in ln)
    assert re.search(r"es \(detected, confidence 1\.00\), en \(detected, confidence 1\.00\)", line)
    header = etree.parse(str(out)).getroot().find(f"{TEI}teiHeader")
    assert header is not None
    assert b"detected" in etree.tostring(etree.parse(str(out)))


def test_two_files_swapped_stop_with_one_line_that_says_how_to_override(capsys, tmp_path):
    es, en = write_sample_pair(tmp_path)
    out = tmp_path / "swapped.xml"
    argv = ["align", str(en), str(es), "--src-lang", "es", "--tgt-lang", "en", "-o", str(out)]
    code, _, err = run_main(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("paralign: error: the two texts look swapped")
    assert "--no-language-check" in err
    assert not out.exists()
    # Spanish given as English (both sides): the Spanish side is named, with the way out
    code, _, err = run_main(capsys, "align", str(es), str(en), "--src-lang", "en", "--tgt-lang",
                            "en", "-o", str(out))  # fmt: skip
    assert code == 2
    assert f"{es} reads as es" in err and "--src-lang es" in err and err.count("\n") == 1
    # the override aligns them as given
    code, _, err = run_main(capsys, *argv, "--no-language-check", "-q")
    assert code == 0, err
    assert read_tei(out).src.lang == "es"


def test_the_api_cleans_raw_text_and_never_presegmented_text():
    es, en = sample_pair()
    cleaned = align(es, en)  # languages detected
    assert (cleaned.src.lang, cleaned.tgt.lang) == ("es", "en")
    assert len(cleaned.src) == 56
    assert not any(LETTERHEAD in t for t in cleaned.src.texts)
    assert any(s.kind == "fw" for s in cleaned.src.kept_out)
    plain = align(es, en, clean=False)
    assert any(LETTERHEAD in t for t in plain.src.texts)
    lines = [LETTERHEAD + " DE CUBA", *cleaned.src.texts[:5]]
    pre = align(lines, cleaned.tgt.texts[:5], src_lang="es", tgt_lang="en", presegmented=True)
    assert pre.src.texts == lines and not pre.src.kept_out


def test_clean_is_a_no_op_on_text_without_furniture(shared):
    # Candide's first chapters as paragraphs of running text: nothing kept out, the
    # same sentences with and without the clean stage
    from paralign.archive import clean_document
    from paralign.segment import segment

    lines = (shared / "eval" / "candide-es-en" / "candide.es").read_text("utf-8").splitlines()
    raw = "\n\n".join(" ".join(lines[i : i + 5]) for i in range(0, 300, 5))
    doc = clean_document(raw, "es")
    assert doc.kept_out == []
    assert doc.texts == segment(raw, "es").texts


def test_review_reads_an_existing_tei_alignment_without_aligning_again(capsys, tmp_path):
    report = tmp_path / "r.html"
    jsonl = tmp_path / "r.jsonl"
    code, _, err = run_main(
        capsys, "review", str(CORPUS_TEI), "-o", str(report), "--json", str(jsonl)
    )
    assert code == 0, err
    alignment = read_tei(CORPUS_TEI)
    assert f"{len(alignment.beads)} beads" in err
    assert report.read_text("utf-8").startswith("<!DOCTYPE html>")
    rows = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    assert rows and all(0 <= r["bead"] <= len(alignment.beads) for r in rows)


def test_one_input_kind_at_a_time_with_one_line_errors(tmp_path):
    from paralign.errors import InputError

    es, en = write_sample_pair(tmp_path)
    with pytest.raises(InputError, match="got 3 paths"):
        read_inputs([es, en, es])
    with pytest.raises(InputError, match="without metadata.toml"):
        read_inputs(tmp_path / ".." / tmp_path.name)
    with pytest.raises(InputError, match="is XML"):
        read_inputs(CORPUS_TEI)
    with pytest.raises(InputError, match="--presegmented needs two files"):
        read_inputs(TRANSCRIPTION, presegmented=True)
    assert read_inputs(CORPUS_TEI, tei=True).alignment is not None


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> tuple[Path, str]:
    """``paralign review transcription.txt`` with the report, TEI and JSON lines."""
    import contextlib
    import io

    folder = tmp_path_factory.mktemp("review")
    err = io.StringIO()
    argv = ["review", str(TRANSCRIPTION), "-o", str(folder / "r.html")]
    argv += ["--tei", str(folder / "r.xml"), "--json", str(folder / "r.jsonl")]
    with contextlib.redirect_stderr(err):
        assert main(argv) == 0
    return folder, err.getvalue()


def test_the_review_puts_the_departures_of_the_translation_first(reviewed):
    folder, _ = reviewed
    rows = [json.loads(line) for line in (folder / "r.jsonl").read_text("utf-8").splitlines()]
    first = rows[:5]
    assert any(r["kind"] == "number" and "135" in r["explanation"] for r in first)
    assert any(r["kind"] == "meaning" and '"right"' in r["explanation"] for r in first)
    assert any(r["kind"] == "meaning" and "might" in r["explanation"] for r in first)
    # letterheads and page numbers are no omissions; findings a doubtful alignment may
    # cause are said to be so and come after every departure of the translation
    assert not any(r["kind"] == "omission" for r in rows)
    doubtful = [k for k, r in enumerate(rows) if r["evidence"].get("alignment") == "doubtful"]
    assert doubtful and all("doubtful alignment" in rows[k]["explanation"] for k in doubtful)
    assert doubtful == list(range(len(rows) - len(doubtful), len(rows)))


def test_bead_numbers_agree_in_terminal_json_html_and_tei(reviewed):
    folder, err = reviewed
    rows = [json.loads(line) for line in (folder / "r.jsonl").read_text("utf-8").splitlines()]
    top = rows[0]
    assert re.search(rf"bead\s+{top['bead']}\s+{top['kind']}", err)
    html = (folder / "r.html").read_text("utf-8")
    assert f'href="#b-{top["bead"] - 1}">bead {top["bead"]}</a>' in html
    root = etree.parse(str(folder / "r.xml")).getroot()
    ids = {el.get("{http://www.w3.org/XML/1998/namespace}id") for el in root.iter()}
    assert all(r["link"] in ids and r["link"] == f"al{r['bead']}" for r in rows)


def test_the_words_that_trigger_a_finding_are_highlighted(reviewed):
    folder, err = reviewed
    html = (folder / "r.html").read_text("utf-8")
    assert '<mark class="trigger">right</mark>' in html
    assert '<mark class="trigger">might</mark>' in html
    assert '"»right«"' in err and "»might«" in err  # not a terminal: marked in »…«
