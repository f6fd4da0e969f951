"""The search's row passes, compiled: Viterbi, forward and backward over a lattice.

Each function runs the recursion of ``lattice.py`` for the rows ``[r0, r1)`` of a
band stored row after row (``offset[i]`` is where row ``i``'s states start; row
``i`` holds columns ``lo[i]..hi[i]``). The n-m moves are one flat set of arrays,
shape after shape in the lattice's order; ``cut[s, i]..cut[s, i + 1]`` are shape
``s``'s moves that end in row ``i``. A state's value is split by how it was
reached: by an n-m bead (or the start), by a 1-0 bead (a run down a column) or by
a 0-1 bead (a run along a row), so that a run of null beads pays ``skip`` for its
first bead and ``ext`` for each further one (Gotoh's affine gaps). ``bonus`` (empty,
or one value per state) is added to every path through a state, whichever bead
reaches it: the n-m moves' scores already hold it, the null beads get it here
(paragraph corners, see ``paragraphs.py``).

They are plain loops over states compiled by numba (the machine code is cached
beside this file or in the user's cache folder, so only a fresh install compiles,
once; where neither can be written, each process compiles, ~5 s): the same
recursion written as a handful of numpy calls per row cost ~20 calls × 10,000
rows × 3 passes, two thirds of the Bible pair's search.
"""

from __future__ import annotations

import math

import numpy as np

from ..compiled import compiled as _compiled

NEG = -1e18
_LOG2 = math.log(2.0)
#: 1e-12: a 0-1 run must beat the other ways into a state by more than rounding
_EPS = 1e-12


@_compiled(inline="always")
def _logaddexp(x: float, y: float) -> float:
    """log(e^x + e^y), as ``numpy.logaddexp`` computes it."""
    if x == y:
        return x + _LOG2
    d = x - y
    if d > 0:
        return x + math.log1p(math.exp(-d))
    return y + math.log1p(math.exp(d))


@_compiled(inline="always")
def _gain(bonus, s: int, scale: float) -> float:
    """The state's bonus (none when ``bonus`` is empty), times ``scale``."""
    return bonus[s] * scale if len(bonus) else 0.0


@_compiled(nogil=True)
def viterbi_rows(
    r0, r1, offset, lo, hi, cut, codes, state, prev, score, skip, ext, bonus,
    best, pair_or_right, by_down,
    from_right, code, down_goes_on, right_goes_on, pair_beats_right, down_beats_pair,
):  # fmt: skip
    """Best scores into each state of rows ``[r0, r1)``, and what the trace back needs.

    Per state, the n-m bead kept is the first in move order that reaches the best
    (a later one must be strictly better); ties go to a 1-0 bead, then an n-m bead,
    and a 0-1 run wins only when better by more than rounding.
    """
    width_max = int((hi - lo).max()) + 1
    pair = np.empty(width_max)
    right = np.empty(width_max)
    arrived = np.empty(width_max)
    for i in range(r0, r1):
        start = offset[i]
        width = offset[i + 1] - start
        pair[:width] = NEG
        if i == 0:
            pair[0] = 0.0
        for s in range(cut.shape[0]):
            for e in range(cut[s, i], cut[s, i + 1]):
                at = state[e] - start
                cand = best[prev[e]] + score[e]
                if cand > pair[at]:
                    pair[at] = cand
                    code[start + at] = codes[s]
        if i > 0:  # 1-0 beads from row i - 1, same column
            for c in range(max(lo[i], lo[i - 1]), min(hi[i], hi[i - 1]) + 1):
                into = start + c - lo[i]
                out_of = offset[i - 1] + c - lo[i - 1]
                opened = pair_or_right[out_of] + skip
                goes_on = by_down[out_of] + ext
                by_down[into] = max(opened, goes_on) + _gain(bonus, into, 1.0)
                down_goes_on[into] = goes_on >= opened
        for k in range(width):
            down = by_down[start + k]
            down_beats_pair[start + k] = down >= pair[k]
            arrived[k] = max(down, pair[k])
        # 0-1 runs along the row: right[j] = max_{k<j} arrived[k] + skip + (j-1-k)·ext
        # + the bonuses of the states k+1..j (gained[j] - gained[k], running sums)
        right[0] = NEG
        running = NEG
        gained = 0.0
        for j in range(1, width):
            opened = arrived[j - 1] + skip
            running = max(running, opened - ext * (j - 1) - gained)
            gained += _gain(bonus, start + j, 1.0)
            right[j] = running + ext * (j - 1) + gained
            right_goes_on[start + j] = right[j - 1] + ext > opened + _EPS
        for k in range(width):
            wins = right[k] > arrived[k] + _EPS
            from_right[start + k] = wins
            best[start + k] = right[k] if wins else arrived[k]
            pair_or_right[start + k] = max(pair[k], right[k])
            pair_beats_right[start + k] = right[k] <= pair[k] + _EPS


