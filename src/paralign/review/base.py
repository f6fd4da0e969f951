"""What every review check shares: the finding, the review, and the view of one bead.

A check is a function ``check(ctx: ReviewContext) -> list[Finding]``; it reads the
beads through :class:`ReviewContext`, which holds what several checks need
(bead texts, per-bead similarity, editorial-bracket-free target text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..model import Alignment, Bead
from ..registry import Registry
from ..vocab import FindingKind, Level

#: every kind of finding, in the order the report lists them
KINDS: dict[str, str] = {
    FindingKind.OMISSION: "source text with no translation (1-0 bead)",
    FindingKind.ADDITION: "translation with no source (0-1 bead)",
    FindingKind.NUMBER: "numbers or dates that differ",
    FindingKind.MEANING: "negation, modality or quotation that differs",
    FindingKind.LOW_SIMILARITY: (
        "source and translation say different things (similarity low for the length)"
    ),
    FindingKind.LENGTH: "translation much longer or shorter than expected",
    FindingKind.NAME: "a proper name on one side only",
    FindingKind.UNTRANSLATED: "target text identical to the source",
    FindingKind.EDITORIAL: "an editor's insertion in brackets",
}


def add_kind(kind: str, description: str) -> None:
    """Make ``kind`` a finding kind (a plug-in check's), listed after the built-in ones."""
    if kind in KINDS and KINDS[kind] != description:
        raise ValueError(f"finding kind {kind!r} exists already: {KINDS[kind]}")
    KINDS[kind] = description


#: severity bands, highest first: a finding's ``level`` is the first whose floor it reaches
LEVELS: tuple[tuple[str, float], ...] = (
    (Level.HIGH, 0.7),
    (Level.MEDIUM, 0.45),
    (Level.LOW, 0.25),
    (Level.INFO, 0.0),
)


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer should look at.

    ``kind`` is a key of :data:`KINDS`; ``severity`` in 0..1 says how likely it is
    to be a real problem worth a look; ``bead`` is the index of the bead in
    ``alignment.beads`` (people read it as bead ``bead + 1``, as the report, the
    terminal, the JSON lines and the TEI link ids ``al{bead + 1}`` number it);
    ``evidence`` holds the strings and numbers behind the explanation (e.g.
    ``{"source": "155", "target": "135"}``).
    """

    kind: str
    severity: float
    bead: int
    explanation: str
    evidence: dict[str, object] = field(default_factory=dict)

    @property
    def doubtful(self) -> bool:
        """Whether the finding may come from a doubtful alignment rather than from the
        translation (see :data:`DOUBTFUL_BELOW`)."""
        return self.evidence.get("alignment") == "doubtful"

    @property
    def level(self) -> str:
        """``high``, ``medium``, ``low`` or ``info``."""
        for name, floor in LEVELS:
            if self.severity >= floor:
                return name
        return Level.INFO

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "kind": self.kind,
            "severity": round(self.severity, 3),
            "level": self.level,
            "bead": self.bead + 1,
            "link": f"al{self.bead + 1}",
            "explanation": self.explanation,
            "evidence": self.evidence,
        }


@dataclass
class Review:
    """The findings of a review of one alignment, ranked, with the per-bead similarity.

    ``findings`` are ranked: by the combined risk of their bead (several independent
    signals on one bead make it more likely to be wrong), then by severity.
    """

    alignment: Alignment
    findings: list[Finding]
    similarity: list[float | None]
    encoder: str = ""

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def counts(self) -> dict[str, int]:
        """Number of findings of each kind, for every kind (zeros included)."""
        c = Counter(f.kind for f in self.findings)
        return {k: c.get(k, 0) for k in KINDS}

    def by_bead(self) -> dict[int, list[Finding]]:
        """Findings grouped by bead index."""
        out: dict[int, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.bead, []).append(f)
        return out

    def of_kind(self, kind: str) -> list[Finding]:
        """The findings of one kind, in rank order."""
        return [f for f in self.findings if f.kind == kind]

    def bead_risk(self, bead: int) -> float:
        """Noisy-OR of the severities of a bead's findings: 0 when it has none."""
        return bead_risks(self.findings).get(bead, 0.0)


def bead_risks(findings: list[Finding]) -> dict[int, float]:
    """Noisy-OR of finding severities per bead."""
    keep: dict[int, float] = {}
    for f in findings:
        keep[f.bead] = 1.0 - (1.0 - keep.get(f.bead, 0.0)) * (1.0 - f.severity)
    return keep


def rank(findings: list[Finding]) -> list[Finding]:
    """Findings ordered: departures of the translation before findings a doubtful
    alignment may cause; then by bead risk, severity, bead and kind (deterministic)."""
    risks = bead_risks(findings)
    order = list(KINDS)
    return sorted(
        findings,
        key=lambda f: (
            f.doubtful,
            -round(risks[f.bead], 6),
            -f.severity,
            f.bead,
            order.index(f.kind),
        ),
    )


@dataclass
class BeadView:
    """One bead as the checks see it."""

    index: int
    bead: Bead
    src: str
    tgt: str
    #: target text without editorial insertions (square brackets, glosses in parentheses
    #: the source has not) and without page furniture (see :mod:`.furniture`)
    tgt_plain: str
    similarity: float | None
    #: source text without page furniture (letterheads, running headers, page numbers);
    #: the source text itself when not given
    src_plain: str | None = None
    #: lengths of the furniture pieces taken out of the source
    src_furniture: tuple[int, ...] = ()
    #: page furniture the clean stage kept out of the source at this bead (letterheads,
    #: running headers before or inside it): a translation may render it, or not
    src_kept: str = ""

    def __post_init__(self) -> None:
        if self.src_plain is None:
            self.src_plain = self.src


@dataclass
class ReviewContext:
    """What the checks read: the alignment, its beads as text, the similarities."""

    alignment: Alignment
    beads: list[BeadView]

    @property
    def src_lang(self) -> str:
        return self.alignment.src.lang

    @property
    def tgt_lang(self) -> str:
        return self.alignment.tgt.lang

    def finding(
        self, kind: str, severity: float, bead: int, explanation: str, **evidence: object
    ) -> Finding:
        """A finding with its severity clipped to 0..1."""
        return Finding(kind, round(min(1.0, max(0.0, severity)), 4), bead, explanation, evidence)


#: a review check: ``check(ctx) -> findings``
Check = Callable[[ReviewContext], list[Finding]]

#: the checks that need nothing but the texts, in the order they run: each module of
#: this package registers its check with ``@CHECKS.register(name, order=…)``; a
#: plug-in check registers the same way, with its finding kinds (:func:`add_kind`)
CHECKS: Registry[Check] = Registry("review check", "paralign.review")
