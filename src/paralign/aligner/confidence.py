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
    (0.3451, 0.0),
    (0.4704, 0.5484),
    (0.551, 0.6),
    (0.6235, 0.7059),
    (0.6885, 0.75),
    (0.7406, 0.78),
    (0.8665, 0.8571),
    (0.8859, 0.9167),
    (0.9798, 0.9402),
    (0.9995, 0.9743),
    (0.9999, 0.9846),
    (1.0, 1.0),
)
#: fitted for 1-0 and 0-1 beads, whose posteriors say less (most are right)
NULL_MAP: tuple[tuple[float, float], ...] = (
    (0.0, 0.2),
    (0.4124, 0.2),
    (0.4816, 0.3333),
    (0.5876, 0.75),
    (0.9679, 1.0),
    (1.0, 1.0),
)


def calibrate(posterior: float, knots: Sequence[tuple[float, float]] = IDENTITY) -> float:
    """The confidence for a bead posterior, rounded to 4 decimals."""
    xs, ys = zip(*knots, strict=True)
    return round(float(np.interp(posterior, xs, ys)), 4)
