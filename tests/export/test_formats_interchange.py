"""TMX, XCES and InterText: valid for the tools that read them; ``paralign convert``."""

from __future__ import annotations

import json

import pytest
from lxml import etree
from sample_alignments import mikoyan, two_sentences

import paralign
from paralign import read_tei
from paralign.cli import main
from paralign.export import export, export_files

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def tmx_dtd(shared):
    return etree.DTD(str(shared / "schemas" / "tmx14.dtd"))


def assert_dtd_valid(dtd: etree.DTD, data: bytes) -> None:
    assert dtd.validate(etree.fromstring(data)), dtd.error_log.filter_from_errors()


# ---------------------------------------------------------------- TMX


def test_tmx_is_valid_against_the_tmx_1_4b_dtd(tmx_dtd):
    assert_dtd_valid(tmx_dtd, export(mikoyan(), "tmx"))
    assert_dtd_valid(tmx_dtd, export(mikoyan(), "tmx", keep_null=True, date="2025-01-15"))
    assert_dtd_valid(tmx_dtd, export([mikoyan(), two_sentences("Sí.", "Yes.")], "tmx"))


def test_tmx_header_and_units_carry_what_cat_tools_need():
    root = etree.fromstring(export(mikoyan(), "tmx", date="2025-01-15"))
    header = root.find("header")
    assert header.get("srclang") == "es" and header.get("segtype") == "sentence"
    assert header.get("creationtool") == "paralign"
    assert header.get("creationtoolversion") == paralign.__version__
    assert header.get("creationdate") == "20250115T000000Z"
    units = root.findall("body/tu")
    assert len(units) == 5  # the 1-0 bead is no translation unit
    third = units[2]
    props = {p.get("type"): p.text for p in third.findall("prop")}
    assert props == {"x-paralign-type": "2-2", "x-paralign-confidence": "0.613"}
    tuvs = third.findall("tuv")
    assert [t.get(XML_LANG) for t in tuvs] == ["es", "en"]
    assert tuvs[0].findtext("prop") == "2 3"
    assert "sin llegar a ninguna votación en el Consejo de Seguridad. " not in tuvs[0].findtext(
        "seg"
    )
    assert (
        tuvs[0]
        .findtext("seg")
        .endswith("sin llegar a ninguna votación en el Consejo de Seguridad.")
    )


def test_translate_toolkit_reads_the_same_pairs_back():
    tmx = pytest.importorskip("translate.storage.tmx")
    a = mikoyan()
    store = tmx.tmxfile.parsestring(export(a, "tmx"))
    expected = [a.texts(b) for b in a.beads if b.src and b.tgt]
    assert [(u.source, u.target) for u in store.units] == expected
    assert store.sourcelanguage == "es"


def test_tmx_null_beads_kept_on_request_have_one_variant():
    root = etree.fromstring(export(mikoyan(), "tmx", keep_null=True))
    last = root.findall("body/tu")[-1]
    assert [t.get(XML_LANG) for t in last.findall("tuv")] == ["es"]
    assert last.findtext("tuv/seg") == "VENCEREMOS"


# ---------------------------------------------------------------- XCES


def test_xces_links_point_at_existing_sentence_ids(tmp_path):
    written = export_files(mikoyan(), "xces", tmp_path / "mikoyan.xml")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "en/mikoyan.xml",
        "es/mikoyan.xml",
        "mikoyan.xml",
    ]
    root = etree.parse(str(tmp_path / "mikoyan.xml")).getroot()
    assert root.tag == "cesAlign"
    (group,) = root.findall("linkGrp")
    docs = {}
    for attr in ("fromDoc", "toDoc"):
        doc = etree.parse(str(tmp_path / group.get(attr))).getroot()
        docs[attr] = {s.get("id"): s.text for s in doc.iter("s")}
    links = group.findall("link")
    assert [link.get("xtargets") for link in links] == ["1;1", "2;2", "3 4;3 4", "5;5", "6;6", "7;"]
    for link in links:
        src, tgt = link.get("xtargets").split(";")
        assert all(i in docs["fromDoc"] for i in src.split())
        assert all(j in docs["toDoc"] for j in tgt.split())
    assert docs["fromDoc"]["7"] == "VENCEREMOS"
    assert links[2].get("certainty") == "0.613"


