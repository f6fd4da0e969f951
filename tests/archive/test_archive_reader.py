"""The archival reader on the seeds: record, split into original and translation, bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest
from archival_helpers import SEED_000, SEED_001, SEED_003, unaccounted

from paralign.archive import (
    documents,
    load_transcription,
    read_transcription,
    split_bilingual,
)
from paralign.archive.dates import find_dates
from paralign.errors import InputError


@pytest.fixture(scope="module")
def seed001(shared):
    return load_transcription(shared / "seeds" / SEED_001, bilingual=True)


@pytest.fixture(scope="module")
def docs001(seed001):
    return documents(seed001)


def test_seed_001_splits_into_spanish_original_and_english_translation(seed001):
    original, translation = seed001.original, seed001.translation
    assert (original.lang, translation.lang) == ("es", "en")
    assert original.text.startswith("JRP\n\n\n\nREPUBLICA DE CUBA")
    assert original.text.endswith("o viceversa.\n\n-----")
    assert translation.text.startswith("5 December 1962\n\nHavana, 5 December 1962")
    assert translation.text.endswith("from the Atlantic to the Pacific, or vice versa.")
    for part in seed001.parts:
        assert seed001.raw[part.start : part.end] == part.text


def test_seed_001_record(seed001):
    r = seed001.record
    assert r.title.startswith("Confidential Memo from Cuban Mission to the United Nations")
    assert r.title.endswith("with cover note from Cuban President Dorticos to Foreign Minister Roa")
    assert (r.date, r.date_text) == ("1962-12-02", "December 2, 1962")
    assert r.archive == "Wilson Center Digital Archive"
    assert r.url == "https://wilson-center-digital-archive.dvincitest.com/document/115170"
    assert (r.original_lang, r.translation_lang) == ("es", "en")
    assert (r.translator, r.translated_for, r.idno) == ("Chris Dunlap", "CWIHP", "01301")
    assert r.provenance.startswith("Provided by the Cuban Government for the October 2002")


def test_every_character_of_seed_001_is_accounted_for(seed001, docs001):
    """In a sentence, in a kept-out span (the parts' or the record's), or whitespace."""
    covered = [False] * len(seed001.raw)
    for span in seed001.kept_out:
        covered[span.start : span.end] = [True] * (span.end - span.start)
    for part in seed001.parts:
        doc = docs001[part.role]
        assert unaccounted(doc) == ""
        for s in [*doc.sentences, *doc.kept_out]:
            covered[part.start + s.start : part.start + s.end] = [True] * (s.end - s.start)
    left = [c for c, ok in zip(seed001.raw, covered, strict=True) if not ok and not c.isspace()]
    assert left == []


def test_spanish_sentences_of_seed_001(docs001):
    spanish = docs001["original"]
    assert any("ninguna votación" in s.text for s in spanish.sentences)
    assert sum("EAST 44TH" in s.text for s in spanish.sentences) == 0
    for s in spanish.sentences:
        assert spanish.raw[s.start : s.end].strip() == spanish.raw[s.start : s.end]
        for header in ("MISION PERMANENTE", "NACIONES UNIDAS", "SUITE 201", "REPUBLICA DE CUBA"):
            assert header not in s.text


def test_document_meta_carries_the_record_and_the_source(seed001, docs001):
    translation = docs001["translation"].meta
    assert translation["translator"] == "Chris Dunlap"
    assert translation["repository"] == "Wilson Center Digital Archive"
    assert translation["role"] == "translation"
    part = seed001.translation
    assert translation["source"].endswith(f"characters {part.start}-{part.end}")
    assert "translator" not in docs001["original"].meta


def test_web_page_seed_000_is_an_english_translation(shared):
    tr = load_transcription(shared / "seeds" / SEED_000)
    (part,) = tr.parts
    assert (part.role, part.lang) == ("translation", "en")
    assert part.text.startswith("Letter from Cuban President Osvaldo Dorticos to Fidel Castro")
    assert part.text.endswith("we would have war instead.”")
    r = tr.record
    assert r.title == (
        "Letter from Cuban President Osvaldo Dorticos to Fidel Castro re Conversation with "
        "Anastas Mikoyan"
    )
    assert r.date == "1962-11-25"
    assert r.archive == "History and Public Policy Program Digital Archive"
    assert (r.original_lang, r.translator) == ("es", "Chris Dunlap")
    assert r.summary.startswith("A letter from Cuban President Osvaldo Dorticos regarding")
    kinds = {s.text: s.kind for s in tr.kept_out}
    assert kinds["Search in"] == "debris" and kinds["• share document"] == "debris"
    assert kinds["This document was made possible with support from the Leon Levy Foundation"] == (
        "metadata"
    )


def test_no_recognisable_translation_part(shared):
    text = (shared / "seeds" / SEED_003).read_text(encoding="utf-8")
    with pytest.raises(InputError, match="no recognisable translation part.*one language \\(en\\)"):
        split_bilingual(text, name="003.txt")
    tr = read_transcription(text, known={"original_lang": "es"})
    assert [(p.role, p.lang) for p in tr.parts] == [("translation", "en")]


def test_windows_1252_with_curly_quotes(shared, tmp_path):
    text = (shared / "seeds" / SEED_000).read_text(encoding="utf-8")
    assert "“" in text and "’" in text
    path = tmp_path / "000-cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(InputError, match="not valid UTF-8.*WINDOWS-1252"):
        load_transcription(path)
    tr = load_transcription(path, encoding="cp1252")
    assert tr.raw == text  # every curly quote read back, nothing lost
    with pytest.raises(InputError, match="unknown encoding"):
        load_transcription(path, encoding="klingon-8")
    path.write_bytes(text.encode("utf-8") + b"\x81")  # 0x81: no character in cp1252
    with pytest.raises(InputError, match="is not cp1252"):
        load_transcription(path, encoding="cp1252")


def test_crlf_line_ends_and_form_feeds(shared):
    text = (shared / "seeds" / SEED_001).read_text(encoding="utf-8")
    plain = documents(split_bilingual(text))
    crlf = split_bilingual(text.replace("\n", "\r\n"))
    assert crlf.original.text == plain["original"].raw.replace("\n", "\r\n")
    assert documents(crlf)["original"].texts == plain["original"].texts
    paged = text.replace("\n\nMISION PERMANENTE", "\n\f\nMISION PERMANENTE")
    docs = documents(split_bilingual(paged))
    assert docs["original"].texts == plain["original"].texts
    assert unaccounted(docs["original"]) == ""


@pytest.mark.parametrize("text", ["", "  \n\n ", "**01301**\n\n**1962/12/02**\n"])
def test_nothing_to_read(text):
    with pytest.raises(InputError):
        read_transcription(text)


def test_dates_in_both_languages():
    found = {
        d.text: d.iso
        for d in find_dates(
            "La Habana, Diciembre 5 de 1962; 2 de diciembre, 1962; December 2, 1962; "
            "5 December 1962; 1962/12/02; 31 de noviembre de 1962"
        )
    }
    assert found == {
        "Diciembre 5 de 1962": "1962-12-05",
        "2 de diciembre, 1962": "1962-12-02",
        "December 2, 1962": "1962-12-02",
        "5 December 1962": "1962-12-05",
        "1962/12/02": "1962-12-02",
    }


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "paralign", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_split_bilingual(shared, tmp_path):
    seed = shared / "seeds" / SEED_001
    done = _cli("split-bilingual", str(seed), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "original (es): lines 40-153" in done.stdout
    assert "translation (en): lines 157-219" in done.stdout
    raw = seed.read_text(encoding="utf-8")
    es = (tmp_path / "out" / "original.es.txt").read_text(encoding="utf-8")
    en = (tmp_path / "out" / "translation.en.txt").read_text(encoding="utf-8")
    assert raw.index(es) == 1517 and raw.endswith(en)
    meta = (tmp_path / "out" / "metadata.toml").read_text(encoding="utf-8")
    assert 'contents = "bilingual"' in meta and 'translator = "Chris Dunlap"' in meta
    single = _cli("split-bilingual", str(shared / "seeds" / SEED_003))
    assert single.returncode == 2
    assert single.stderr.count("\n") == 1 and "no recognisable translation part" in single.stderr
    assert "Traceback" not in single.stderr
    assert _cli("split-bilingual", str(shared / "seeds" / SEED_003), "--single").returncode == 0
