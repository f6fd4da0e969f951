"""The alignment lattice inside a band, its best path, and bead posteriors.

State ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are
aligned". A bead of shape ``(a, b)`` moves from ``(i-a, j-b)`` to ``(i, j)`` and
adds its score. Row ``i`` keeps only ``j`` in ``[lo[i], hi[i]]``; states are
stored row after row in flat arrays (``offset[i]`` is where row ``i`` starts).

Bead scores do not depend on the path, so they are computed first for every
state and shape in bulk (:func:`build_lattice`); the recursions then run row by
row, compiled (``row_passes.py``). :func:`best_path` is the Viterbi search;
:func:`bead_posteriors` runs forward–backward with the same moves (max replaced
by log-sum-exp) to give each bead of a path the probability mass of all paths
through it, the basis of its confidence. Both keep, per state, one value for each
way of arriving there, so that a run of 1-0 (or 0-1) beads pays ``skip`` for its
first bead and ``extend`` for the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..progress import Tick
from . import row_passes
from .paragraphs import ParagraphBreaks
from .scoring import LevelScorer

Shape = tuple[int, int]
Span4 = tuple[int, int, int, int]
#: told how many more rows a pass has done (progress reporting)
NEG = row_passes.NEG
#: rows of the band whose beads are scored together, every shape (see build_lattice)
SCORE_ROWS = 2048


@dataclass
class Move:
    """Every bead of one shape in the band: it ends at ``state`` and starts at ``prev``
    (views into the lattice's flat arrays of all moves)."""

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
    #: one per n-m shape with n, m ≥ 1 (1-0 beads go down a column, 0-1 along a row)
    moves: list[Move]
    #: every n-m move, shape after shape in ``moves``' order: ``cut[s, i]..cut[s, i + 1]``
    #: are those of ``moves[s]`` that end in row ``i`` (the row passes' layout)
    state: np.ndarray
    prev: np.ndarray
    score: np.ndarray
    cut: np.ndarray
    #: the score of a 1-0 or 0-1 bead
    skip: float
    #: the score of a 1-0 / 0-1 bead that follows one of the same kind (an affine gap)
    extend: float
    #: added to every path through a state, by whichever bead (paragraph corners, see
    #: ``paragraphs.py``): one value per state, or empty for none. The n-m moves'
    #: scores hold it already; the null beads get it in the row passes
    bonus: np.ndarray

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    def index(self, i: int, j: int) -> int:
        return int(self.offset[i] + j - self.lo[i])


def build_lattice(
    scorer: LevelScorer, lo: np.ndarray, hi: np.ndarray, shapes: Sequence[Shape]
) -> Lattice:
    """Score every bead of every shape that fits in the band ``[lo, hi]``."""
    # one layout for the compiled row passes (a band's bounds may be views)
    lo, hi = np.ascontiguousarray(lo, dtype=np.int64), np.ascontiguousarray(hi, dtype=np.int64)
    n = len(lo) - 1
    offset = np.concatenate([[0], np.cumsum(hi - lo + 1)])
    rows, cols = _state_coords(lo, hi, offset)
    pairs = [(a, b) for a, b in shapes if a and b]

    def fits(a: int, b: int) -> np.ndarray:
        prev_row = np.maximum(rows - a, 0)
        return (rows >= a) & (cols >= b) & (cols - b >= lo[prev_row]) & (cols - b <= hi[prev_row])

    # one flat set of arrays for all shapes, filled in place (the scale runs' lattices
    # are the largest arrays of a run: no copy of them is made)
    counts = [int(np.count_nonzero(fits(a, b))) for a, b in pairs]
    bases = np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])
    # int32 indices and float32 scores halve the lattice (2^31 states is far off)
    flat_state = np.empty(int(bases[-1]), dtype=np.int32)
    flat_prev = np.empty(int(bases[-1]), dtype=np.int32)
    flat_score = np.empty(int(bases[-1]), dtype=np.float32)
    cut = np.empty((len(pairs), n + 2), dtype=np.int64)
    moves = []
    for k, (a, b) in enumerate(pairs):
        sl = slice(int(bases[k]), int(bases[k + 1]))
        state = np.flatnonzero(fits(a, b))
        r = rows[state]
        flat_state[sl] = state
        flat_prev[sl] = offset[r - a] + (cols[state] - b - lo[r - a])
        row_cut = np.searchsorted(r, np.arange(n + 2))
        cut[k] = bases[k] + row_cut
        moves.append(Move((a, b), flat_state[sl], flat_prev[sl], flat_score[sl], row_cut))
    # every shape is scored on a stretch of rows before the next stretch, so that the
    # block vectors made for one shape serve the others (BlockVectors.focus)
    for top in range(0, n + 1, SCORE_ROWS):
        stop = min(top + SCORE_ROWS, n + 1)
        here = [(mv, slice(mv.row_cut[top], mv.row_cut[stop])) for mv in moves]
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
    # float32 as the other scores: with null_extend 1 a run's beads score exactly as one
    skip, extend = (float(np.float32(x)) for x in (scorer.skip, scorer.extend))
    bonus = np.zeros(0, dtype=np.float32)  # none until add_paragraphs
    return Lattice(
        lo, hi, offset, list(shapes), moves, flat_state, flat_prev, flat_score, cut, skip, extend,
        bonus,
    )  # fmt: skip


