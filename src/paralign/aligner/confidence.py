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
    (0.0, 0.0),
    (0.2989, 0.0),
    (0.4578, 0.55),
    (0.507, 0.5714),
    (0.6169, 0.7656),
    (0.7329, 0.7903),
    (0.8368, 0.8333),
    (0.8556, 0.9),
    (0.8855, 0.931),
    (0.9419, 0.9362),
    (0.9985, 0.9468),
    (0.9995, 0.9742),
    (1.0, 1.0),
)
#: fitted for 1-0 and 0-1 beads, whose posteriors say less (most are right)
NULL_MAP: tuple[tuple[float, float], ...] = (
    (0.0, 0.4),
    (0.3998, 0.4),
    (0.8833, 1.0),
    (1.0, 1.0),
)


def calibrate(posterior: float, knots: Sequence[tuple[float, float]] = IDENTITY) -> float:
    """The confidence for a bead posterior, rounded to 4 decimals."""
    xs, ys = zip(*knots, strict=True)
    return round(float(np.interp(posterior, xs, ys)), 4)
