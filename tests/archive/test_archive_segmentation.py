"""Sentence boundaries of the whole archival pipeline against the hand-made gold.

The gold is the segmentation engineer's (tests/data/segmentation, README there):
excerpts of seeds 000, 001 (Spanish and English) and 003 with every sentence end
marked ``‖`` and every kept-out stretch ``⟦…⟧`` by hand. Here the pipeline starts
from the whole raw seed file (record, both languages, debris): split → clean →
segment; the gold excerpt is found in the file and the boundaries compared there.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from archival_helpers import SEED_000, SEED_001, SEED_003

from paralign.archive import documents, load_transcription
from paralign.model import Document, Sentence

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "segmentation"))
import gold as G  # noqa: E402

#: gold excerpt → (seed file, role of the part it comes from)
EXCERPTS = {
    "001_es": (SEED_001, "original"),
    "001_en": (SEED_001, "translation"),
    "003_en": (SEED_003, "translation"),
    "000_en": (SEED_000, "translation"),
}


def pipeline_on_gold(shared: Path, name: str, lang: str) -> tuple[G.Gold, Document, list]:
    """The gold excerpt, the pipeline's sentences moved onto it, and its kept-out spans."""
    seed, role = EXCERPTS[name]
    gold = G.load(name, lang)
    tr = load_transcription(shared / "seeds" / seed, known={"original_lang": "es"})
    doc = documents(tr)[role]
    part = tr.part(role)
    base = tr.raw.find(gold.raw.rstrip("\n"))
    assert base >= 0, f"{name} is not an excerpt of {seed}"
    shift = part.start - base
    sentences = [
        Sentence(s.text, s.start + shift, s.end + shift, s.paragraph)
        for s in doc.sentences
        if s.start + shift >= 0 and s.end + shift <= len(gold.raw)
    ]
    kept = [
        (s.start + shift, s.end + shift)
        for s in doc.kept_out
        if s.kind != "join" and s.start + shift >= 0 and s.end + shift <= len(gold.raw)
    ]
    return gold, Document(gold.raw, lang, sentences), kept


@pytest.fixture(scope="module")
def results(shared):
    return {name: pipeline_on_gold(shared, name, lang) for name, lang in G.SEEDS}


def test_boundary_precision_and_recall(results):
    total = G.Score()
    for gold, doc, _ in results.values():
        score, _ = G.score(gold, doc)
        total += score
    # measured 111 tp, 1 fp, 1 fn on the boundaries that are not simply blank lines
    assert total.precision >= 0.97 and total.recall >= 0.97, total
    strict = G.Score()
    for gold, doc, _ in results.values():
        strict += G.score(gold, doc, include_trivial=True)[0]
    assert strict.precision >= 0.98 and strict.recall >= 0.98, strict


def test_kept_out_text_is_what_the_gold_keeps_out(results):
    """Headers, page numbers and rules: the clean stage keeps out exactly the ⟦…⟧ text."""
    for name, (gold, _, kept) in results.items():
        assert _chars(gold, kept) == _chars(gold, [(s.start, s.end) for s in gold.kept_out]), name


def _chars(gold: G.Gold, spans: list[tuple[int, int]]) -> set[int]:
    return {i for a, b in spans for i in range(a, b) if not gold.raw[i].isspace()}