def _state_coords(
    lo: np.ndarray, hi: np.ndarray, offset: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The row ``i`` and column ``j`` of every state of a band, in storage order."""
    widths = hi - lo + 1
    rows = np.repeat(np.arange(len(lo)), widths)
    cols = np.arange(int(offset[-1])) - np.repeat(offset[:-1] - lo, widths)
    return rows, cols


def add_paragraphs(lat: Lattice, breaks: ParagraphBreaks, weight: float) -> None:
    """Add the paragraph term (``paragraphs.py``) to the lattice, in place: each n-m
    move's score gains ``weight ×`` its term, and every state its corner bonus."""
    rows, cols = _state_coords(lat.lo, lat.hi, lat.offset)
    for mv in lat.moves:
        r, c = rows[mv.state], cols[mv.state]
        mv.score += (weight * breaks.term(r, c, *mv.shape)).astype(np.float32)
    lat.bonus = (weight * breaks.corner_gain(rows, cols)).astype(np.float32)


#: the row passes call ``tick(rows)`` once per this many rows
TICK_ROWS = 2048


def _stretches(lat: Lattice, tick: Tick | None, backward: bool = False) -> Iterator[range]:
    """The rows ``[top, stop)`` of each stretch (last first if ``backward``); ``tick``
    hears of each once it is done."""
    tops = range(0, lat.n + 1, TICK_ROWS)
    for top in reversed(tops) if backward else tops:
        stop = min(top + TICK_ROWS, lat.n + 1)
        yield range(top, stop)
        if tick is not None:
            tick(stop - top)


# How the passes track runs of null beads (Gotoh's affine gaps): each state has a
# value for each way of arriving there, by an n-m bead (or the start), by a 1-0 bead
# (a run going down a column) or by a 0-1 bead (a run going along a row). A 1-0 bead
# after a 1-0 bead scores ``extend`` instead of ``skip``; likewise 0-1.
#: how a state was reached; ties go to a 1-0 bead, then an n-m bead, and a 0-1 run
#: wins only when strictly better (the order of the moves before runs were told apart)
BY_DOWN, BY_PAIR, BY_RIGHT = 0, 1, 2


def best_path(lat: Lattice, tick: Tick | None = None) -> list[Span4]:
    """The highest-scoring path from (0, 0) to (n, m), as (i0, i1, j0, j1) beads."""
    size = int(lat.offset[-1])
    best = np.full(size, NEG)  # by any bead
    pair_or_right = np.full(size, NEG)  # a 1-0 bead after these opens a run
    by_down = np.full(size, NEG)
    trace = _Trace(size)
    codes = np.array([lat.shapes.index(mv.shape) for mv in lat.moves], dtype=np.int8)
    for rows in _stretches(lat, tick):
        row_passes.viterbi_rows(
            rows.start, rows.stop, lat.offset, lat.lo, lat.hi, lat.cut, codes,
            lat.state, lat.prev, lat.score, lat.skip, lat.extend, lat.bonus,
            best, pair_or_right, by_down,
            trace.from_right, trace.code, trace.down_goes_on, trace.right_goes_on,
            trace.pair_beats_right, trace.down_beats_pair,
        )  # fmt: skip
    return trace.path(lat)


class _Trace:
    """What the best path's search remembers per state to trace the path back."""

    def __init__(self, size: int) -> None:
        #: whether the state's best was reached by a 0-1 bead (else see down_beats_pair)
        self.from_right = np.zeros(size, dtype=bool)
        #: the shape (index in ``lat.shapes``) of the best n-m bead into the state
        self.code = np.full(size, -1, dtype=np.int8)
        #: whether the best 1-0 (0-1) bead into the state continues a run
        self.down_goes_on = np.zeros(size, dtype=bool)
        self.right_goes_on = np.zeros(size, dtype=bool)
        #: a run of 1-0 beads opened here: after an n-m bead, or after a 0-1 bead?
        self.pair_beats_right = np.zeros(size, dtype=bool)
        #: reached by a 1-0 bead rather than an n-m bead (ties to the 1-0 bead)
        self.down_beats_pair = np.zeros(size, dtype=bool)

    def how(self, s: int) -> int:
        """How the state's best was reached (BY_DOWN, BY_PAIR, BY_RIGHT)."""
        if self.from_right[s]:
            return BY_RIGHT
        return BY_DOWN if self.down_beats_pair[s] else BY_PAIR

    def path(self, lat: Lattice) -> list[Span4]:
        i, j = lat.n, int(lat.hi[lat.n])
        kind = self.how(lat.index(i, j))
        down, right = lat.shapes.index((1, 0)), lat.shapes.index((0, 1))
        beads = []
        while i > 0 or j > 0:
            s = lat.index(i, j)
            shape = down if kind == BY_DOWN else right if kind == BY_RIGHT else self.code[s]
            if shape < 0:
                raise RuntimeError(f"alignment search left state ({i}, {j}) unreachable")
            a, b = lat.shapes[shape]
            beads.append((i - a, i, j - b, j))
            i, j = i - a, j - b
            p = lat.index(i, j)
            if kind == BY_DOWN and not self.down_goes_on[s]:
                kind = BY_PAIR if self.pair_beats_right[p] else BY_RIGHT
            elif kind == BY_RIGHT and not self.right_goes_on[s]:
                kind = BY_DOWN if self.down_beats_pair[p] else BY_PAIR
            elif kind == BY_PAIR:
                kind = self.how(p)
        return beads[::-1]


@dataclass
class Forward:
    """Log weights of the partial paths into each state, by how they arrive."""

    pair: np.ndarray
    down: np.ndarray
    right: np.ndarray


@dataclass
class Backward:
    """Log weights of the partial paths out of each state, by how it was reached
    (which decides whether a 1-0 or 0-1 bead next opens or extends a run)."""

    pair: np.ndarray
    down: np.ndarray
    right: np.ndarray


def forward_backward(
    lat: Lattice, temperature: float, tick: Tick | None = None
) -> tuple[Forward, Backward, float]:
    """Log weights of all partial paths into (forward) and out of (backward) each
    state, with scores divided by ``temperature``; and the log weight of all paths."""
    t = float(temperature)
    skip, ext = lat.skip / t, lat.extend / t
    size = int(lat.offset[-1])
    fwd = Forward(np.full(size, NEG), np.full(size, NEG), np.full(size, NEG))
    into = np.full(size, NEG)  # by any bead
    for rows in _stretches(lat, tick):
        row_passes.forward_rows(
            rows.start, rows.stop, lat.offset, lat.lo, lat.hi, lat.cut,
            lat.state, lat.prev, lat.score, t, skip, ext, lat.bonus,
            fwd.pair, fwd.down, fwd.right, into,
        )  # fmt: skip
    bwd = Backward(np.full(size, NEG), np.full(size, NEG), np.full(size, NEG))
    shift = np.array([mv.shape[0] for mv in lat.moves], dtype=np.int64)
    for rows in _stretches(lat, tick, backward=True):
        row_passes.backward_rows(
            rows.start, rows.stop, lat.n, lat.offset, lat.lo, lat.hi, lat.cut, shift,
            lat.state, lat.prev, lat.score, t, skip, ext, lat.bonus,
            bwd.pair, bwd.down, bwd.right,
        )  # fmt: skip
    return fwd, bwd, float(bwd.pair[0])


def bead_posteriors(
    lat: Lattice, beads: Sequence[Span4], temperature: float, tick: Tick | None = None
) -> np.ndarray:
    """For each bead, the share of all paths' weight (scores / temperature) through it."""
    t = float(temperature)
    skip, ext = lat.skip / t, lat.extend / t
    fwd, bwd, total = forward_backward(lat, t, tick)
    spans = np.asarray(beads, dtype=np.int64).reshape(-1, 4)
    begin = lat.offset[spans[:, 0]] + spans[:, 2] - lat.lo[spans[:, 0]]
    end = lat.offset[spans[:, 1]] + spans[:, 3] - lat.lo[spans[:, 1]]
    a, b = spans[:, 1] - spans[:, 0], spans[:, 3] - spans[:, 2]
    came = [fwd.pair[begin], fwd.down[begin], fwd.right[begin]]
    scores = _pair_scores(lat, end, a, b) / t
    weight = np.logaddexp(np.logaddexp(*came[:2]), came[2]) + scores + bwd.pair[end]
    down, right = b == 0, a == 0
    gain = lat.bonus[end] / t if len(lat.bonus) else 0.0
    # a 1-0 bead opens a run after an n-m or 0-1 bead, goes on with one after a 1-0
    opened = np.logaddexp(came[0], came[2]) + skip
    weight[down] = (np.logaddexp(opened, came[1] + ext) + gain + bwd.down[end])[down]
    opened = np.logaddexp(came[0], came[1]) + skip
    weight[right] = (np.logaddexp(opened, came[2] + ext) + gain + bwd.right[end])[right]
    return np.exp(np.minimum(weight - total, 0.0))


def bead_scores(lat: Lattice, beads: Sequence[Span4]) -> np.ndarray:
    """The score of each bead of a path through the lattice (a 1-0 or 0-1 bead
    after one of the same kind scores ``lat.extend``), its end state's bonus included."""
    spans = np.asarray(beads, dtype=np.int64).reshape(-1, 4)
    end = lat.offset[spans[:, 1]] + spans[:, 3] - lat.lo[spans[:, 1]]
    a, b = spans[:, 1] - spans[:, 0], spans[:, 3] - spans[:, 2]
    scores = _pair_scores(lat, end, a, b)
    null = (a == 0) | (b == 0)
    scores[null] = lat.skip
    again = null[1:] & (a[1:] == a[:-1]) & (b[1:] == b[:-1])
    scores[1:][again] = lat.extend
    if len(lat.bonus):
        scores[null] += lat.bonus[end[null]]
    return scores


def _pair_scores(lat: Lattice, end: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The lattice's score of each n-m bead ending at the states ``end`` (0 for others)."""
    out = np.zeros(len(end))
    for mv in lat.moves:
        mine = (a == mv.shape[0]) & (b == mv.shape[1])
        if mine.any():
            out[mine] = mv.score[np.searchsorted(mv.state, end[mine].astype(mv.state.dtype))]
    return out
