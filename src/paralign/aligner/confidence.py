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
    (0.0, 0.3077),
    (0.3035, 0.3077),
    (0.4157, 0.5),
    (0.6659, 0.6667),
    (0.6778, 0.75),
    (0.7397, 0.8491),
    (0.8168, 0.8727),
    (0.9163, 0.9048),
    (0.9422, 0.9407),
    (0.9969, 0.9506),
    (0.9996, 0.9508),
    (0.9999, 0.9756),
    (1.0, 1.0),
)
#: fitted for 1-0 and 0-1 beads, whose posteriors say less (most are right)
NULL_MAP: tuple[tuple[float, float], ...] = (
    (0.0, 0.8085),
    (0.3306, 0.8085),
    (0.7387, 1.0),
    (1.0, 1.0),
)


def calibrate(posterior: float, knots: Sequence[tuple[float, float]] = IDENTITY) -> float:
    """The confidence for a bead posterior, rounded to 4 decimals."""
    xs, ys = zip(*knots, strict=True)
    return round(float(np.interp(posterior, xs, ys)), 4)
