"""Length-ratio outliers: a translation much longer or shorter than the document's norm.

Gale and Church's model: the target length is about ``c`` times the source
length with a variance that grows with the length, so
``delta = (len_t - c * len_s) / sqrt(s2 * len_s)`` is roughly standard normal for
a faithful bead. ``c`` and ``s2`` are estimated from the document itself (robustly,
from its 1-1 beads); the cut-off on ``|delta|`` is calibrated on gold data
(:data:`paralign.review.calibration.LENGTH_DELTA`).
"""

from __future__ import annotations

import math
import statistics

from ..vocab import FindingKind
from .base import CHECKS, Finding, ReviewContext
from .calibration import LENGTH_DELTA

#: median of a chi-square variable with one degree of freedom (robust variance estimate)
_CHI2_MEDIAN = 0.4549


def length_model(pairs: list[tuple[int, int]]) -> tuple[float, float]:
    """``(c, s2)`` from (source length, target length) pairs of one document."""
    usable = [(a, b) for a, b in pairs if a >= 20 and b >= 20]
    if len(usable) < 5:
        return 1.0, 6.8  # Gale & Church's published values (characters)
    c = statistics.median(b / a for a, b in usable)
    s2 = statistics.median((b - c * a) ** 2 / a for a, b in usable) / _CHI2_MEDIAN
    return c, max(s2, 0.5)


def delta(len_s: int, len_t: int, c: float, s2: float) -> float:
    """The standardised length difference of one bead."""
    return (len_t - c * len_s) / math.sqrt(s2 * max(len_s, 1))


def _source_lengths(view) -> set[int]:
    """The source's length with each subset of its furniture lines (at most 2^8 subsets)."""
    out = {len(view.src_plain)}
    for piece in view.src_furniture[:8]:
        out |= {n + piece + 1 for n in out}
    return out | {len(view.src)}


@CHECKS.register("length", order=50)
def check_length(ctx: ReviewContext) -> list[Finding]:
    """Beads whose length ratio is far outside what the document's other beads show."""
    full = [v for v in ctx.beads if v.bead.src and v.bead.tgt]
    pairs = [
        (len(v.src_plain), len(v.tgt_plain))
        for v in full
        if len(v.bead.src) == len(v.bead.tgt) == 1
    ]
    c, s2 = length_model(pairs)
    out = []
    for view in full:
        lt = len(view.tgt_plain)
        # page furniture is optional: an outlier whichever of its lines the translation renders
        ls, d = min(
            ((n, delta(n, lt, c, s2)) for n in _source_lengths(view)),
            key=lambda x: abs(x[1]),
        )
        if max(ls, lt) < 30:
            continue  # headings and datelines: too short for the ratio to mean anything
        if abs(d) <= LENGTH_DELTA:
            continue
        ratio = lt / max(1, ls) / c
        what = "longer" if d > 0 else "shorter"
        times = ratio if d > 0 else 1 / max(ratio, 1e-6)
        out.append(
            ctx.finding(
                FindingKind.LENGTH,
                0.3 + 0.45 * min(1.0, (abs(d) - LENGTH_DELTA) / LENGTH_DELTA),
                view.index,
                f"the translation is {times:.1f}× {what} than this document's translations "
                f"usually are ({ls} → {lt} characters)",
                delta=round(d, 2),
                ratio=round(ratio, 3),
            )
        )
    return out
