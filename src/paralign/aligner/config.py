"""The settings of the aligner, in one dataclass."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class AlignerConfig:
    """How beads are scored and searched.

    ``max_bead`` bounds n+m for n-m beads with n, m ≥ 1; 1-0 and 0-1 beads are
    always allowed. The rest are the weights of the bead score (see ``scoring``).
    """

    max_bead: int = 4
    #: DP band half-width (in sentences) around the projected coarse path
    band: int = 8
    #: the coarsest level is searched in full once both sides are at most this long
    coarse_size: int = 256

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
