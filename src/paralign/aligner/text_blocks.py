"""Which blocks (of several consecutive sentences) to embed as their joined text.

What Vecalign and Bertalign call *overlap embeddings*, and the user's ``overlaps``
option names (``AlignerConfig.overlaps``, ``overlap_budget``, ``overlap_reach``: the
names users and files know stay); in the code a block is a block everywhere
(``blocks.py``). Embedding the joined text of every block of 2..k sentences costs several times
the characters of the sentences themselves. Most beads need none of it: a clear
1-1 pairing is clear with sentence vectors alone. So blocks are embedded only
around the beads of a first path that the search itself doubts (lowest
posterior first), within a budget of characters relative to the documents'.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..vocab import OverlapMode
from .lattice import Span4

Blocks = tuple[np.ndarray, np.ndarray]  # (starts, lengths)


def block_costs(chars: np.ndarray, max_len: int) -> np.ndarray:
    """``cost[p]`` = characters of all blocks of 2..max_len sentences starting at ``p``."""
    n = len(chars)
    csum = np.concatenate([[0.0], np.cumsum(chars)])
    cost = np.zeros(n)
    for length in range(2, max_len + 1):
        ends = np.minimum(np.arange(n) + length, n)
        whole = np.arange(n) + length <= n
        cost += np.where(whole, csum[ends] - csum[:n], 0.0)
    return cost


def choose_blocks(
    spans: Sequence[Span4],
    posterior: np.ndarray,
    chars: tuple[np.ndarray, np.ndarray],
    max_len: int,
    mode: str,
    budget: float,
    sure: float,
    reach: int,
) -> tuple[Blocks, Blocks]:
    """Blocks to embed on each side, as (starts, lengths) arrays.

    ``mode`` "all" takes every block; "auto" opens the sentences of each bead
    with a posterior below ``sure`` (± ``reach``), most doubtful first, while the
    characters to embed stay under ``budget`` × the documents' characters.
    """
    opened = [np.zeros(len(c), dtype=bool) for c in chars]
    if mode == OverlapMode.ALL:
        for o in opened:
            o[:] = True
    else:
        costs = [block_costs(c, max_len) for c in chars]
        allowance = budget * float(sum(c.sum() for c in chars))
        spent = 0.0
        for k in np.argsort(posterior, kind="stable"):
            if posterior[k] >= sure:
                break
            i0, i1, j0, j1 = spans[k]
            ranges = [
                slice(max(0, lo - reach), min(len(c), hi + reach))
                for (lo, hi), c in zip(((i0, i1), (j0, j1)), chars, strict=True)
            ]
            extra = sum(
                float(cost[r][~o[r]].sum())
                for cost, o, r in zip(costs, opened, ranges, strict=True)
            )
            if spent + extra > allowance:
                break
            spent += extra
            for o, r in zip(opened, ranges, strict=True):
                o[r] = True
    out = []
    for o in opened:
        n = len(o)
        starts = [np.flatnonzero(o[: max(0, n - length + 1)]) for length in range(2, max_len + 1)]
        lengths = [
            np.full(len(s), length) for s, length in zip(starts, range(2, max_len + 1), strict=True)
        ]
        if starts:
            out.append((np.concatenate(starts), np.concatenate(lengths)))
        else:
            out.append((np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)))
    return out[0], out[1]
