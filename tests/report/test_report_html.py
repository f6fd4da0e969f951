"""The HTML report as a document: self-contained, one row per bead, every finding listed."""

from __future__ import annotations

import re

import pytest
from lxml import html as lhtml
from review_seed import seed001

from paralign.errors import InputError
from paralign.model import Alignment, Bead, Document
from paralign.report import render_html, write_html
from paralign.review import review


def cls(name: str) -> str:
    """XPath test for an element having class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


@pytest.fixture(scope="module")
def seed_review():
    a = seed001()
    return review(a, similarity=[None] * len(a.beads))


@pytest.fixture(scope="module")
def page(seed_review):
    return lhtml.fromstring(render_html(seed_review, title="Seed 001"))


def test_one_row_per_bead_and_one_entry_per_finding(seed_review, page):
    assert (
        len(page.xpath(f"//*[@id='beads']//div[{cls('bead')}]"))
        == 58
        == len(seed_review.alignment.beads)
    )
    assert len(page.xpath(f"//*[@id='findings']/li[{cls('finding')}]")) == len(seed_review)
    assert len(page.xpath(f"//ul[{cls('notes')}]/li")) == len(seed_review)
    assert page.xpath("//*[@id='bead-count']")[0].text == "58"


def test_every_sentence_of_both_texts_is_shown_once(seed_review, page):
    a = seed_review.alignment
    assert len(page.xpath(f"//*[@id='beads']//div[{cls('s')}]")) == len(a.src) + len(a.tgt)
    shown = {
        d.get("id"): d.text_content() for d in page.xpath(f"//*[@id='beads']//div[{cls('s')}]")
    }
    assert shown["s-59"] == a.src.sentences[59].text and shown["t-0"] == a.tgt.sentences[0].text


def test_nothing_is_loaded_from_anywhere(page):
    for el in page.iter():
        for attr in ("src", "href", "action", "data", "poster"):
            value = el.get(attr) or ""
            assert not value or value.startswith("#"), (el.tag, attr, value)
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']")[0].get("content")
    assert "default-src 'none'" in csp
    assert not page.xpath("//link") and all(not s.get("src") for s in page.xpath("//script"))


def test_svg_path_has_a_shape_per_bead_and_a_ring_per_bead_with_findings(seed_review, page):
    svg = page.xpath("//*[@id='path']/svg")[0]
    shapes = svg.xpath("./a[not(@class='mark')]")
    assert len(shapes) == 58
    rings = svg.xpath("./a[@class='mark']")
    assert len(rings) == len(seed_review.by_bead())


def test_filters_list_every_kind_with_its_count(seed_review, page):
    boxes = {b.get("data-kind"): b for b in page.xpath("//*[@id='filters']//input[@data-kind]")}
    assert set(boxes) == set(seed_review.counts())
    label = boxes["editorial"].getparent().text_content()
    assert "(9)" in label


def test_text_is_escaped():
    a = Alignment(
        Document.from_sentences(['<script>alert("x")</script> & <b>'], "es"),
        Document.from_sentences(["</div><img src=http://example.org/x.png>"], "en"),
        [Bead((0,), (0,))],
    )
    out = render_html(review(a, similarity=[None]))
    assert "<script>alert" not in out and "&lt;script&gt;" in out
    assert "<img" not in out


def test_a_5000_sentence_report_stays_small():
    es = [f"Frase número {i} de un documento largo, con algunas palabras." for i in range(5000)]
    en = [f"Sentence number {i} of a long document, with some words." for i in range(5000)]
    a = Alignment(
        Document.from_sentences(es, "es"),
        Document.from_sentences(en, "en"),
        [Bead((i,), (i,), confidence=(i % 10) / 10) for i in range(5000)],
    )
    out = render_html(review(a, similarity=[0.9] * 5000))
    text = sum(map(len, es + en))
    assert len(out) - text < 5000 * 600  # markup per bead, whatever the text
    assert out.count('class="bead ') == 5000
    assert "content-visibility: auto" in out
    assert len(re.findall(r'class="bead c0"', out)) == 1000  # confidence 0.0 and 0.1


def test_write_html_refuses_a_folder(tmp_path, seed_review):
    with pytest.raises(InputError, match="folder"):
        write_html(seed_review, tmp_path)
    path = write_html(seed_review, tmp_path / "r.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".*tmp"))
