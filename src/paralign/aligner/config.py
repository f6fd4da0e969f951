"""The settings of the aligner, in one dataclass."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .scoring import ScoreWeights


@dataclass(frozen=True)
class AlignerConfig:
    """How beads are scored and searched.

    ``max_bead`` bounds n+m for n-m beads with n, m ≥ 1; 1-0 and 0-1 beads are
    always allowed. ``weights`` are the few numbers of the bead score.
    """

    max_bead: int = 4
    #: DP band half-width (in sentences) around the projected coarse path
    band: int = 8
    #: the coarsest level is searched in full once both sides are at most this long
    coarse_size: int = 256
    weights: ScoreWeights = field(default_factory=ScoreWeights)
    #: embed multi-sentence blocks as text: "auto" (where the bead shape is in
    #: doubt), "all", or "none" (sums of sentence vectors only; fastest)
    overlaps: str = "auto"
    #: a 1-1 bead scoring this much above the skip score is sure: no blocks around it
    sure_score: float = 0.5
    #: sentences on each side of a doubtful bead whose blocks are embedded too
    overlap_reach: int = 2
    #: logistic mapping of a bead's score (relative to the skip score) to a confidence
    conf_slope: float = 12.0
    conf_shift: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