def test_xces_set_is_one_link_file_with_a_group_per_document(tmp_path):
    pair = [two_sentences("Uno.", "One."), two_sentences("Dos.", "Two.")]
    export_files(pair, "xces", tmp_path / "set.xml", names=["a", "b"])
    root = etree.parse(str(tmp_path / "set.xml")).getroot()
    assert [g.get("fromDoc") for g in root.findall("linkGrp")] == ["es/a.xml", "es/b.xml"]
    assert (tmp_path / "en" / "b.xml").read_text("utf-8").count("<s id=") == 1


# ---------------------------------------------------------------- InterText


def test_intertext_links_use_its_two_place_ids_to_before_from(tmp_path):
    export_files(mikoyan(), "intertext", tmp_path / "mikoyan.es-en.xml")
    root = etree.parse(str(tmp_path / "mikoyan.es-en.xml")).getroot()
    assert root.tag == "linkGrp"
    assert (root.get("fromDoc"), root.get("toDoc")) == (
        "mikoyan.es-en.es.xml",
        "mikoyan.es-en.en.xml",
    )
    ids = {}
    for attr in ("fromDoc", "toDoc"):
        doc = etree.parse(str(tmp_path / root.get(attr))).getroot()
        ids[attr] = [s.get("id") for s in doc.iter("s")]
    assert ids["fromDoc"] == ["1:1", "1:2", "2:1", "2:2", "2:3", "3:1", "4:1"]
    links = root.findall("link")
    assert [(link.get("type"), link.get("xtargets")) for link in links][2:4] == [
        ("2-2", "2:1 2:2;2:1 2:2"),
        ("1-1", "2:3;2:3"),
    ]
    assert (links[-1].get("type"), links[-1].get("xtargets")) == ("0-1", ";4:1")
    for link in links:
        to, frm = link.get("xtargets").split(";")
        assert set(to.split()) <= set(ids["toDoc"]) and set(frm.split()) <= set(ids["fromDoc"])
        assert link.get("status") == "auto"


# ---------------------------------------------------------------- paralign convert


@pytest.fixture
def tei_files(tmp_path):
    one = tmp_path / "mikoyan.xml"
    one.write_bytes(export(mikoyan(), "tei"))
    two = tmp_path / "short.xml"
    two.write_bytes(export(two_sentences("Sí, señor.", "Yes, sir.", 0.99), "tei"))
    return one, two


def test_convert_tei_to_tmx(tei_files, tmp_path, capsys):
    out = tmp_path / "out.tmx"
    assert main(["convert", str(tei_files[0]), "--format", "tmx", "-o", str(out)]) == 0
    assert out.read_bytes() == export(mikoyan(), "tmx")
    assert "converted 1 file(s), 6 beads, to tmx" in capsys.readouterr().err


def test_convert_a_set_to_one_file_and_to_one_file_each(tei_files, tmp_path):
    args = ["convert", *map(str, tei_files), "--format", "jsonl", "--min-confidence", "0.9", "-q"]
    assert main([*args, "-o", str(tmp_path / "all.jsonl")]) == 0
    rows = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text("utf-8").splitlines()]
    assert [(r["doc"], r["src_ids"]) for r in rows] == [
        ("mikoyan", [0]),
        ("mikoyan", [4]),
        ("mikoyan", [5]),
        ("short", [0]),
    ]
    assert main([*args, "--per-document", "-o", str(tmp_path / "each")]) == 0
    assert sorted(p.name for p in (tmp_path / "each").iterdir()) == ["mikoyan.jsonl", "short.jsonl"]


def test_convert_to_standard_output_and_moses_needs_a_name(tei_files, capsysbinary):
    assert main(["convert", str(tei_files[1]), "-f", "vecalign"]) == 0
    assert capsysbinary.readouterr().out == b"[0]:[0]:0.990\n"
    assert main(["convert", str(tei_files[1]), "-f", "moses"]) == 2
    assert b"give -o" in capsysbinary.readouterr().err


def test_convert_tei_to_tei_is_identical_and_bad_input_exits_2(tei_files, tmp_path, capsys):
    out = tmp_path / "again.xml"
    assert main(["convert", str(tei_files[0]), "-f", "tei", "-o", str(out), "-q"]) == 0
    assert out.read_bytes() == tei_files[0].read_bytes()
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI", "utf-8")
    assert main(["convert", str(bad), "-f", "tmx", "-o", str(tmp_path / "x.tmx")]) == 2
    assert "not well-formed XML" in capsys.readouterr().err
    assert not (tmp_path / "x.tmx").exists()


def test_read_tei_is_exported_at_the_top_level():
    assert paralign.read_tei is read_tei
