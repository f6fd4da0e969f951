"""Confirmed beads as hard anchors: the stretches between them are the search's
independent sub-problems.

A bead a person confirmed is kept as it is, and every path the search considers
passes through it: the states before and after it are fixed. The search's score is
a sum over beads, so the best path through the anchors is the best path of each
stretch between two anchors (a *gap*), found on its own; each gap is searched with
the whole document's bead scores (``LevelScorer.window``). Two terms do not reach
across an anchor: a run of 1-0 (or 0-1) beads after a confirmed null bead opens
anew, and the paragraphs' use is decided once for the whole document.

An anchor is a state-to-state span (i0, i1, j0, j1), not a bead alone: a confirmed
1-0 bead sits between two target sentences, and only its place among the other
beads says which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..model import Bead
from .lattice import Span4


@dataclass(frozen=True)
class Anchor:
    """A bead a person confirmed, at its place: the search passes through ``span``
    (i0, i1, j0, j1) and gives back ``bead`` as it is."""

    span: Span4
    bead: Bead


def confirmed_anchors(beads: Sequence[Bead], n: int, m: int) -> list[Anchor]:
    """The confirmed beads of an alignment of ``n`` × ``m`` sentences, at their places
    (:class:`InputError` unless the beads hold every sentence once, in order)."""
    spans = bead_spans(beads, n, m)
    return [Anchor(span, bead) for span, bead in zip(spans, beads, strict=True) if bead.confirmed]


def bead_spans(beads: Sequence[Bead], n: int, m: int) -> list[Span4]:
    """The (i0, i1, j0, j1) of each bead of an alignment of ``n`` × ``m`` sentences;
    :class:`InputError` unless the beads hold every sentence of both sides once, in
    order."""
    spans = []
    i = j = 0
    for k, bead in enumerate(beads):
        if not bead.src and not bead.tgt:
            raise InputError(f"bead {k + 1} holds no sentence")
        for ids, at, side in ((bead.src, i, "source"), (bead.tgt, j, "target")):
            if list(ids) != list(range(at, at + len(ids))):
                raise InputError(
                    f"bead {k + 1} holds {side} sentences {[x + 1 for x in ids]}, but the "
                    f"next {side} sentence in order is {at + 1}: the beads must hold every "
                    "sentence of both sides once, in order"
                )
        spans.append((i, i + len(bead.src), j, j + len(bead.tgt)))
        i, j = i + len(bead.src), j + len(bead.tgt)
    if (i, j) != (n, m):
        raise InputError(
            f"the beads hold {i} of {n} source and {j} of {m} target sentences: "
            "every sentence of both sides must be in one bead"
        )
    return spans


def gaps(anchors: Sequence[Span4], n: int, m: int) -> list[Span4]:
    """The stretches before, between and after the ``anchors`` (in order, disjoint),
    one before each anchor and one after the last, as (i0, i1, j0, j1); a gap may
    hold no sentence, or sentences of one side only."""
    out = []
    i = j = 0
    for i0, i1, j0, j1 in anchors:
        out.append((i, i0, j, j0))
        i, j = i1, j1
    out.append((i, n, j, m))
    return out
