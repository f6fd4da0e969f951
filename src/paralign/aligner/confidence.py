"""Bead confidence: the probability that a bead is exactly right.

A bead's score is compared with what the search could have done instead around
it; the margin is mapped to 0..1 by a logistic curve whose two constants were
fitted on dev data (Text+Berg dev, Candide; see docs/aligner.md).
"""

from __future__ import annotations

import numpy as np


def logistic(x: np.ndarray, slope: float, shift: float) -> np.ndarray:
    """``1 / (1 + exp(-slope · (x - shift)))``, elementwise and overflow-safe."""
    z = np.clip(slope * (np.asarray(x, dtype=np.float64) - shift), -40, 40)
    return 1.0 / (1.0 + np.exp(-z))
