"""The alignment lattice inside a band, its best path, and bead posteriors.

State ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are
aligned". A bead of shape ``(a, b)`` moves from ``(i-a, j-b)`` to ``(i, j)`` and
adds its score. Row ``i`` keeps only ``j`` in ``[lo[i], hi[i]]``; states are
stored row after row in flat arrays (``offset[i]`` is where row ``i`` starts).

Bead scores do not depend on the path, so they are computed first for every
state and shape in bulk (:func:`build_lattice`); the recursions then run row by
row with numpy over each row. :func:`best_path` is the Viterbi search;
:func:`bead_posteriors` runs forward–backward with the same moves (max replaced
by log-sum-exp) to give each bead of a path the probability mass of all paths
through it, the basis of its confidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from .scoring import LevelScorer

Shape = tuple[int, int]
Span4 = tuple[int, int, int, int]
#: told how many more rows a pass has done (progress reporting)
Tick = Callable[[int], None]
NEG = -1e18
#: rows of the band whose beads are scored together, every shape (see build_lattice)
SCORE_ROWS = 2048


@dataclass
class Move:
    """Every bead of one shape in the band: it ends at ``state`` and starts at ``prev``."""

    shape: Shape
    state: np.ndarray
    prev: np.ndarray
    score: np.ndarray
    #: the moves ending in row i are ``[row_cut[i], row_cut[i + 1])``
    row_cut: np.ndarray


@dataclass
class Lattice:
    lo: np.ndarray
    hi: np.ndarray
    offset: np.ndarray
    shapes: list[Shape]
    #: one per shape other than 0-1 (0-1 beads chain along a row)
    moves: list[Move]
    #: score of the 0-1 bead ending at each state (the first state of a row has none)
    insert: np.ndarray

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    def index(self, i: int, j: int) -> int:
        return int(self.offset[i] + j - self.lo[i])


def build_lattice(
    scorer: LevelScorer, lo: np.ndarray, hi: np.ndarray, shapes: Sequence[Shape]
) -> Lattice:
    """Score every bead of every shape that fits in the band ``[lo, hi]``."""
    n = len(lo) - 1
    widths = hi - lo + 1
    offset = np.concatenate([[0], np.cumsum(widths)])
    rows = np.repeat(np.arange(n + 1), widths)
    cols = np.arange(int(offset[-1])) - np.repeat(offset[:-1] - lo, widths)
    moves = []
    for a, b in shapes:
        if (a, b) == (0, 1):
            continue
        prev_row = np.maximum(rows - a, 0)
        ok = (rows >= a) & (cols >= b) & (cols - b >= lo[prev_row]) & (cols - b <= hi[prev_row])
        state = np.flatnonzero(ok)
        r, c = rows[state], cols[state]
        prev = offset[r - a] + (c - b - lo[r - a])
        score = np.full(len(state), scorer.skip, dtype=np.float32)
        # int32 indices and float32 scores halve the lattice (2^31 states is far off)
        state, prev = state.astype(np.int32), prev.astype(np.int32)
        moves.append(Move((a, b), state, prev, score, np.searchsorted(r, np.arange(n + 2))))
    # every shape is scored on a stretch of rows before the next stretch, so that the
    # block vectors made for one shape serve the others (BlockVectors.focus)
    for top in range(0, n + 1, SCORE_ROWS):
        stop = min(top + SCORE_ROWS, n + 1)
        here = [(mv, slice(mv.row_cut[top], mv.row_cut[stop])) for mv in moves if mv.shape[1]]
        here = [(mv, sl) for mv, sl in here if sl.stop > sl.start]
        if not here:
            continue
        cols_here = [cols[mv.state[sl]] for mv, sl in here]
        scorer.src.focus(top, stop)
        scorer.tgt.focus(min(c.min() for c in cols_here), max(c.max() for c in cols_here) + 1)
        for (mv, sl), c in zip(here, cols_here, strict=True):
            mv.score[sl] = scorer.band_scores(rows[mv.state[sl]], c, *mv.shape)
    scorer.src.focus(0, 0)
    scorer.tgt.focus(0, 0)
    insert = np.full(int(offset[-1]), scorer.skip, dtype=np.float32)
    insert[offset[:-1]] = 0.0
    return Lattice(lo, hi, offset, list(shapes), moves, insert)


#: the row passes lay out the moves of this many rows at a time (RowMoves), and
#: call ``tick(rows)`` once per such stretch
TICK_ROWS = 2048


@dataclass
class RowMoves:
    """The moves of a stretch of rows in one set of arrays, row by row and, within a
    row, in the lattice's move order: a row's recursion is then a handful of numpy
    calls instead of a handful per shape (the row loops' cost is per call)."""

    #: the entries of row ``first + k`` are ``[cut[k], cut[k + 1])``
    first: int
    cut: np.ndarray
    state: np.ndarray
    prev: np.ndarray
    score: np.ndarray
    #: the index in ``lat.shapes`` of each entry's shape
    code: np.ndarray

    @classmethod
    def of(cls, lat: Lattice, first: int, stop: int, by_start: bool = False) -> RowMoves:
        """The moves that end in rows ``[first, stop)``, or with ``by_start`` those
        that start there."""
        rows, pieces = [], []
        for mv in lat.moves:
            shift = mv.shape[0] if by_start else 0
            lo, hi = min(first + shift, lat.n + 1), min(stop + shift, lat.n + 1)
            sl = slice(mv.row_cut[lo], mv.row_cut[hi])
            rows.append(np.repeat(np.arange(lo, hi) - shift, np.diff(mv.row_cut[lo : hi + 1])))
            code = np.full(sl.stop - sl.start, lat.shapes.index(mv.shape), dtype=np.int8)
            pieces.append((mv.state[sl], mv.prev[sl], mv.score[sl], code))
        row = np.concatenate(rows)
        order = np.argsort(row, kind="stable")  # by row, then move order
        state, prev, score, code = (np.concatenate(p)[order] for p in zip(*pieces, strict=True))
        cut = np.searchsorted(row[order], np.arange(first, stop + 1))
        return cls(first, cut, state, prev, score, code)


def _stretches(
    lat: Lattice, tick: Tick | None, backward: bool = False
) -> Iterator[tuple[int, RowMoves, int]]:
    """``(i, moves, k)`` for every row ``i`` (last first if ``backward``): ``moves``
    holds the row's stretch, the row's entries ``[moves.cut[k], moves.cut[k + 1])``."""
    tops = range(0, lat.n + 1, TICK_ROWS)
    for top in reversed(tops) if backward else tops:
        stop = min(top + TICK_ROWS, lat.n + 1)
        moves = RowMoves.of(lat, top, stop, backward)
        rows = range(stop - 1, top - 1, -1) if backward else range(top, stop)
        for i in rows:
            yield i, moves, i - top
        if tick is not None:
            tick(stop - top)


def best_path(lat: Lattice, tick: Tick | None = None) -> list[Span4]:
    """The highest-scoring path from (0, 0) to (n, m), as (i0, i1, j0, j1) beads."""
    size = int(lat.offset[-1])
    best = np.full(size, NEG)
    back = np.full(size, -1, dtype=np.int8)
    insert = lat.shapes.index((0, 1))
    for i, mv, k in _stretches(lat, tick):
        start, stop = int(lat.offset[i]), int(lat.offset[i + 1])
        row = np.full(stop - start, NEG)
        row_back = np.full(stop - start, -1, dtype=np.int8)
        if i == 0:
            row[0] = 0.0
        sl = slice(mv.cut[k], mv.cut[k + 1])
        if sl.start != sl.stop:
            at = mv.state[sl] - start
            cand = best[mv.prev[sl]] + mv.score[sl]
            np.maximum.at(row, at, cand)
            # each state's bead: the first in move order that reaches its best
            # (as if the moves were tried one by one, keeping a strictly better one)
            won = np.flatnonzero((cand == row[at]) & (cand > NEG))
            states, first = np.unique(at[won], return_index=True)
            row_back[states] = mv.code[sl][won[first]]
        # 0-1 beads chain along the row: best[j] = max_{k ≤ j} row[k] + Σ_{k<l≤j} insert[l]
        steps = np.cumsum(lat.insert[start:stop], dtype=np.float64)
        run = np.maximum.accumulate(row - steps) + steps
        from_left = run > row + 1e-12
        best[start:stop] = np.where(from_left, run, row)
        row_back[from_left] = insert
        back[start:stop] = row_back
    return _trace(lat, back)


def _trace(lat: Lattice, back: np.ndarray) -> list[Span4]:
    i, j = lat.n, int(lat.hi[lat.n])
    beads = []
    while i > 0 or j > 0:
        k = back[lat.index(i, j)]
        if k < 0:
            raise RuntimeError(f"alignment search left state ({i}, {j}) unreachable")
        a, b = lat.shapes[k]
        beads.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    return beads[::-1]


def forward_backward(
    lat: Lattice, temperature: float, tick: Tick | None = None
) -> tuple[np.ndarray, np.ndarray, float]:
    """Log weights of all partial paths into (forward) and out of (backward) each
    state, with scores divided by ``temperature``; and the log weight of all paths."""
    t = float(temperature)
    size = int(lat.offset[-1])
    fwd = np.full(size, NEG)
    for i, mv, k in _stretches(lat, tick):
        start, stop = int(lat.offset[i]), int(lat.offset[i + 1])
        row = np.full(stop - start, NEG)
        if i == 0:
            row[0] = 0.0
        sl = slice(mv.cut[k], mv.cut[k + 1])
        # log-adds in move order per state, as one move after another would
        np.logaddexp.at(row, mv.state[sl] - start, fwd[mv.prev[sl]] + mv.score[sl] / t)
        steps = np.cumsum(lat.insert[start:stop] / t, dtype=np.float64)
        fwd[start:stop] = np.logaddexp.accumulate(row - steps) + steps
    bwd = np.full(size, NEG)
    bwd[size - 1] = 0.0
    for i, mv, k in _stretches(lat, tick, backward=True):
        start, stop = int(lat.offset[i]), int(lat.offset[i + 1])
        row = bwd[start:stop].copy()
        # the moves that start in row i (every shape but 0-1, the row chain, ends
        # in a later row)
        sl = slice(mv.cut[k], mv.cut[k + 1])
        np.logaddexp.at(row, mv.prev[sl] - start, bwd[mv.state[sl]] + mv.score[sl] / t)
        # 0-1 chain backwards: b[j] = logsumexp_{k ≥ j} row[k] + Σ_{j<l≤k} insert[l]
        steps = np.cumsum(lat.insert[start:stop] / t, dtype=np.float64)
        bwd[start:stop] = np.logaddexp.accumulate((row + steps)[::-1])[::-1] - steps
    return fwd, bwd, float(fwd[size - 1])


def move_posteriors(
    lat: Lattice, temperature: float, tick: Tick | None = None
) -> tuple[list[np.ndarray], np.ndarray]:
    """Posterior of every bead of the lattice: per move, and of the 0-1 bead into each state."""
    t = float(temperature)
    fwd, bwd, total = forward_backward(lat, t, tick)
    moves = [
        np.exp(np.minimum(fwd[mv.prev] + mv.score / t + bwd[mv.state] - total, 0.0))
        for mv in lat.moves
    ]
    prev = np.concatenate([[NEG], fwd[:-1]])
    insert = np.exp(np.minimum(prev + lat.insert / t + bwd - total, 0.0))
    insert[lat.offset[:-1]] = 0.0
    return moves, insert


def bead_posteriors(
    lat: Lattice, beads: Sequence[Span4], temperature: float, tick: Tick | None = None
) -> np.ndarray:
    """For each bead, the share of all paths' weight (scores / temperature) through it."""
    moves, insert = move_posteriors(lat, temperature, tick)
    return _at_beads(lat, beads, moves, insert)


def bead_scores(lat: Lattice, beads: Sequence[Span4]) -> np.ndarray:
    """The lattice's score of each bead of a path through it."""
    return _at_beads(lat, beads, [mv.score for mv in lat.moves], lat.insert)


def _at_beads(
    lat: Lattice, beads: Sequence[Span4], per_move: list[np.ndarray], per_insert: np.ndarray
) -> np.ndarray:
    """The values of ``beads`` from per-move arrays (one value per bead of each move)
    and a per-state array for the 0-1 beads."""
    spans = np.asarray(beads, dtype=np.int64).reshape(-1, 4)
    ends = lat.offset[spans[:, 1]] + spans[:, 3] - lat.lo[spans[:, 1]]
    out = per_insert[ends].astype(np.float64)  # right for 0-1 beads, the others below
    a, b = spans[:, 1] - spans[:, 0], spans[:, 3] - spans[:, 2]
    for mv, values in zip(lat.moves, per_move, strict=True):
        mine = (a == mv.shape[0]) & (b == mv.shape[1])
        if mine.any():
            out[mine] = values[np.searchsorted(mv.state, ends[mine].astype(mv.state.dtype))]
    return out
