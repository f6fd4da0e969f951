"""The search: a banded dynamic programme, run coarse to fine so that time and
memory grow linearly with document length.

State ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are
aligned". A bead of shape ``(a, b)`` moves from ``(i-a, j-b)`` to ``(i, j)`` and
adds its score; the best path from ``(0, 0)`` to ``(N, M)`` is the alignment.

Only states inside a band are visited: row ``i`` keeps ``j`` in
``[lo[i], hi[i]]``. The band comes from the path found on a copy of both
documents shortened by summing neighbouring vectors, twice as short per level,
until a full search is cheap; each finer level searches a band of fixed width
around the coarser path projected down.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .blocks import BlockVectors
from .lattice import Shape, Span4, best_path, build_lattice
from .scoring import LevelScorer, ScoreWeights


def bead_shapes(max_bead: int) -> list[Shape]:
    """1-0, 0-1 and every n-m with n, m ≥ 1 and n+m ≤ ``max_bead``."""
    shapes: list[Shape] = [(1, 0), (0, 1)]
    for total in range(2, max_bead + 1):
        shapes += [(a, total - a) for a in range(1, total)]
    return shapes


def full_band(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Every state: rows ``0..n`` each with ``j`` in ``0..m``."""
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)


def band_around(path: np.ndarray, n: int, m: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """A monotone band of states within ``width`` of ``path`` (an array of (i, j))."""
    rows, cols = path[:, 0], path[:, 1]
    row_min = np.full(n + 1, m, dtype=np.int64)
    row_max = np.zeros(n + 1, dtype=np.int64)
    np.minimum.at(row_min, rows, cols)
    np.maximum.at(row_max, rows, cols)
    lo, hi = row_min.copy(), row_max.copy()
    for d in range(1, width + 1):  # widen vertically: rows near a path row
        lo[d:] = np.minimum(lo[d:], row_min[:-d])
        lo[:-d] = np.minimum(lo[:-d], row_min[d:])
        hi[d:] = np.maximum(hi[d:], row_max[:-d])
        hi[:-d] = np.maximum(hi[:-d], row_max[d:])
    lo = np.clip(lo - width, 0, m)
    hi = np.clip(hi + width, 0, m)
    # make both bounds non-decreasing (only ever widening), anchored at the corners
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[n] = 0, m
    hi = np.maximum(hi, lo)
    return lo, hi


def banded_dp(
    scorer: LevelScorer, lo: np.ndarray, hi: np.ndarray, shapes: Sequence[Shape]
) -> list[Span4]:
    """Best path through the band ``[lo, hi]``, as (i0, i1, j0, j1) beads."""
    return best_path(build_lattice(scorer, lo, hi, shapes))


def halve(vecs: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum neighbouring pairs of vectors (re-normalised) and of lengths."""
    n = len(vecs)
    if n % 2:
        vecs = np.vstack([vecs, np.zeros((1, vecs.shape[1]), dtype=vecs.dtype)])
        lengths = np.append(lengths, 0)
    pairs = vecs[0::2] + vecs[1::2]
    norms = np.linalg.norm(pairs, axis=1, keepdims=True)
    pairs = pairs / np.maximum(norms, 1e-9)
    return pairs.astype(np.float32), lengths[0::2] + lengths[1::2]


def coarse_to_fine(
    src: BlockVectors,
    tgt: BlockVectors,
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    weights: ScoreWeights,
    shapes: Sequence[Shape],
    band: int,
    coarse_size: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The band for the full-resolution search: the path found at the coarsest level
    in full, refined level by level in a band, projected onto the sentences."""
    levels = [(src.vecs, tgt.vecs, src_len, tgt_len)]
    while (
        max(len(levels[-1][0]), len(levels[-1][1])) > coarse_size
        and min(len(levels[-1][0]), len(levels[-1][1])) > 1
    ):
        s, t, sl, tl = levels[-1]
        (s2, sl2), (t2, tl2) = halve(s, sl), halve(t, tl)
        levels.append((s2, t2, sl2, tl2))
    simple = [s for s in shapes if s in ((1, 0), (0, 1), (1, 1), (1, 2), (2, 1))]
    path: np.ndarray | None = None
    for depth in range(len(levels) - 1, 0, -1):
        s, t, sl, tl = levels[depth]
        n, m = len(s), len(t)
        lo, hi = full_band(n, m) if path is None else band_around(_project(path, n, m), n, m, band)
        scorer = LevelScorer(BlockVectors(s, 2), BlockVectors(t, 2), sl, tl, weights)
        path = beads_to_path(banded_dp(scorer, lo, hi, simple))
    n, m = len(src), len(tgt)
    return full_band(n, m) if path is None else band_around(_project(path, n, m), n, m, band)


def beads_to_path(beads: Sequence[Span4]) -> np.ndarray:
    """The DP states a bead list passes through, as an array of (i, j)."""
    return np.array([(0, 0)] + [(i1, j1) for _, i1, _, j1 in beads], dtype=np.int64)


def _project(path: np.ndarray, n: int, m: int) -> np.ndarray:
    """Map states of a coarser level onto this level (each coarse unit = 2 fine ones)."""
    fine = np.minimum(path * 2, [n, m])
    # add the midpoint of every coarse step so the band has no gaps
    mids = (fine[:-1] + fine[1:]) // 2 if len(fine) > 1 else fine[:0]
    return np.vstack([fine, mids, np.minimum(fine + 1, [n, m])])
