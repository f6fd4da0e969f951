"""The seed corpus in texts/: its TEI is valid, up to date, and carries the archive's record."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fake_encoder import HashingEncoder
from lxml import etree

from paralign.archive.corpus import build_corpus, build_document, document_folders
from paralign.archive.metadata import load_metadata
from paralign.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "texts"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
BILINGUAL = "1962-12-02_mikoyan-kennedy-conversations"
LONE = ["1962-10-31_castro-to-khrushchev", "1962-11-25_dorticos-to-castro-on-mikoyan"]


def tei(folder: str) -> etree._ElementTree:
    path = TEXTS / folder / f"{folder}.tei.xml"
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))


def xp(tree, path: str) -> list:
    return tree.xpath(path, namespaces=NS)


def plain(el: etree._Element) -> str:
    """An element's text as a reader sees it: page furniture and notes left out."""
    skip = {f"{{{NS['t']}}}{tag}" for tag in ("fw", "note", "gap")}
    parts = [el.text or ""]
    for child in el:
        if child.tag not in skip:
            parts.append(plain(child))
        parts.append(child.tail or "")
    return "".join(parts)


@pytest.fixture(scope="module")
def tei_all(shared):
    """tei_all (P5 4.12.0), compiled once for this module (5-20 s)."""
    return etree.RelaxNG(etree.parse(str(shared / "schemas" / "tei_all.rng")))


def test_corpus_layout():
    folders = [p.name for p in document_folders(TEXTS)]
    assert folders == sorted([BILINGUAL, *LONE])
    for name in folders:
        meta = load_metadata(TEXTS / name / "metadata.toml")
        assert (TEXTS / name / meta.transcription).is_file()
        assert name.startswith(meta.record.date)
        assert meta.contents == ("bilingual" if name == BILINGUAL else "translation")
        assert meta.record.licence


@pytest.mark.parametrize("folder", [BILINGUAL, *LONE])
def test_tei_is_valid_against_tei_all(tei_all, folder):
    assert tei_all.validate(tei(folder)), str(tei_all.error_log)


def test_bilingual_tei_text_and_header():
    tree = tei(BILINGUAL)
    (es,) = xp(tree, "//t:text[@xml:lang='es']")
    broken = [s for s in xp(es, ".//t:s") if xp(s, "t:lb[@break='no']")]
    assert len(broken) == 1 and "sin llegar a ninguna votación en el Consejo" in plain(broken[0])
    assert xp(broken[0], "t:pb/@n") == ["2"] and "--2--" in xp(broken[0], "t:fw/text()")
    assert not [s for s in xp(es, ".//t:s") if "EAST 44TH" in plain(s)]
    assert len(xp(es, ".//t:div[@type='letter']")) == 2
    assert xp(es, ".//t:closer/t:signed/t:s/text()") == ["Osvaldo Dorticos Torredo"]
    (en,) = xp(tree, "//t:text[@xml:lang='en']")
    assert "Anatoly F. Dobrynin" in xp(en, ".//t:s/t:supplied/text()")
    assert xp(en, ".//t:s/t:note[@type='editorial']/text()") == ["i.e., draft-ed."]
    (translation,) = xp(tree, "//t:sourceDesc//t:bibl[@type='translation']")
    assert xp(translation, "t:editor[@role='translator']/text()") == ["Chris Dunlap"]
    assert xp(translation, ".//t:repository/text()") == ["Wilson Center Digital Archive"]
    assert xp(translation, "t:relatedItem/@target") == ["#bibl-src"]
    assert len(xp(tree, "//t:linkGrp/t:link")) > 40


@pytest.mark.parametrize("folder", LONE)
def test_lone_translation_says_its_original_is_not_in_the_corpus(folder):
    tree = tei(folder)
    (note,) = xp(tree, "//t:notesStmt/t:note/text()")
    assert "Spanish original is not part of it" in note
    (original,) = xp(tree, "//t:bibl[@type='original']")
    assert xp(original, "t:textLang/@mainLang") == ["es"]
    assert xp(tree, "//t:text/@xml:lang") == ["en"] and not xp(tree, "//t:standOff")


def test_excised_lines_are_a_gap():
    tree = tei(LONE[1])
    assert xp(tree, "//t:gap[@reason='excised']/t:desc/text()") == ["several lines excised"]


@pytest.mark.parametrize("folder", LONE)
def test_committed_tei_is_what_build_corpus_writes(tmp_path, folder):
    copy = tmp_path / folder
    shutil.copytree(TEXTS / folder, copy)
    built = build_document(copy)
    assert built.tei.read_bytes() == (TEXTS / folder / f"{folder}.tei.xml").read_bytes()


def test_bilingual_build_with_another_encoder_keeps_the_texts(tmp_path):
    """The texts do not depend on the encoder; only the links do."""
    copy = tmp_path / BILINGUAL
    shutil.copytree(TEXTS / BILINGUAL, copy)
    built = build_document(copy, model=HashingEncoder())
    assert built.beads and set(built.sentences) == {"es", "en"}
    new = etree.parse(str(built.tei))
    old = tei(BILINGUAL)
    for lang in ("es", "en"):
        path = f"//t:text[@xml:lang='{lang}']"
        assert etree.tostring(xp(new, path)[0]) == etree.tostring(xp(old, path)[0])


def test_bad_corpus_folders(tmp_path):
    with pytest.raises(InputError, match="no document folders"):
        document_folders(tmp_path)
    folder = tmp_path / "doc"
    folder.mkdir()
    (folder / "metadata.toml").write_text('[source]\ncontent = "bilingual"\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown key.*content"):
        build_corpus(tmp_path)
    (folder / "metadata.toml").write_text("[source\n", encoding="utf-8")
    with pytest.raises(InputError, match="doc: .*not valid TOML"):
        build_corpus(tmp_path)
    shutil.copy(TEXTS / LONE[0] / "transcription.txt", folder / "transcription.txt")
    (folder / "metadata.toml").write_text('[source]\ncontents = "bilingual"\n', encoding="utf-8")
    with pytest.raises(InputError, match="no recognisable translation part"):
        build_corpus(tmp_path, model=HashingEncoder())


def test_cli_build_corpus(tmp_path):
    shutil.copytree(TEXTS / LONE[0], tmp_path / LONE[0])
    done = subprocess.run(
        [sys.executable, "-m", "paralign", "build-corpus", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"{LONE[0]}: translation, 51 en sentences -> " in done.stdout
    assert (tmp_path / LONE[0] / f"{LONE[0]}.tei.xml").is_file()
