"""Thresholds of the review checks, calibrated on gold alignments (not guessed).

Made by ``bench/review_calibrate.py`` from the correct (gold) beads of the
development data in ../shared/eval (Candide es-en and Text+Berg de-fr dev):
see docs/review.md. Re-run it after changing an encoder and paste its output here.

Each encoder carries its similarity bins in its own module
(``Encoder.calibration.similarity``, :func:`paralign.encoders.calibration_for`):
length bins ``(max_chars, floor, wrong)`` where
``max_chars`` bounds the mean character length of the bead's two sides,
``floor`` is the 5th percentile of the cosine similarity of gold beads of that
length (95% of correct beads score above it) and ``wrong`` the median similarity
of wrong beads of that length (a source paired with its gold neighbour's
target). A bead below ``floor`` is flagged; its severity grows as it nears ``wrong``.
An encoder with no bins (any sentence-transformers model) gets bins estimated from
the reviewed document's own beads (:func:`paralign.review.similarity.thresholds`).
"""

from __future__ import annotations

import math

#: quantile of correct beads below which a bead is flagged
FLOOR_QUANTILE = 0.05

#: |delta| (Gale-Church standardised length difference) above which a bead is flagged:
#: the 99th percentile of |delta| over 1,438 gold beads of 30+ characters (q95: 2.14)
LENGTH_DELTA = 2.97


def severity_for_rate(rate: float) -> float:
    """The severity of a finding that fires on ``rate`` of correct beads (its false alarms).

    One scale for the checks whose strength is a rate: anchored on the similarity
    check, where a bead at the floor (as low as 5% of correct beads) gets 0.4, each
    tenfold rarer finding gets 0.3 more: 0.5% → 0.7, 0.05% → 0.9 (the cap); 50% → 0.1.
    """
    return round(min(0.9, max(0.1, 0.4 + 0.3 * math.log10(0.05 / max(rate, 1e-9)))), 3)


def rate_upper(count: int, n: int, z: float = 1.96) -> float:
    """Upper end of the 95% Wilson interval of ``count / n``: a rare marker seen once in
    a thousand beads is not given the severity of one never seen."""
    p = count / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre + spread) / (1 + z * z / n)


#: how often each meaning marker fires on a correct bead, as (beads, of correct beads):
#: Candide es-en's gold beads with both sides, two independent translations of
#: Voltaire's French (so more than a faithful translation would show).
#: From bench/review_calibrate.py; the severity uses the upper end of the rate's interval.
MEANING_COUNTS: dict[str, tuple[int, int]] = {
    "negation": (146, 1097),
    "certainty": (37, 1097),
    "modality": (201, 1097),
    "scare-quotes": (1, 1097),
    "quotation": (371, 1097),
}
MEANING_SEVERITY: dict[str, float] = {
    k: severity_for_rate(rate_upper(*c)) for k, c in MEANING_COUNTS.items()
}
