"""Archival TEI (texts/, the review's findings) validates and reads back into what was aligned.

The documents are rebuilt from the transcriptions in texts/ exactly as
``paralign build-corpus`` builds them (``paralign.archive``: read → clean →
segment → letter parts), and compared with what ``read_tei`` /
``read_tei_document`` give from the committed TEI.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from archival_helpers import BILINGUAL, TEXTS, by_hand, corpus_documents
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from paralign import (
    Document,
    FormatError,
    read_tei,
    read_tei_document,
    to_tei,
)
from paralign.archive.corpus import document_folders
from paralign.archive.letter import fit_marks, letter_parts
from paralign.clean import clean
from paralign.cli import main
from paralign.export import export
from paralign.review import review
from paralign.segment import segment
from paralign.tei import document_tei, validate
from paralign.tei.archival import DROPPED
from paralign.tei.vocab import EDITORIAL_DECL

NS = {"t": "http://www.tei-c.org/ns/1.0"}
FOLDERS = [p.name for p in document_folders(TEXTS)]


def tei_path(folder: str) -> Path:
    return TEXTS / folder / f"{folder}.tei.xml"


def read_back(folder: str) -> list[tuple[Document, Document]]:
    """(read from the TEI, rebuilt from the transcription) for each text of a folder."""
    built = corpus_documents(folder)
    if folder == BILINGUAL:
        a = read_tei(tei_path(folder))
        return [(a.src, built["original"]), (a.tgt, built["translation"])]
    (role,) = built
    return [(read_tei_document(tei_path(folder)), built[role])]


def in_body_paragraphs(doc: Document, tree: etree._Element, prefix: str) -> list[bool]:
    """For each pair of neighbouring sentences that both stand in a ``<p>``: in the same one?"""
    parent = {
        s.get("{http://www.w3.org/XML/1998/namespace}id"): s.getparent()
        for s in tree.iter("{http://www.tei-c.org/ns/1.0}s")
    }
    out = []
    for i in range(len(doc.sentences) - 1):
        a, b = parent[f"{prefix}-s{i + 1}"], parent[f"{prefix}-s{i + 2}"]
        if etree.QName(a).localname == "p" and etree.QName(b).localname == "p":
            out.append(doc.sentences[i].paragraph == doc.sentences[i + 1].paragraph)
    return out


# ---------------------------------------------------------------- validate


@pytest.mark.parametrize("folder", FOLDERS)
def test_paralign_validate_accepts_every_tei_of_the_corpus(folder, capsys):
    assert main(["validate", str(tei_path(folder))]) == 0
    out = capsys.readouterr().out
    if folder == BILINGUAL:
        alignment = read_tei(tei_path(folder))
        sentences = len(alignment.src) + len(alignment.tgt)
        pairs = sum(1 for b in alignment.beads if b.src and b.tgt)
        unaligned = len(alignment.beads) - pairs
        assert unaligned  # the translation's own date line
        beads = pairs + unaligned
        assert (
            f"valid ({sentences} sentences, {beads} beads: {pairs} links, {unaligned} unaligned)"
            in out
        )
    else:
        assert "valid (one text," in out and "no alignment" in out


def test_paralign_validate_accepts_the_review_of_an_archival_alignment(tmp_path, capsys):
    a = read_tei(tei_path(BILINGUAL))
    result = review(a, similarity=[None] * len(a.beads))
    assert result.findings, "the seed has editorial insertions and numbers to report"
    path = tmp_path / "reviewed.xml"
    path.write_bytes(to_tei(result))
    assert main(["validate", str(path)]) == 0, capsys.readouterr().out
    tree = etree.parse(str(path))
    assert tree.xpath("//t:standOff/t:interpGrp/t:interp", namespaces=NS)
    assert tree.xpath("//t:linkGrp/*[@ana]", namespaces=NS)


def test_a_dangling_finding_pointer_is_reported(tmp_path):
    a = read_tei(tei_path(BILINGUAL))
    data = to_tei(review(a, similarity=[None] * len(a.beads))).decode()
    first_ana = data.index('ana="#rv')
    broken = data[:first_ana] + 'ana="#rv999' + data[first_ana + len('ana="#rv') :]
    broken = broken.replace('inst="#al', 'inst="#xx', 1)
    errors = validate(broken.encode()).errors
    assert any("@ana of <link>" in e and "#rv999" in e for e in errors) or any(
        "@ana of <ptr>" in e and "#rv999" in e for e in errors
    ), errors
    assert any("@inst of <interp> points to #xx" in e for e in errors), errors


def test_a_single_text_is_valid_without_links_but_its_pointers_are_checked():
    data = tei_path(FOLDERS[0]).read_text("utf-8")
    assert validate(data.encode()).valid
    broken = data.replace('decls="#bibl-tgt"', 'decls="#bibl-gone"', 1)
    assert any(
        "@decls of <text> points to #bibl-gone" in e for e in validate(broken.encode()).errors
    )
    no_id = data.replace('<s xml:id="en-s3">', "<s>", 1)
    assert any("<s> without xml:id" in e for e in validate(no_id.encode()).errors)


def test_two_texts_and_no_links_are_still_an_error():
    data = tei_path(BILINGUAL).read_text("utf-8")
    start, end = data.index("<standOff>"), data.index("</standOff>") + len("</standOff>")
    errors = validate((data[:start] + data[end:]).encode()).errors
    assert any("holds no alignment of its 2 texts" in e for e in errors), errors


# ---------------------------------------------------------------- read back


@pytest.mark.parametrize("folder", FOLDERS)
def test_sentence_texts_read_back_are_those_that_were_aligned(folder):
    for got, built in read_back(folder):
        assert got.lang == built.lang
        assert got.texts == built.texts
        assert got.meta == built.meta


@pytest.mark.parametrize("folder", FOLDERS)
def test_kept_out_text_and_letter_parts_read_back(folder):
    tree = etree.parse(str(tei_path(folder)))
    for got, built in read_back(folder):
        shown = [
            (s.kind, " ".join(s.text.split()))
            for s in built.kept_out
            if s.kind not in DROPPED and " ".join(s.text.split())
        ]
        assert [(s.kind, s.text) for s in got.kept_out] == shown
        parts = [m.kind for m in got.marks if m.kind not in ("hyphen", "editorial")]
        assert parts == [m.kind for m in built.marks if m.kind not in ("hyphen", "editorial")]
        assert sum(m.kind == "hyphen" for m in got.marks) == sum(
            m.kind == "hyphen" for m in built.marks
        )
        # paragraphs of the body as the segmenter made them (letter parts each read as one)
        same = in_body_paragraphs(got, tree.getroot(), got.lang)  # sentence ids are LANG-sN
        assert same == in_body_paragraphs(built, tree.getroot(), got.lang)
        # offsets into the rebuilt raw text
        for span in got.kept_out + got.marks:
            assert got.raw[span.start : span.end] == span.text


@pytest.mark.parametrize("folder", FOLDERS)
def test_export_read_export_is_byte_identical_for_the_corpus(folder, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data = tei_path(folder).read_bytes()
    if folder == BILINGUAL:
        assert export(read_tei(data), "tei") == data
    else:
        assert document_tei(read_tei_document(data)) == data


def test_editorial_insertions_in_the_text_are_declared_and_read_back_in_brackets():
    """``clean(editorial="mark")`` (the library default): the brackets were aligned."""
    built = corpus_documents(BILINGUAL, editorial="mark")
    a = by_hand(built["original"], built["translation"])
    data = export(a, "tei", date="2025-01-15")
    root = etree.fromstring(data)
    en = root.xpath("//t:text[@xml:id='en']", namespaces=NS)[0]
    assert en.get("decls") == f"#bibl-tgt #{EDITORIAL_DECL}"
    assert root.xpath(f"//t:editorialDecl[@xml:id='{EDITORIAL_DECL}']", namespaces=NS)
    # the Spanish original has no editorial insertions, so it declares nothing
    es = root.xpath("//t:text[@xml:id='es']", namespaces=NS)[0]
    assert es.get("decls") == "#bibl-src"
    assert validate(data).valid
    back = read_tei(data)
    assert back.src.texts == a.src.texts and back.tgt.texts == a.tgt.texts
    assert any("Dobryni [Anatoly F. Dobrynin], so that" in t for t in back.tgt.texts)
    assert any("the project [i.e., draft-ed.] of the US" in t for t in back.tgt.texts)
    assert export(back, "tei", date="2025-01-15") == data


def test_a_lone_translation_with_editorial_insertions_in_the_text_round_trips():
    (doc,) = corpus_documents("1962-11-25_dorticos-to-castro-on-mikoyan", "mark").values()
    assert any(m.kind == "editorial" for m in doc.marks)
    data = document_tei(doc)
    assert validate(data).valid
    back = read_tei_document(data)
    assert back.texts == doc.texts
    assert document_tei(back) == data


def test_one_text_and_two_texts_are_read_by_their_own_function():
    with pytest.raises(FormatError, match="one text: read it with paralign.read_tei_document"):
        read_tei(tei_path(FOLDERS[0]))
    with pytest.raises(FormatError, match="two aligned texts .*read it with paralign.read_tei"):
        read_tei_document(tei_path(BILINGUAL))


def test_convert_takes_the_corpus_tei_to_other_formats(tmp_path):
    out = tmp_path / "pair.tsv"
    assert main(["convert", str(tei_path(BILINGUAL)), "-f", "tsv", "-o", str(out), "-q"]) == 0
    rows = out.read_text("utf-8").splitlines()
    assert len(rows) == 1 + len(read_tei(tei_path(BILINGUAL)).beads)
    assert any("sin llegar a ninguna votación en el Consejo de Seguridad" in r for r in rows)
    assert not any("MISION PERMANENTE" in r.split("\t")[0] for r in rows[1:])


# ------------------------------------------- property: any archival document round-trips

SENTENCES_ES = [
    "Mikoyan habló de la desconfianza de Cuba por el imperialismo americano.",
    "Dijo que sería mejor no llegar a producir declaraciones similares.",
    "Kennedy expresó que la idea no es, en general, aceptable.",
    "¿Qué le puedo decir a Jruschov?",
    "Hablaron sobre las pruebas nucleares y otras cuestiones.",
]
INSERTIONS = [
    "[Anatoly F. Dobrynin]",
    "[that]",
    "[sic]",
    "[i.e., draft-ed.]",
    "[two lines excised]",
]
PAGE = "\n\nMISION PERMANENTE DE CUBA\nEN LAS NACIONES UNIDAS\n\n--{n}--\n\n"


@st.composite
def transcriptions(draw) -> str:
    """A typed letter: dateline and salutation, paragraphs of real sentences with the
    editor's brackets, page breaks between paragraphs, inside a sentence or inside a
    hyphenated word, a rule, a valediction and a signature."""
    parts = []
    if draw(st.booleans()):
        parts.append("La Habana, 5 de diciembre de 1962\n\nCompañero Raúl:\n\n")
    page = 2
    for _ in range(draw(st.integers(1, 4))):
        paragraph = []
        for _ in range(draw(st.integers(1, 3))):
            words = draw(st.sampled_from(SENTENCES_ES)).split(" ")
            if draw(st.booleans()):
                at = draw(st.integers(1, len(words) - 1))
                words.insert(at, draw(st.sampled_from(INSERTIONS)))
            sentence = " ".join(words)
            cut = draw(st.sampled_from(["", "", "space", "word"]))
            if cut == "space":
                at = sentence.index(" ", len(sentence) // 2)
                sentence = sentence[:at] + PAGE.format(n=page) + sentence[at + 1 :]
                page += 1
            elif cut == "word" and "declaraciones" in sentence:
                sentence = sentence.replace(
                    "declaraciones", "decla-" + PAGE.format(n=page) + "raciones", 1
                )
                page += 1
            paragraph.append(sentence)
        parts.append(" ".join(paragraph))
        between = draw(st.sampled_from(["\n\n", "\n\n", PAGE.format(n=page), "\n\n-----\n\n"]))
        page += between != "\n\n"
        parts.append(between.format(n=page))
    if draw(st.booleans()):
        parts.append("Fraternalmente,\n\nOsvaldo Dorticós Torrado\n")
    return "".join(parts)


def archival_document(raw: str, editorial: str) -> Document:
    """What ``paralign.archive.part_document`` makes of a part's raw text."""
    cleaned = clean(raw, editorial=editorial)
    doc = segment(raw, "es", kept_out=cleaned.kept_out)
    marks = [*cleaned.marks, *letter_parts(raw, cleaned.kept_out, title="")]
    doc.marks = sorted(fit_marks(marks, doc.sentences), key=lambda m: (m.start, -m.end))
    return doc


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcriptions(), st.sampled_from(["omit", "mark"]))
def test_any_archival_document_reads_back_as_aligned_and_writes_the_same_tei(raw, editorial):
    doc = archival_document(raw, editorial)
    assume(doc.sentences)
    data = document_tei(doc)
    back = read_tei_document(data)
    assert back.texts == doc.texts
    assert document_tei(back) == data
    assert validate(data).valid
