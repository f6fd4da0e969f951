"""Per-bead similarity, and beads whose similarity is low for their length.

A bead's similarity is the cosine of the embeddings of its two sides (sentences
joined), from the encoder the alignment was made with. Short beads ("Raúl:",
"PATRIA O MUERTE") score lower than long ones even when right, so the cut-off
depends on the length: see :mod:`paralign.review.calibration`. For an encoder
with no calibration, the bins are estimated from the document's own beads.
"""

from __future__ import annotations

import bisect

import numpy as np

from ..encoders.base import Encoder, calibration_for
from ..model import Alignment
from ..vocab import FindingKind
from .base import Finding, ReviewContext
from .calibration import FLOOR_QUANTILE

#: upper bounds (mean characters per side) of the length bins
BINS: tuple[float, ...] = (20.0, 40.0, 80.0, 160.0, float("inf"))


def bead_similarities(alignment: Alignment, encoder: Encoder) -> list[float | None]:
    """Cosine similarity of the two sides of every bead (``None`` for 1-0 and 0-1 beads)."""
    full = [i for i, b in enumerate(alignment.beads) if b.src and b.tgt]
    out: list[float | None] = [None] * len(alignment.beads)
    if not full:
        return out
    texts = [alignment.texts(alignment.beads[i]) for i in full]
    src = encoder.encode([t[0] for t in texts])
    tgt = encoder.encode([t[1] for t in texts])
    sims = np.einsum("ij,ij->i", src, tgt)
    for i, s in zip(full, sims, strict=False):
        out[i] = float(s)
    return out


def bead_length(src: str, tgt: str) -> float:
    """The length a bead is binned by: mean characters of its two sides."""
    return (len(src) + len(tgt)) / 2


def thresholds(encoder: str, ctx: ReviewContext) -> list[tuple[float, float, float]]:
    """The calibrated bins for ``encoder``, or bins estimated from this document."""
    calibrated = calibration_for(encoder).similarity
    if calibrated is not None:
        return list(calibrated)
    by_bin: dict[int, list[float]] = {}
    for v in ctx.beads:
        if v.similarity is not None:
            k = bisect.bisect_left(BINS, bead_length(v.src, v.tgt))
            by_bin.setdefault(min(k, len(BINS) - 1), []).append(v.similarity)
    every = [s for sims in by_bin.values() for s in sims]
    out = []
    for k, top in enumerate(BINS):
        sims = by_bin.get(k) or every or [0.0]
        floor = float(np.quantile(sims, FLOOR_QUANTILE))
        out.append((top, floor, floor - 0.25))
    return out


def check_similarity(ctx: ReviewContext, encoder: str) -> list[Finding]:
    """Beads whose similarity is below the floor for their length."""
    table = thresholds(encoder, ctx)
    tops = [row[0] for row in table]
    out = []
    for view in ctx.beads:
        if view.similarity is None:
            continue
        length = bead_length(view.src, view.tgt)
        _, floor, wrong = table[min(bisect.bisect_left(tops, length), len(table) - 1)]
        if view.similarity >= floor:
            continue
        depth = (floor - view.similarity) / max(floor - wrong, 1e-6)
        out.append(
            ctx.finding(
                FindingKind.LOW_SIMILARITY,
                0.4 + 0.5 * min(1.0, depth),
                view.index,
                f"similarity {view.similarity:.2f} is low for a bead of this length "
                f"(95% of correct ones score above {floor:.2f})",
                similarity=round(view.similarity, 4),
                floor=round(floor, 4),
            )
        )
    return out
