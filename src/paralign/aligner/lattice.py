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
through it, the basis of its confidence. Both keep, per state, one value for each
way of arriving there, so that a run of 1-0 (or 0-1) beads pays ``skip`` for its
first bead and ``extend`` for the others.
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
    #: one per n-m shape with n, m ≥ 1 (1-0 beads go down a column, 0-1 along a row)
    moves: list[Move]
    #: the score of a 1-0 or 0-1 bead
    skip: float
    #: the score of a 1-0 / 0-1 bead that follows one of the same kind (an affine gap)
    extend: float

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    def index(self, i: int, j: int) -> int:
        return int(self.offset[i] + j - self.lo[i])

    def down(self, i: int) -> tuple[slice, slice] | None:
        """The 1-0 beads into row ``i`` (≥ 1): the states they end at and, in the
        same order, those they start from (row ``i - 1``, same columns)."""
        first, last = max(self.lo[i], self.lo[i - 1]), min(self.hi[i], self.hi[i - 1])
        if first > last:
            return None
        into = int(self.offset[i] + first - self.lo[i])
        out_of = int(self.offset[i - 1] + first - self.lo[i - 1])
        width = int(last - first + 1)
        return slice(into, into + width), slice(out_of, out_of + width)


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
        if not (a and b):
            continue
        prev_row = np.maximum(rows - a, 0)
        ok = (rows >= a) & (cols >= b) & (cols - b >= lo[prev_row]) & (cols - b <= hi[prev_row])
        state = np.flatnonzero(ok)
        r, c = rows[state], cols[state]
        prev = offset[r - a] + (c - b - lo[r - a])
        score = np.empty(len(state), dtype=np.float32)
        # int32 indices and float32 scores halve the lattice (2^31 states is far off)
        state, prev = state.astype(np.int32), prev.astype(np.int32)
        moves.append(Move((a, b), state, prev, score, np.searchsorted(r, np.arange(n + 2))))
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
    return Lattice(lo, hi, offset, list(shapes), moves, skip, extend)


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
    skip, ext = lat.skip, lat.extend
    best = np.full(size, NEG)  # by any bead
    pair_or_right = np.full(size, NEG)  # a 1-0 bead after these opens a run
    by_down = np.full(size, NEG)
    trace = _Trace(size)
    # (j - 1 - k)·ext for a run of 0-1 beads, by its length (rows are at most this wide)
    steps_all = ext * np.arange(int((lat.hi - lat.lo).max(initial=0)) + 1)
    for i, mv, k in _stretches(lat, tick):
        start, stop = int(lat.offset[i]), int(lat.offset[i + 1])
        width = stop - start
        pair = np.full(width, NEG)
        if i == 0:
            pair[0] = 0.0
        sl = slice(mv.cut[k], mv.cut[k + 1])
        if sl.start != sl.stop:
            at = mv.state[sl] - start
            cand = best[mv.prev[sl]] + mv.score[sl]
            np.maximum.at(pair, at, cand)
            # each state's bead: the first in move order that reaches its best
            # (as if the moves were tried one by one, keeping a strictly better one)
            won = np.flatnonzero((cand == pair[at]) & (cand > NEG))
            states, first = np.unique(at[won], return_index=True)
            trace.code[start + states] = mv.code[sl][won[first]]
        span = lat.down(i) if i else None
        if span is not None:
            into, out_of = span
            opened = pair_or_right[out_of] + skip
            goes_on = by_down[out_of] + ext
            np.maximum(opened, goes_on, out=by_down[into])
            np.greater_equal(goes_on, opened, out=trace.down_goes_on[into])
        down = by_down[start:stop]
        np.greater_equal(down, pair, out=trace.down_beats_pair[start:stop])
        arrived = np.maximum(down, pair)
        # 0-1 runs along the row: right[j] = max_{k<j} arrived[k] + skip + (j-1-k)·ext
        right = np.full(width, NEG)
        if width > 1:
            steps = steps_all[: width - 1]
            opened = arrived[:-1] + skip
            right[1:] = np.maximum.accumulate(opened - steps) + steps
            opened += 1e-12
            np.greater(right[:-1] + ext, opened, out=trace.right_goes_on[start + 1 : stop])
        from_right = np.greater(right, arrived + 1e-12, out=trace.from_right[start:stop])
        best[start:stop] = np.where(from_right, right, arrived)
        np.maximum(pair, right, out=pair_or_right[start:stop])
        np.less_equal(right, pair + 1e-12, out=trace.pair_beats_right[start:stop])
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
    steps_all = ext * np.arange(int((lat.hi - lat.lo).max(initial=0)) + 1)
    for i, mv, k in _stretches(lat, tick):
        start, stop = int(lat.offset[i]), int(lat.offset[i + 1])
        width = stop - start
        pair = fwd.pair[start:stop]
        if i == 0:
            pair[0] = 0.0
        sl = slice(mv.cut[k], mv.cut[k + 1])
        # log-adds in move order per state, as one move after another would
        np.logaddexp.at(pair, mv.state[sl] - start, into[mv.prev[sl]] + mv.score[sl] / t)
        span = lat.down(i) if i else None
        if span is not None:
            end, begin = span
            opened = np.logaddexp(fwd.pair[begin], fwd.right[begin]) + skip
            fwd.down[end] = np.logaddexp(opened, fwd.down[begin] + ext)
        arrived = np.logaddexp(fwd.down[start:stop], pair)
        if width > 1:
            steps = steps_all[: width - 1]
            opened = arrived[:-1] + skip
            fwd.right[start + 1 : stop] = np.logaddexp.accumulate(opened - steps) + steps
        into[start:stop] = np.logaddexp(arrived, fwd.right[start:stop])
    bwd = Backward(np.full(size, NEG), np.full(size, NEG), np.full(size, NEG))
    for i, mv, k in _stretches(lat, tick, backward=True):
        start, stop = int(lat.offset[i]), int(lat.offset[i + 1])
        width = stop - start
        # the n-m moves that start in row i (their ends lie in later rows)
        pairs = np.full(width, NEG)
        if i == lat.n:
            pairs[-1] = 0.0  # the end of every path
        sl = slice(mv.cut[k], mv.cut[k + 1])
        np.logaddexp.at(pairs, mv.prev[sl] - start, bwd.pair[mv.state[sl]] + mv.score[sl] / t)
        # a 1-0 bead next, opening a run or going on with one
        down_open, down_on = np.full(width, NEG), np.full(width, NEG)
        span = lat.down(i + 1) if i < lat.n else None
        if span is not None:
            end, begin = span
            here = slice(begin.start - start, begin.stop - start)
            down_open[here] = bwd.down[end] + skip
            down_on[here] = bwd.down[end] + ext
        # after a 0-1 bead, from the right: right[j] = logsumexp_{k ≥ j} (anything but
        # a 0-1 bead next at k) + (k - j)·ext
        ends = np.logaddexp(pairs, down_open)
        steps = steps_all[:width]
        right = np.logaddexp.accumulate((ends + steps)[::-1])[::-1] - steps
        bwd.right[start:stop] = right
        next_right = np.full(width, NEG)  # a 0-1 bead next, opening a run
        next_right[:-1] = right[1:] + skip
        bwd.pair[start:stop] = np.logaddexp(ends, next_right)
        bwd.down[start:stop] = np.logaddexp(np.logaddexp(pairs, down_on), next_right)
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
    # a 1-0 bead opens a run after an n-m or 0-1 bead, goes on with one after a 1-0
    opened = np.logaddexp(came[0], came[2]) + skip
    weight[down] = (np.logaddexp(opened, came[1] + ext) + bwd.down[end])[down]
    opened = np.logaddexp(came[0], came[1]) + skip
    weight[right] = (np.logaddexp(opened, came[2] + ext) + bwd.right[end])[right]
    return np.exp(np.minimum(weight - total, 0.0))


def bead_scores(lat: Lattice, beads: Sequence[Span4]) -> np.ndarray:
    """The score of each bead of a path through the lattice (a 1-0 or 0-1 bead
    after one of the same kind scores ``lat.extend``)."""
    spans = np.asarray(beads, dtype=np.int64).reshape(-1, 4)
    end = lat.offset[spans[:, 1]] + spans[:, 3] - lat.lo[spans[:, 1]]
    a, b = spans[:, 1] - spans[:, 0], spans[:, 3] - spans[:, 2]
    scores = _pair_scores(lat, end, a, b)
    null = (a == 0) | (b == 0)
    scores[null] = lat.skip
    again = null[1:] & (a[1:] == a[:-1]) & (b[1:] == b[:-1])
    scores[1:][again] = lat.extend
    return scores


def _pair_scores(lat: Lattice, end: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The lattice's score of each n-m bead ending at the states ``end`` (0 for others)."""
    out = np.zeros(len(end))
    for mv in lat.moves:
        mine = (a == mv.shape[0]) & (b == mv.shape[1])
        if mine.any():
            out[mine] = mv.score[np.searchsorted(mv.state, end[mine].astype(mv.state.dtype))]
    return out
