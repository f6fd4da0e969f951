"""Bead confidence: the probability that a bead is exactly right.

The search gives each bead of the chosen path its posterior: the share of the
weight of all paths through the band (bead scores divided by a temperature)
that passes through it. That posterior ranks beads well but is not yet a
probability of being right; a monotone map fitted on dev data (Text+Berg dev and
Candide es-en, see ``bench/calibrate.py``) turns it into one. The map is a
piecewise-linear curve through (posterior, observed precision) knots.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: (posterior, P(bead exactly right)) knots; identity until fitted
IDENTITY: tuple[tuple[float, float], ...] = ((0.0, 0.0), (1.0, 1.0))


def calibrate(posterior: float, knots: Sequence[tuple[float, float]] = IDENTITY) -> float:
    """The confidence for a bead posterior, rounded to 4 decimals."""
    xs, ys = zip(*knots, strict=True)
    return round(float(np.interp(posterior, xs, ys)), 4)