@_compiled(nogil=True)
def forward_rows(
    r0, r1, offset, lo, hi, cut, state, prev, score, t, skip, ext, bonus,
    f_pair, f_down, f_right, into,
):  # fmt: skip
    """Log weights of the partial paths into the states of rows ``[r0, r1)``, by how
    they arrive (``f_*``), and in all (``into``); scores are divided by ``t``."""
    t32 = np.float32(t)
    per_t = 1.0 / t
    for i in range(r0, r1):
        start = offset[i]
        width = offset[i + 1] - start
        if i == 0:
            f_pair[start] = 0.0
        for s in range(cut.shape[0]):
            for e in range(cut[s, i], cut[s, i + 1]):
                at = state[e]
                f_pair[at] = _logaddexp(f_pair[at], into[prev[e]] + score[e] / t32)
        if i > 0:
            for c in range(max(lo[i], lo[i - 1]), min(hi[i], hi[i - 1]) + 1):
                end = start + c - lo[i]
                begin = offset[i - 1] + c - lo[i - 1]
                opened = _logaddexp(f_pair[begin], f_right[begin]) + skip
                f_down[end] = _logaddexp(opened, f_down[begin] + ext) + _gain(bonus, end, per_t)
        running = NEG
        gained = 0.0  # the bonuses of the row's states up to j
        for j in range(width):
            arrived = _logaddexp(f_down[start + j], f_pair[start + j])
            if j > 0:
                gained += _gain(bonus, start + j, per_t)
                f_right[start + j] = running + ext * (j - 1) + gained
            # the next state's 0-1 run: log-sum over k ≤ j of arrived[k] + skip - k·ext
            # (less the bonuses up to k: the run gains those after k)
            value = arrived + skip - ext * j - gained
            running = value if j == 0 else _logaddexp(running, value)
            into[start + j] = _logaddexp(arrived, f_right[start + j])


@_compiled(nogil=True)
def backward_rows(
    r0, r1, n, offset, lo, hi, cut, shift, state, prev, score, t, skip, ext, bonus,
    b_pair, b_down, b_right,
):  # fmt: skip
    """Log weights of the partial paths out of the states of rows ``[r0, r1)``, last
    row first, by how the state was reached (which decides whether a 1-0 or 0-1 bead
    next opens or extends a run); ``shift[s]`` is shape ``s``'s source size."""
    t32 = np.float32(t)
    per_t = 1.0 / t
    width_max = int((hi - lo).max()) + 1
    pairs = np.empty(width_max)
    down_open = np.empty(width_max)
    down_on = np.empty(width_max)
    ends = np.empty(width_max)
    for i in range(r1 - 1, r0 - 1, -1):
        start = offset[i]
        width = offset[i + 1] - start
        pairs[:width] = NEG
        down_open[:width] = NEG
        down_on[:width] = NEG
        if i == n:
            pairs[width - 1] = 0.0  # the end of every path
        # the n-m moves that start in row i (they end in row i + a)
        for s in range(cut.shape[0]):
            row = i + shift[s]
            if row > n:
                continue
            for e in range(cut[s, row], cut[s, row + 1]):
                at = prev[e] - start
                pairs[at] = _logaddexp(pairs[at], b_pair[state[e]] + score[e] / t32)
        if i < n:  # a 1-0 bead next, opening a run or going on with one
            for c in range(max(lo[i + 1], lo[i]), min(hi[i + 1], hi[i]) + 1):
                end = offset[i + 1] + c - lo[i + 1]
                k = c - lo[i]
                gain = _gain(bonus, end, per_t)
                down_open[k] = b_down[end] + skip + gain
                down_on[k] = b_down[end] + ext + gain
        # after a 0-1 bead: right[j] = log-sum over k ≥ j of ends[k] + (k - j)·ext
        # + the bonuses of the states j+1..k (gained[k] - gained[j], running sums)
        for k in range(width):
            ends[k] = _logaddexp(pairs[k], down_open[k])
        gained = 0.0
        for j in range(1, width):
            gained += _gain(bonus, start + j, per_t)
        running = NEG
        for j in range(width - 1, -1, -1):
            value = ends[j] + ext * j + gained
            running = value if j == width - 1 else _logaddexp(running, value)
            b_right[start + j] = running - ext * j - gained
            if j > 0:
                gained -= _gain(bonus, start + j, per_t)
        for j in range(width):
            next_right = (
                b_right[start + j + 1] + skip + _gain(bonus, start + j + 1, per_t)
                if j + 1 < width
                else NEG
            )
            b_pair[start + j] = _logaddexp(ends[j], next_right)
            b_down[start + j] = _logaddexp(_logaddexp(pairs[j], down_on[j]), next_right)


def warm_up() -> None:
    """Load the passes' machine code (or, on a fresh install, compile it) on a call
    that does nothing: ~0.4–0.8 s, spent by ``align_documents`` on a side thread while
    the sentences are embedded rather than by the first search. The arguments'
    types are the ones ``lattice.py`` passes (another type compiles anew)."""
    ints, cut, idx = np.zeros(1, np.int64), np.zeros((0, 2), np.int64), np.zeros(0, np.int32)
    score, value = np.zeros(0, np.float32), np.zeros(1)
    bonus = np.zeros(0, np.float32)
    flag, code = np.zeros(1, bool), np.zeros(1, np.int8)
    viterbi_rows(
        0, 0, ints, ints, ints, cut, code, idx, idx, score, 0.0, 0.0, bonus,
        value, value, value, flag, code, flag, flag, flag, flag,
    )  # fmt: skip
    forward_rows(
        0, 0, ints, ints, ints, cut, idx, idx, score, 1.0, 0.0, 0.0, bonus,
        value, value, value, value,
    )  # fmt: skip
    backward_rows(
        0, 0, 0, ints, ints, ints, cut, ints, idx, idx, score, 1.0, 0.0, 0.0, bonus,
        value, value, value,
    )  # fmt: skip
