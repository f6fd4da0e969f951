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

#: (posterior, P(bead exactly right)) knots
IDENTITY: tuple[tuple[float, float], ...] = ((0.0, 0.0), (1.0, 1.0))
#: fitted on the dev sets for beads with both sides (bench/results/calibration.json)
PAIRS_MAP: tuple[tuple[float, float], ...] = (
    (0.0, 0.25),
    (0.271, 0.25),
    (0.4721, 0.5882),
    (0.6305, 0.726),
    (0.7093, 0.7273),
    (0.7658, 0.78),
    (0.8457, 0.8387),
    (0.8867, 0.9167),
    (0.9359, 0.9329),
    (0.9888, 0.9425),
    (0.9985, 0.9426),
    (0.9999, 0.9844),
    (1.0, 1.0),
)
#: fitted for 1-0 and 0-1 beads, whose posteriors say less (most are right)
NULL_MAP: tuple[tuple[float, float], ...] = (
    (0.0, 0.8478),
    (0.3187, 0.8478),
    (0.7931, 1.0),
    (1.0, 1.0),
)


def calibrate(posterior: float, knots: Sequence[tuple[float, float]] = IDENTITY) -> float:
    """The confidence for a bead posterior, rounded to 4 decimals."""
    xs, ys = zip(*knots, strict=True)
    return round(float(np.interp(posterior, xs, ys)), 4)
