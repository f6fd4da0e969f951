"""Paragraph breaks as soft anchors.

A translation mostly keeps its original's paragraphs, so a paragraph break on one
side is evidence of a bead boundary at a break of the other side. With weight w:

* a path that passes through a *corner*, a state ``(i, j)`` where a paragraph
  starts at source sentence ``i`` and at target sentence ``j``, gains 2·w (two
  breaks matched), whichever bead reaches it (a null bead too: an untranslated
  paragraph ends at a corner);
* a bead that runs across a break, one inside its source or target block, pays w
  for each.

A break the path passes elsewhere gains and pays nothing. The term is soft: a
translator who merged or split a paragraph costs the path at most w per break,
and the similarities still decide.

Paragraphs that do not correspond (one side's paragraphs are its layout's lines, or
the two were paragraphed apart) would mislead the search, so the term is used only
where they agree with the path found without them: :meth:`ParagraphBreaks.agreement`
is how much more often than chance a break meets a break of the other side there.
Where either side is a single paragraph (pre-segmented sentences, a text with no
blank lines) nothing is known and the term is off.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import numpy as np


class ParagraphBreaks:
    """Where the paragraphs of both sides start, for the bead score."""

    def __init__(self, src: Sequence[int] | np.ndarray, tgt: Sequence[int] | np.ndarray) -> None:
        """``src`` / ``tgt``: the paragraph index of each sentence, in order."""
        self.src = _breaks(np.asarray(src))
        self.tgt = _breaks(np.asarray(tgt))
        # the breaks at positions ≤ k: those strictly inside (r-a, r) are
        # cum[r - 1] - cum[r - a]
        self.src_cum = np.cumsum(self.src, dtype=np.int32)
        self.tgt_cum = np.cumsum(self.tgt, dtype=np.int32)

    def window(self, i0: int, i1: int, j0: int, j1: int) -> ParagraphBreaks:
        """The breaks of the states ``[i0, i1] × [j0, j1]`` alone (indices from 0), as
        the whole document has them (a window's ends are breaks only where its
        paragraphs change there)."""
        part = copy.copy(self)
        part.src, part.tgt = self.src[i0 : i1 + 1], self.tgt[j0 : j1 + 1]
        # the term takes differences of the running counts: slices keep them right
        part.src_cum, part.tgt_cum = self.src_cum[i0 : i1 + 1], self.tgt_cum[j0 : j1 + 1]
        return part

    @staticmethod
    def known(src: Sequence[int] | np.ndarray, tgt: Sequence[int] | np.ndarray) -> bool:
        """Whether both sides have more than one paragraph (else the term is off)."""
        return bool(len(src) and len(tgt) and np.ptp(src) > 0 and np.ptp(tgt) > 0)

    def agreement(self, spans: Sequence[tuple[int, int, int, int]]) -> float:
        """Chance-corrected agreement (Cohen's kappa) of the paragraph breaks with a
        path of (i0, i1, j0, j1) beads: the share of breaks inside either text that
        the path meets at a corner, against the share it would meet by chance (the
        other side's density of breaks); 1 where every break meets one, about 0 where
        the two sides' paragraphs are unrelated."""
        states = np.array([(0, 0)] + [(i1, j1) for _, i1, _, j1 in spans], dtype=np.int64)
        corners = states[(self.src[states[:, 0]] & self.tgt[states[:, 1]]).astype(bool)]
        n, m = len(self.src) - 1, len(self.tgt) - 1
        inside_s, inside_t = int(self.src[1:-1].sum()), int(self.tgt[1:-1].sum())
        if not inside_s or not inside_t:
            return 0.0
        met_s = len({int(i) for i in corners[:, 0] if 0 < i < n})
        met_t = len({int(j) for j in corners[:, 1] if 0 < j < m})
        observed = (met_s + met_t) / (inside_s + inside_t)
        density_s, density_t = inside_s / max(n - 1, 1), inside_t / max(m - 1, 1)
        chance = (inside_s * density_t + inside_t * density_s) / (inside_s + inside_t)
        if chance >= 1.0:  # every sentence a paragraph on both sides: nothing to learn
            return 0.0
        return (observed - chance) / (1.0 - chance)

    def corner_gain(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """2 at the states ``(rows[k], cols[k])`` that are corners, else 0."""
        return 2.0 * (self.src[rows] & self.tgt[cols])

    def term(self, rows: np.ndarray, cols: np.ndarray, a: int, b: int) -> np.ndarray:
        """The paragraph term (in units of the weight) of the beads
        ``src[r-a:r] ↔ tgt[c-b:c]`` (a, b ≥ 1): their end's corner gain, less the
        breaks inside their blocks."""
        inside = (self.src_cum[rows - 1] - self.src_cum[rows - a]) + (
            self.tgt_cum[cols - 1] - self.tgt_cum[cols - b]
        )
        return self.corner_gain(rows, cols) - inside


def _breaks(paragraph: np.ndarray) -> np.ndarray:
    """``out[k]``: whether a paragraph starts before sentence ``k`` (0 ≤ k ≤ n; both
    ends of the text count as breaks)."""
    out = np.ones(len(paragraph) + 1, dtype=np.int8)
    out[1:-1] = paragraph[1:] != paragraph[:-1]
    return out
