"""Bead scores: how good is it to align source block S with target block T?

For a bead with ``a`` source and ``b`` target sentences (both ≥ 1)::

    score = cos(S, T) - (hub(S) + hub(T)) / 2      # similarity above what is usual
            - length_weight · log²(|T| / (ratio·|S|))   # a length prior
            - shape_penalty[a, b]

``hub(X)`` is the mean cosine of X with every sentence of the other side, so a
short or generic sentence that is close to everything gains nothing from it
(Vecalign's normalisation, computed exactly). ``ratio`` is the document's own
character-length ratio. A 1-0 or 0-1 bead scores ``skip``, set per document pair
from the distribution of scores of random 1-1 pairs (a sentence is left
unaligned when its best partner is no better than a chance pairing). The DP
maximises the sum of bead scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .blocks import BlockVectors, block_sums


@dataclass(frozen=True)
class ScoreWeights:
    """The few numbers of the bead score (tuned on dev data, see docs/aligner.md)."""

    length_weight: float = 0.05
    #: a bead's similarity counts ((a+b)/2)**size_power times: larger beads cover more text
    size_power: float = 1.0
    #: extra cost of a bead per sentence beyond one on either side
    merge_penalty: float = 0.02
    #: a 1-0 / 0-1 bead scores this percentile of random 1-1 scores, plus skip_offset
    skip_percentile: float = 20.0
    skip_offset: float = 0.0


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
        self._row: tuple[int, int] | None = None
        self._row_vecs: np.ndarray | None = None
        self.skip = self._skip_score(seed)

    def _skip_score(self, seed: int) -> float:
        """The score of a 1-0/0-1 bead: a high percentile of random 1-1 bead scores."""
        n, m = len(self.src), len(self.tgt)
        rng = np.random.default_rng(seed)
        k = min(20000, n * m)
        i = rng.integers(0, n, k)
        j = rng.integers(0, m, k)
        s, t = self.src.vecs[i], self.tgt.vecs[j]
        cos = np.einsum("ij,ij->i", s, t)
        scores = self._combine(
            cos, 1, 1, s @ self.tgt_mean, t @ self.src_mean,
            self.src_chars[1, i + 1], self.tgt_chars[1, j + 1],
        )
        return float(np.percentile(scores, 100 - self.w.skip_percentile) + self.w.skip_offset)

    def _combine(self, cos, a, b, hub_s, hub_t, chars_s, chars_t):
        margin = cos - 0.5 * (hub_s + hub_t)
        ratio = np.log((chars_t + 1.0) / (self.ratio * (chars_s + 1.0)))
        size = ((a + b) / 2) ** self.w.size_power
        penalty = self.w.merge_penalty * (a + b - 2)
        return size * margin - self.w.length_weight * ratio * ratio - penalty

    def score(self, i: int, js: np.ndarray, a: int, b: int) -> np.ndarray:
        """Scores of beads ``src[i-a:i] ↔ tgt[j-b:j]`` for every ``j`` in ``js``."""
        if a == 0 or b == 0:
            return np.full(len(js), self.skip)
        # states with j < b have no such bead; the search masks them, keep them finite
        j1 = np.maximum(js, b)
        vs = self.src.ending_at(np.array([i]), a)[0]
        if self._row != (i, b) or self._row_vecs is None or len(self._row_vecs) != len(j1):
            self._row, self._row_vecs = (i, b), self.tgt.ending_at(j1, b)
        vt = self._row_vecs
        cos = vt @ vs
        return self._combine(
            cos, a, b, float(vs @ self.tgt_mean), vt @ self.src_mean,
            self.src_chars[a, i], self.tgt_chars[b, j1],
        )
