"""The clean stage on real seed text: headers, page numbers, rules, debris, breaks, brackets."""

from __future__ import annotations

import pytest
from archival_helpers import SEED_000, SEED_001, SEED_003
from hypothesis import given, settings
from hypothesis import strategies as st

from paralign.archive import load_transcription
from paralign.clean import clean, editorial_type, is_debris, page_number
from paralign.errors import InputError
from paralign.segment import segment


@pytest.fixture(scope="module")
def spanish(shared) -> str:
    tr = load_transcription(shared / "seeds" / SEED_001)
    return tr.original.text


@pytest.fixture(scope="module")
def english(shared) -> str:
    return load_transcription(shared / "seeds" / SEED_001).translation.text


def texts(spans, kind):
    return [s.text for s in spans if s.kind == kind]


@pytest.mark.parametrize(
    ("line", "number"),
    [("--2--", 2), ("- 3 -", 3), ("— 4 —", 4), ("Página 5", 5), ("Page 6 of 9", 6), ("[7]", 7)],
)
def test_page_number_lines(line, number):
    assert page_number(line) == number


@pytest.mark.parametrize("line", ["2", "1962", "--Kennedy no contestó.", "SUITE 201", "-----"])
def test_lines_that_are_not_page_numbers(line):
    assert page_number(line) is None


def test_every_page_of_the_memo_loses_its_header_and_number(spanish):
    cleaned = clean(spanish)
    fw = texts(cleaned.kept_out, "fw")
    # the Mission's letterhead on its four pages, the typo'd "135" copy on page 2 included
    assert fw.count("MISION PERMANENTE DE CUBA") == 4
    assert fw.count("SUITE 201") == 4
    assert "135 EAST 44TH STREET" in fw and fw.count("155 EAST 44TH STREET") == 3
    # the presidential letterhead and the stamp above it
    assert fw[:4] == ["JRP", "REPUBLICA DE CUBA", "PRESIDENTE", "MEMORANDUM"]
    assert texts(cleaned.kept_out, "pb") == ["--2--", "--3--", "--4--"]
    assert texts(cleaned.kept_out, "separator") == ["-----", "-----"]
    for s in cleaned.kept_out:
        assert spanish[s.start : s.end] == s.text


def test_word_broken_across_the_page_is_rejoined(spanish):
    cleaned = clean(spanish)
    (hyphen,) = texts(cleaned.marks, "hyphen")
    at = next(s.start for s in cleaned.marks if s.kind == "hyphen")
    assert spanish[at - 3 : at + 1] == "nin-"
    doc = segment(spanish, "es", kept_out=cleaned.kept_out)
    assert any("sin llegar a ninguna votación en el Consejo" in s.text for s in doc.sentences)


def test_page_break_inside_a_paragraph_is_joined_but_not_between_paragraphs(spanish, english):
    cleaned = clean(spanish)
    doc = segment(spanish, "es", kept_out=cleaned.kept_out)
    text = " ".join(doc.texts)
    assert "no quieren apagar todas las chispas del incendio" in text
    # page 3 starts a new paragraph: "sospecha?" ends one, "--Mikoyan dijo" opens the next
    ends = [s for s in doc.sentences if s.text.endswith('sospecha?"')]
    nxt = doc.sentences[doc.sentences.index(ends[0]) + 1]
    assert nxt.text.startswith("--Mikoyan dijo") and nxt.paragraph != ends[0].paragraph
    joins = [s for s in clean(english).kept_out if s.kind == "join"]
    assert len(joins) == 1 and english[joins[0].start - 12 : joins[0].start] == "observations"


def test_no_letterhead_inside_a_sentence(spanish):
    doc = segment(spanish, "es", kept_out=clean(spanish).kept_out)
    for s in doc.sentences:
        for line in ("MISION PERMANENTE", "NACIONES UNIDAS", "44TH STREET", "SUITE 201", "--2--"):
            assert line not in s.text


