"""Which body layout a text gets is a named decision (paralign.tei.body.body_layout),
and each layout writes what it says."""

from __future__ import annotations

from dataclasses import replace

from lxml import etree
from sample_alignments import two_sentences

import paralign
from paralign import Span, read_tei
from paralign.tei.body import body_layout, write_body
from paralign.tei.vocab import TEI_NS

T = f"{{{TEI_NS}}}"


def _letter(alignment: paralign.Alignment) -> paralign.Alignment:
    """The source side marked as one letter, as the letter reader marks it."""
    src = alignment.src
    letter = Span(0, len(src.raw), "letter", src.raw)
    return replace(alignment, src=replace(src, marks=[letter]))


def test_a_text_without_marks_gets_paragraphs_and_a_marked_one_the_archival_layout():
    a = two_sentences("Kennedy no contestó.", "Kennedy did not answer.")
    assert body_layout(a.src) == "paragraphs"
    assert body_layout(_letter(a).src) == "archival"


def test_the_archival_layout_writes_the_letter_and_reads_back():
    a = _letter(two_sentences("Kennedy no contestó.", "Kennedy did not answer."))
    data = paralign.to_tei(a)
    root = etree.fromstring(data)
    src_text, tgt_text = next(root.iter(f"{T}group"))
    assert [d.get("type") for d in src_text.iter(f"{T}div")] == ["letter"]
    assert not list(tgt_text.iter(f"{T}div"))
    back = read_tei(data)
    assert [m.kind for m in back.src.marks] == ["letter"]
    assert paralign.to_tei(back) == data


def test_a_layout_given_by_name_overrides_the_choice():
    doc = _letter(two_sentences("Kennedy no contestó.", "Kennedy did not answer.")).src
    for layout, divs in (("paragraphs", 0), ("archival", 1)):
        text = etree.Element(f"{T}text")
        body = write_body(text, doc, "es", layout=layout)
        assert len(list(body.iter(f"{T}div"))) == divs
        assert [s.text for s in body.iter(f"{T}s")] == ["Kennedy no contestó."]
