"""Each link's status in the TEI: ``subtype="confirmed"`` on a bead a person confirmed,
valid against tei_all and paralign's own schema, and read back by ``read_tei``."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from sample_alignments import mikoyan

from paralign import BeadStatus, read_tei
from paralign.export import export
from paralign.tei import validate

NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def tei_all(shared):
    """The TEI Consortium's tei_all schema (P5 4.12.0), compiled once (5-10 s)."""
    return etree.RelaxNG(etree.parse(str(shared / "schemas" / "tei_all.rng")))


def confirmed(which: set[int]):
    a = mikoyan()
    beads = [
        replace(b, status=BeadStatus.CONFIRMED) if k in which else b for k, b in enumerate(a.beads)
    ]
    return replace(a, beads=beads)


def test_a_confirmed_link_and_pointer_carry_subtype_confirmed_and_the_rest_nothing():
    root = etree.fromstring(export(confirmed({1, 5}), "tei"))
    group = root.find("t:standOff/t:linkGrp", NS)
    assert [el.get("subtype") for el in group] == [None, "confirmed", None, None, None, "confirmed"]
    ptr = group[5]
    assert etree.QName(ptr).localname == "ptr" and ptr.get("type") == "unaligned"
    # nothing confirmed: the file is as it was before statuses existed
    assert b"subtype" not in export(mikoyan(), "tei")


@settings(max_examples=25)
@given(which=st.sets(st.integers(0, 5)))
def test_statuses_round_trip_through_a_valid_tei(which, tei_all, tmp_path_factory):
    a = confirmed(which)
    data = export(a, "tei")
    doc = etree.ElementTree(etree.fromstring(data))
    assert tei_all.validate(doc), str(tei_all.error_log)
    path = tmp_path_factory.mktemp("tei") / "pair.tei.xml"
    path.write_bytes(data)
    report = validate(path)
    assert report.valid, report.errors
    back = read_tei(path)
    assert [(b.src, b.tgt, b.status) for b in back.beads] == [
        (b.src, b.tgt, b.status) for b in a.beads
    ]
    assert [b.confidence for b in back.beads] == [b.confidence for b in a.beads]
    assert export(back, "tei") == data


def test_another_tool_s_subtype_reads_as_automatic(tmp_path):
    data = export(confirmed({0}), "tei").replace(b'subtype="confirmed"', b'subtype="checked"')
    path = tmp_path / "other.tei.xml"
    path.write_bytes(data)
    assert all(b.status is BeadStatus.AUTOMATIC for b in read_tei(path).beads)