def test_web_debris_lines(shared):
    raw = (shared / "seeds" / SEED_000).read_text(encoding="utf-8")
    debris = texts(clean(raw).kept_out, "debris")
    assert debris[:2] == ["Search in", "Digital Archive International History Declassified"]
    assert "Click here to view the PDF file in a new window." in debris
    assert debris[-1].startswith("PDFs cannot be printed inline")
    assert not is_debris("Mikoyan asked me to print the document for him.")


@pytest.mark.parametrize(
    ("bracket", "kind"),
    [
        ("[several lines excised]", "gap"),
        ("[illegible]", "gap"),
        ("[i.e., draft-ed.]", "note"),
        ("[sic]", "note"),
        ("[?]", "note"),
        ("[that]", "supplied"),
        ("[Anatoly F. Dobrynin]", "supplied"),
    ],
)
def test_editorial_bracket_types(bracket, kind):
    assert editorial_type(bracket) == kind


def test_editorial_brackets_marked_or_left_out_of_the_text(english):
    marked = clean(english)
    assert texts(marked.marks, "editorial")[0] == "[Anatoly F. Dobrynin]"
    kept = segment(english, "en", kept_out=marked.kept_out)
    assert any("Dobryni [Anatoly F. Dobrynin], so that" in s.text for s in kept.sentences)
    omitted = clean(english, editorial="omit")
    doc = segment(english, "en", kept_out=omitted.kept_out)
    text = " ".join(doc.texts)
    # kept-out text glued to punctuation leaves no space before it (docs/stage-requests.md)
    assert "Washington, Dobryni, so that he might inform us" in text
    assert "(He said the same as Martin to the Brazilian ambassador Campos," in text
    assert "[" not in text
    with pytest.raises(InputError, match="editorial='drop'"):
        clean(english, editorial="drop")


def test_crlf_and_form_feeds_give_the_same_sentences(spanish):
    lf = segment(spanish, "es", kept_out=clean(spanish).kept_out).texts
    crlf_raw = spanish.replace("\n", "\r\n")
    crlf = clean(crlf_raw)
    assert segment(crlf_raw, "es", kept_out=crlf.kept_out).texts == lf
    ff_raw = spanish.replace("\n\nMISION PERMANENTE", "\n\f\nMISION PERMANENTE")
    ff = clean(ff_raw)
    assert len([s for s in ff.kept_out if s.kind == "pb" and s.text == "\f"]) == 4
    assert segment(ff_raw, "es", kept_out=ff.kept_out).texts == lf


def test_a_text_in_capitals_keeps_its_text(shared):
    telegram = "TOP SECRET\n\nHAVANA TO MOSCOW\n\nTHE SITUATION IS GRAVE. WE AWAIT YOUR REPLY.\n"
    assert clean(telegram).kept_out == []
    letter = (shared / "seeds" / SEED_003).read_text(encoding="utf-8")
    assert [s.kind for s in clean(letter).kept_out] == ["join"]  # "broken out...⏎⏎with the"


_LINES = st.sampled_from(
    [
        "MISION PERMANENTE DE CUBA",
        "SUITE 201",
        "--2--",
        "-----",
        "Kennedy no contestó.",
        "sin llegar a nin-",
        "guna votación en el Consejo.",
        "He added [i.e., draft-ed.] that",
        "Click here to view the PDF file in a new window.",
        "  • share document",
        "",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_LINES, st.sampled_from(["\n", "\n\n", "\r\n", "\f\n", "\n\n\n"]))))
def test_spans_hold_their_text_and_never_overlap(pieces):
    raw = "".join(line + end for line, end in pieces)
    cleaned = clean(raw)
    spans = sorted([*cleaned.kept_out], key=lambda s: s.start)
    for s in [*cleaned.kept_out, *cleaned.marks]:
        assert 0 <= s.start < s.end <= len(raw) and raw[s.start : s.end] == s.text
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
    if raw.strip():
        doc = segment(raw, "es", kept_out=cleaned.kept_out)
        covered = [False] * len(raw)
        for s in [*doc.sentences, *cleaned.kept_out]:
            covered[s.start : s.end] = [True] * (s.end - s.start)
        assert all(ok or c.isspace() for c, ok in zip(raw, covered, strict=True))
