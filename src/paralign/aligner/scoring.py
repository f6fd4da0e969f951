"""Bead scores: how good is it to align source block S with target block T?

For a bead with ``a`` source and ``b`` target sentences (both ≥ 1)::

    score = size(a, b) · (cos(S, T) - (hub(S) + hub(T)) / 2)
            - length_weight · log²(chars(T) / (ratio · chars(S)))
            - merge_penalty · (a + b - 2)

``hub(X)`` is the mean cosine of X with every sentence of the other side, so a
short or generic sentence that is close to everything gains nothing from it
(Vecalign's normalisation, computed exactly as ``X · mean(other side)``).
``ratio`` is the document pair's own character-length ratio. A 1-0 or 0-1 bead
scores ``skip``, set per document pair from the scores of random 1-1 pairs: a
sentence is left unaligned when its best partner is no better than a chance
pairing. A run of several 1-0 (or 0-1) beads in a row pays ``skip`` for its
first bead and ``extend = null_extend · skip`` for each further one (an affine gap
cost, as in sequence alignment): a passage left untranslated costs little more
than one omitted sentence, so the search does not scatter its sentences over
chance partners. The search maximises the sum of bead scores; where the two
sides' paragraphs agree, their breaks add a term to it (``paragraphs.py``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from .blocks import BlockVectors, block_sums

#: rows of the band scored together in one matrix product
ROW_CHUNK = 64
#: what a paragraph corner gains, per break, and a break inside a bead costs (see
#: ``paragraphs.py``): chosen on the dev sets with paragraphs drawn from the gold and
#: Candide's chapters (``python -m bench.paragraphs``; docs/aligner.md, "Paragraphs")
PARAGRAPH_WEIGHT = 0.02
#: the paragraphs are used when their agreement with the path found without them
#: (chance-corrected, see ``ParagraphBreaks.agreement``) is at least this
PARAGRAPH_AGREEMENT = 0.25


@dataclass(frozen=True)
class ScoreWeights:
    """The few numbers of the bead score (tuned on dev data, see docs/aligner.md)."""

    length_weight: float = 0.3
    #: a bead's similarity counts ((a+b)/2)**size_power times: larger beads cover more text
    size_power: float = 0.25
    #: extra cost of a bead per sentence beyond one on either side
    merge_penalty: float = 0.0
    #: a 1-0 / 0-1 bead scores this percentile of random 1-1 scores, plus skip_offset
    skip_percentile: float = 20.0
    skip_offset: float = -0.1
    #: the skip score never exceeds this: in a short document "random" pairs are
    #: largely true pairs, and their percentile says nothing about chance pairings
    skip_cap: float = 0.0
    #: a 1-0 / 0-1 bead that continues a run of them on the same side scores
    #: ``null_extend · skip`` (1: every omitted sentence costs the same)
    null_extend: float = 0.25
    #: divide the margin by (1 - hubness): a ratio, as Vecalign's cost, not a difference
    relative: bool = True
    #: a block's vector, where no overlap embedding is computed, sums its sentence
    #: vectors weighted by length**sum_weight_power
    sum_weight_power: float = 0.5
    #: what a path gains per paragraph break matched at a corner, and a bead pays per
    #: break inside it (see ``paragraphs.py``; 0: paragraphs are ignored)
    paragraph_weight: float = PARAGRAPH_WEIGHT
    #: ... where the paragraphs agree with the path found without them this well
    paragraph_agreement: float = PARAGRAPH_AGREEMENT


class LevelScorer:
    """Scores beads between two sides' block vectors (sentences or coarse blocks)."""

    def __init__(
        self,
        src: BlockVectors,
        tgt: BlockVectors,
        src_len: np.ndarray,
        tgt_len: np.ndarray,
        weights: ScoreWeights,
        seed: int = 0,
    ) -> None:
        self.src, self.tgt = src, tgt
        self.w = weights
        max_side = max(src.max_len, tgt.max_len)
        self.src_mean = src.vecs.mean(axis=0)
        self.tgt_mean = tgt.vecs.mean(axis=0)
        self.src_chars = block_sums(src_len.astype(np.float64), max_side)
        self.tgt_chars = block_sums(tgt_len.astype(np.float64), max_side)
        self.ratio = (tgt_len.sum() + 1.0) / (src_len.sum() + 1.0)
        self.skip = self._skip_score(seed)
        #: the score of a 1-0 / 0-1 bead after one of the same kind
        self.extend = self.skip * self.w.null_extend

    def window(self, i0: int, i1: int, j0: int, j1: int) -> LevelScorer:
        """A scorer for the sources ``[i0, i1)`` and targets ``[j0, j1)`` alone (indices
        from 0), that scores every bead there as this one does: the whole document's
        mean vectors, length ratio and skip score (see ``anchors.py``)."""
        part = copy.copy(self)
        part.src, part.tgt = self.src.window(i0, i1), self.tgt.window(j0, j1)
        # chars[k, e] sums the k sentences before e: entries with e < k reach out of
        # the window, and no bead of the window asks for them
        part.src_chars = self.src_chars[:, i0 : i1 + 1]
        part.tgt_chars = self.tgt_chars[:, j0 : j1 + 1]
        return part

    def _skip_score(self, seed: int) -> float:
        """The score of a 1-0/0-1 bead: a high percentile of random 1-1 bead scores."""
        n, m = len(self.src), len(self.tgt)
        rng = np.random.default_rng(seed)
        k = min(5000, n * m)
        i = rng.integers(0, n, k)
        j = rng.integers(0, m, k)
        s, t = self.src.vecs[i], self.tgt.vecs[j]
        margin = self.margin(np.einsum("ij,ij->i", s, t), s @ self.tgt_mean, t @ self.src_mean)
        scores = self.combine(margin, 1, 1, self.src_chars[1, i + 1], self.tgt_chars[1, j + 1])
        skip = np.percentile(scores, 100 - self.w.skip_percentile) + self.w.skip_offset
        return float(min(skip, self.w.skip_cap))

    def margin(self, cos, hub_s, hub_t):
        """How far a similarity stands above the blocks' usual similarity (arrays)."""
        hub = 0.5 * (hub_s + hub_t)
        if not self.w.relative:
            return cos - hub
        # (a one-sentence side is its own mean: hub = 1; keep the ratio finite)
        return (cos - hub) / np.maximum(1.0 - hub, 0.1)

    def combine(self, margin, a, b, chars_s, chars_t):
        """The bead score from its margin and lengths (arrays broadcast)."""
        ratio = np.log((chars_t + 1.0) / (self.ratio * (chars_s + 1.0)))
        size = ((a + b) / 2) ** self.w.size_power
        penalty = self.w.merge_penalty * (a + b - 2)
        return size * margin - self.w.length_weight * ratio * ratio - penalty

    def score(self, i: int, j: int, a: int, b: int) -> float:
        """The score of the one bead ``src[i-a:i] ↔ tgt[j-b:j]``."""
        if a == 0 or b == 0:
            return self.skip
        return float(self.band_scores(np.array([i]), np.array([j]), a, b)[0])

    def band_scores(self, rows: np.ndarray, cols: np.ndarray, a: int, b: int) -> np.ndarray:
        """Scores of beads ending at the states ``(rows[k], cols[k])``.

        ``rows`` is sorted; every state needs ``rows ≥ a`` and ``cols ≥ b``.
        """
        margin = self.band_margins(rows, cols, a, b)
        return self.combine(margin, a, b, self.src_chars[a, rows], self.tgt_chars[b, cols])

    def band_margins(self, rows: np.ndarray, cols: np.ndarray, a: int, b: int) -> np.ndarray:
        """Margins of the blocks ``src[r-a:r] ↔ tgt[c-b:c]`` for each (r, c), ``rows`` sorted.

        Rows are taken a chunk at a time: one matrix product gives every
        similarity between the chunk's source blocks and the targets it reaches.
        """
        out = np.empty(len(rows), dtype=np.float64)
        starts = np.searchsorted(rows, np.arange(rows[0], rows[-1] + 1, ROW_CHUNK))
        cuts = np.append(starts, len(rows))
        for lo, hi in zip(cuts[:-1], cuts[1:], strict=True):
            if lo == hi:
                continue
            r, c = rows[lo:hi], cols[lo:hi]
            r0, c0 = r[0], c.min()
            vs = self.src.ending_at(np.arange(r0, r[-1] + 1), a)
            vt = self.tgt.ending_at(np.arange(c0, c.max() + 1), b)
            cos = (vs @ vt.T)[r - r0, c - c0]
            hub_s, hub_t = (vs @ self.tgt_mean)[r - r0], (vt @ self.src_mean)[c - c0]
            out[lo:hi] = self.margin(cos, hub_s, hub_t)
        return out
